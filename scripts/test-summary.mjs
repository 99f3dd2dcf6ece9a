// Adds up the test counts vitest (per package) and Playwright printed, as one closing line.
import { readFileSync } from 'node:fs';

// eslint-disable-next-line no-control-regex
const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of text.split('\n')) {
  const vitest = /\bTests\s+(.*)\(\d+\)\s*$/.exec(line);
  const playwright = /^\s*(\d+) (passed|failed|skipped|flaky)\b.*\(\d/.exec(line);
  const counts = vitest ? vitest[1] : playwright ? `${playwright[1]} ${playwright[2]}` : null;
  if (!counts) continue;
  for (const [, n, kind] of counts.matchAll(/(\d+) (passed|failed|skipped)/g)) {
    if (kind === 'passed') passed += Number(n);
    else if (kind === 'failed') failed += Number(n);
    else skipped += Number(n);
  }
}
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
