import { describe, expect, it } from 'vitest';
import { SweepSpec, type SweepSpecInput } from '../src/index.js';

const fileSweep = (path: string) =>
  ({
    name: 'data-path',
    workload: { engine: { dataset: { path, target: 'y', task: 'regression' }, epochs: 2 } },
    metric: { name: 'val_loss', goal: 'minimize' },
    parameters: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 2 },
  }) as SweepSpecInput;

describe('a sweep on a data file', () => {
  it('is refused at creation when dataset.path is absolute or contains .., naming the field', () => {
    for (const path of ['/etc/shadow.csv', '../../home/me/data.csv', 'a/../../b.json']) {
      const result = SweepSpec.safeParse(fileSweep(path));
      expect(result.success).toBe(false);
      const paths = result.error!.issues.map((i) => i.path.join('.'));
      expect(paths).toEqual(['workload.engine.dataset.path']);
    }
    expect(SweepSpec.safeParse(fileSweep('sets/data.csv')).success).toBe(true);
  });
});
