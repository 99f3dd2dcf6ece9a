import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineRunner, trialSweepOf, type TrialOutcome } from '@sweepwise/runners';

const outer = mkdtempSync(join(tmpdir(), 'sweepwise-data-root-'));
const root = join(outer, 'data');
const saved = { ...process.env };

beforeAll(() => {
  mkdirSync(root);
  const rows = Array.from({ length: 40 }, (_, i) => `${i / 40},${((i * 7) % 40) / 40},${i % 2}`);
  writeFileSync(join(root, 'ok.csv'), ['a,b,y', ...rows].join('\n'));
  writeFileSync(join(outer, 'private.csv'), ['a,b,y', ...rows].join('\n'));
  symlinkSync(join(outer, 'private.csv'), join(root, 'link.csv'));
  writeFileSync(join(root, 'words.csv'), 'a,y\n1,2\n2,hunter2\n3,4\n');
  // The engine thread copies the environment when it starts.
  process.env.SWEEPWISE_DATA_DIR = root;
  process.env.SWEEPWISE_MAX_DATA_FILE_BYTES = '4096';
});

afterAll(() => {
  process.env = saved;
  rmSync(outer, { recursive: true, force: true });
});

function run(dataset: Record<string, unknown>): Promise<TrialOutcome> {
  const sweep = trialSweepOf('data-root', {
    name: 'data-root',
    workload: { engine: { dataset, model: { hidden: [4] }, epochs: 2, batchSize: 8 } },
    metric: { name: 'val_loss', goal: 'minimize' },
    parameters: {},
    algorithm: { type: 'random' },
    stopper: null,
    budget: { maxTrials: 1, maxConcurrentTrials: 1, maxWallTimeS: null },
  });
  return engineRunner.run(
    {
      sweep,
      trial: { id: 't', number: 0, params: {}, attempt: 1 },
      resumeFrom: null,
      signal: new AbortController().signal,
    },
    { report: async () => 'continue', checkpoint: async () => undefined },
  );
}

describe('an engine trial on a data file', () => {
  it('reads a file inside the data root', async () => {
    const result = await run({ path: 'ok.csv', target: 'y', task: 'classification' });
    expect(result.status).toBe('completed');
  });

  it('refuses paths outside the data root: a symbolic link, .., an absolute path, a large file', async () => {
    const spec = { target: 'y', task: 'classification' };
    const failures = await Promise.all(
      ['link.csv', '../private.csv', join(outer, 'private.csv')].map((path) =>
        run({ path, ...spec }),
      ),
    );
    expect(failures.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(failures[0].error).toMatch(/dataset\.path: link\.csv leads outside the data root/);
    expect(failures[1].error).toMatch(/dataset\.path must not contain '\.\.'/);
    expect(failures[2].error).toMatch(/dataset\.path must be relative to the data root/);
    writeFileSync(join(root, 'big.csv'), `a,y\n${'1,0\n'.repeat(2000)}`);
    const big = await run({ path: 'big.csv', ...spec });
    expect(big.error).toMatch(/big\.csv is 8004 bytes, over the limit of 4096/);
  });

  it('fails without quoting the file: the row and the reason, not the cell', async () => {
    const result = await run({ path: 'words.csv', target: 'y', task: 'regression' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/row 2 holds a non-numeric value/);
    expect(result.error).not.toContain('hunter2');
  });
});
