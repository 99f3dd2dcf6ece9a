// The architecture as import rules, checked on every `npm test` (the README's layout table says
// the same):
// - cores (engine, tuner, data, sweeps) import only cores and do no I/O (no node:fs, net or
//   child_process); the tuner knows nothing of the engine, data nothing of either;
// - adapters (db, queue) import nothing of ours;
// - runners import cores and sweeps;
// - apps (web, worker) import anything below them, and never each other;
// - cli and sdk import no app; the sdk talks HTTP only.
// Edges the code still has against these rules are listed in EXCEPTIONS, exactly, so that no new
// one can appear; an exception that is no longer needed fails too, so the list only shrinks.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const CORES = ['@sweepwise/data', '@sweepwise/tuner', '@sweepwise/engine', '@sweepwise/sweeps'];
const ADAPTERS = ['@sweepwise/db', '@sweepwise/queue'];
const RUNNERS = ['@sweepwise/runners'];
const OURS = [...CORES, ...ADAPTERS, ...RUNNERS, '@sweepwise/web', '@sweepwise/worker'];
const FACES = ['@sweepwise/cli', '@sweepwise/sdk'];
const IO_MODULES = ['fs', 'fs/promises', 'net', 'child_process'].flatMap((m) => [m, `node:${m}`]);
const IO_PACKAGES = [
  'pg',
  '@prisma/client',
  '@prisma/adapter-pg',
  'bullmq',
  'ioredis',
  'next',
  'react',
];

const core = (may, why) => ({ may, io: false, why });
const RULES = {
  'packages/data': core([], 'data is a core that imports nothing of ours'),
  'packages/tuner': core([], 'the tuner is a core and searches any objective'),
  'packages/engine': core(['@sweepwise/data'], 'the engine is a core that reads only data'),
  'packages/sweeps': core(CORES, 'sweeps is a core: it imports only cores'),
  'packages/db': { may: [], why: 'adapters import nothing of ours' },
  'packages/queue': { may: [], why: 'adapters import nothing of ours' },
  'packages/runners': { may: CORES, why: 'runners import only cores and sweeps' },
  'apps/web': {
    may: [...CORES, ...ADAPTERS],
    why: 'the dashboard runs no trial: it imports cores, sweeps, db and queue, never the worker',
  },
  'apps/worker': {
    may: [...CORES, ...ADAPTERS, ...RUNNERS],
    why: 'apps import what is below them; web and worker never import each other',
  },
  'packages/cli': {
    may: [...CORES, ...ADAPTERS, ...RUNNERS, '@sweepwise/sdk'],
    why: 'the cli imports no app',
  },
  'packages/sdk': { may: [], io: false, why: 'the sdk talks HTTP only' },
};

// Edges the code has against the rules above, as exact strings with a reason each (issue 14 moved
// the last ones away): a new edge fails until it is listed here.
const EXCEPTIONS = [];

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.next', '.turbo'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(m?[jt]sx?)$/.test(name)) yield path;
  }
}

const importRe =
  /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\.meta\.resolve\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
// The engine must also stay importable in a browser (its optimizers run there): its sources use no
// Node built-in at all, except Node's worker threads in its one Node-only entry, src/threads/
// (@sweepwise/engine/threads: it starts the threads of data-parallel runs; the core only asks for
// them), and nothing else in the engine's sources imports that entry.
const ENGINE_SRC = /^packages\/engine\/src\//;
const ENGINE_NODE_ONLY = /^packages\/engine\/src\/threads\//;
const engineEdge = (path, spec) => {
  if (!ENGINE_SRC.test(path)) return null;
  const nodeOnly = ENGINE_NODE_ONLY.test(path);
  if (spec.startsWith('node:') && !(nodeOnly && spec === 'node:worker_threads'))
    return 'the engine core runs in browsers too';
  if (!nodeOnly && /(^|\/)threads\//.test(spec))
    return 'only Node callers use the engine threads entry';
  return null;
};
const isTest = (path) => /(^|\/)test\/|\.test\.tsx?$/.test(path);
const found = [];
for (const [dir, rule] of Object.entries(RULES)) {
  if (!existsSync(dir)) continue;
  const forbidden = (name) =>
    ([...OURS, ...FACES].includes(name) && !rule.may.includes(name)) ||
    (rule.io === false && IO_PACKAGES.includes(name));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (dep !== pkg.name && forbidden(dep))
      found.push({ edge: `${dir}/package.json depends on ${dep}`, why: rule.why });
  }
  for (const file of sourceFiles(dir)) {
    const path = relative('.', file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
      const bare = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0];
      const io = rule.io === false && !isTest(path) && IO_MODULES.includes(spec);
      // A relative path into another package is an import of it, whatever the rules say.
      const escapes =
        spec.startsWith('.') && relative(dir, resolve(file, '..', spec)).startsWith('..');
      if ((bare !== pkg.name && forbidden(bare)) || io || escapes)
        found.push({ edge: `${path} imports ${spec}`, why: io ? 'cores do no I/O' : rule.why });
      const engine = engineEdge(path, spec);
      if (engine) found.push({ edge: `${path} imports ${spec}`, why: engine });
    }
  }
}

const violations = found
  .filter((v) => !EXCEPTIONS.includes(v.edge))
  .map((v) => `${v.edge}: ${v.why}`);
for (const stale of EXCEPTIONS.filter((e) => !found.some((v) => v.edge === e)))
  violations.push(`${stale}: no longer happens, remove it from EXCEPTIONS`);

// The test-set guard as a rule: outside tests, only the promotion flow (and the benchmarks, which
// evaluate each winner once) may open a sealed test split.
const UNSEAL_ALLOWED = [
  /^packages\/data\/src\//,
  /^packages\/runners\/src\/promotion\//,
  /^packages\/cli\/src\/bench\//,
];
for (const dir of ['apps', 'packages']) {
  for (const file of sourceFiles(dir)) {
    const path = relative('.', file);
    if (isTest(path) || UNSEAL_ALLOWED.some((re) => re.test(path))) continue;
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
const checked = Object.keys(RULES).filter((dir) => existsSync(dir)).length;
console.log(
  `boundaries: ${checked} packages checked, no new edge (${EXCEPTIONS.length} known exceptions left)`,
);
