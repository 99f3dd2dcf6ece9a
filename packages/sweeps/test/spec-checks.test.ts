import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, SweepSpec } from '../src/index.js';
import { browserSweepSpec } from '../src/spec-checks.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every package a module of src imports at run time, following its relative imports. */
function packagesImportedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const [, spec] of text.matchAll(/^(?:import|export)(?! type )[^;]*?from '([^']+)'/gms)) {
      if (spec.startsWith('./')) visit(spec.slice(2).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

const gpAsha = {
  name: 'gp-asha',
  workload: { engine: { dataset: { name: 'iris' }, epochs: 9 } },
  metric: { name: 'val_acc', goal: 'maximize' },
  parameters: { 'optimizer.lr': { type: 'float', low: 1e-4, high: 0.1, log: true } },
  algorithm: { type: 'gp', seed: 1, startupTrials: 4 },
  stopper: { type: 'asha', reductionFactor: 2 },
  budget: { maxTrials: 8 },
};

const browser = browserSweepSpec(catalogue());

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.'));

describe('the browser entries', () => {
  it('import only the tuner and zod (no engine, no data loaders, no node modules)', () => {
    for (const entry of ['spec.ts', 'spec-checks.ts']) {
      expect([...packagesImportedFrom(entry)].sort()).toEqual(['@sweepwise/tuner', 'zod']);
    }
  });

  it('accepts what the server accepts and refuses a setting out of bounds on the same field', () => {
    expect(browser.safeParse(gpAsha).success).toBe(true);
    expect(SweepSpec.safeParse(gpAsha).success).toBe(true);
    const cases: [object, string, RegExp][] = [
      [{ algorithm: { type: 'gp', startupTrials: 0 } }, 'algorithm.startupTrials', />= 1, got 0/],
      [{ stopper: { type: 'asha', reductionFactor: 1 } }, 'stopper.reductionFactor', />= 2/],
      [{ stopper: { type: 'hyperband' } }, 'stopper.maxResource', /is required/],
    ];
    for (const [patch, path, message] of cases) {
      const bad = { ...gpAsha, ...patch };
      const client = browser.safeParse(bad);
      const server = SweepSpec.safeParse(bad);
      expect(issues(client)).toEqual([path]);
      expect(issues(server)).toEqual([path]);
      expect(client.error!.issues[0].message).toMatch(message);
      expect(server.error!.issues[0].message).toBe(client.error!.issues[0].message);
    }
  });

  it('puts a sampler error and a stopper error each on its own part, both at once', () => {
    const both = {
      ...gpAsha,
      algorithm: { type: 'gp', startupTrials: 0 },
      stopper: { type: 'asha', reductionFactor: 1 },
    };
    const expected = ['algorithm.startupTrials', 'stopper.reductionFactor'];
    expect(issues(browser.safeParse(both))).toEqual(expected);
    expect(issues(SweepSpec.safeParse(both))).toEqual(expected);
  });

  it('leaves the engine checks to the server', () => {
    const typo = { ...gpAsha, workload: { engine: { dataset: { name: 'iris' }, epoch: 9 } } };
    expect(browser.safeParse(typo).success).toBe(true);
    expect(issues(SweepSpec.safeParse(typo))).toEqual(['workload.engine.epoch']);
  });
});
