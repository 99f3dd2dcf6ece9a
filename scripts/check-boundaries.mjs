// The architecture as import rules, checked on every `npm test`: the pure cores import no adapter
// or app, the apps never import each other, db imports no queue, the sdk talks HTTP only.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const PURE = ['@sweepwise/db', '@sweepwise/queue', '@sweepwise/cli', '@sweepwise/sdk'];
const IO = ['pg', '@prisma/client', '@prisma/adapter-pg', 'bullmq', 'ioredis', 'next', 'react'];
const RULES = {
  'packages/engine': { forbid: [...PURE, ...IO, '@sweepwise/tuner'], why: 'the engine is pure' },
  'packages/tuner': {
    forbid: [...PURE, ...IO, '@sweepwise/engine', '@sweepwise/data'],
    why: 'the tuner is pure and searches any objective',
  },
  'packages/data': {
    forbid: [...PURE, ...IO, '@sweepwise/engine', '@sweepwise/tuner'],
    why: 'data is pure',
  },
  'packages/db': {
    forbid: ['@sweepwise/queue', '@sweepwise/cli', 'bullmq', 'ioredis'],
    why: 'db knows no queue',
  },
  'packages/queue': {
    forbid: ['@sweepwise/db', '@sweepwise/cli'],
    why: 'queue is only the contract',
  },
  'packages/sdk': {
    forbid: ['@sweepwise/db', '@sweepwise/queue', ...IO],
    why: 'the sdk talks HTTP only',
  },
  'apps/web': {
    forbid: ['@sweepwise/worker', '@sweepwise/cli'],
    why: 'web and worker never import each other',
  },
  'apps/worker': {
    forbid: ['@sweepwise/web', '@sweepwise/cli'],
    why: 'web and worker never import each other',
  },
};
const APP_PATHS = { 'apps/web': /apps\/worker\//, 'apps/worker': /apps\/web\// };

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.next', '.turbo'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(m?[jt]sx?)$/.test(name)) yield path;
  }
}

const importRe =
  /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const violations = [];
for (const [dir, rule] of Object.entries(RULES)) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (rule.forbid.includes(dep))
      violations.push(`${dir}/package.json depends on ${dep}: ${rule.why}`);
  }
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const bare = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0];
      if (rule.forbid.includes(bare))
        violations.push(`${relative('.', file)} imports ${spec}: ${rule.why}`);
      if (APP_PATHS[dir]?.test(spec))
        violations.push(`${relative('.', file)} imports ${spec}: ${rule.why}`);
    }
  }
}
// The test-set guard as a rule: outside tests, only the promotion flow (and the benchmarks, which
// evaluate each winner once) may open a sealed test split.
const UNSEAL_ALLOWED = [
  /^packages\/data\/src\//,
  /^apps\/worker\/src\/promotion\//,
  /^packages\/cli\/src\/bench\//,
];
for (const dir of ['apps', 'packages']) {
  for (const file of sourceFiles(dir)) {
    const path = relative('.', file);
    if (/(^|\/)test\/|\.test\.tsx?$/.test(path) || UNSEAL_ALLOWED.some((re) => re.test(path)))
      continue;
    if (readFileSync(file, 'utf8').includes('unsealTestSet')) {
      violations.push(
        `${path} uses unsealTestSet: only the promotion flow may open the test split`,
      );
    }
  }
}

if (violations.length > 0) {
  console.error(`Package boundaries broken (${violations.length}):`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log(`boundaries: ${Object.keys(RULES).length} packages checked, no violation`);
