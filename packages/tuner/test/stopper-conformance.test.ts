// Every registered stopper through the same cases: decisions are data with a sentence, and a
// study reloaded mid-sweep decides exactly as the original.

import { describe, expect, it } from 'vitest';
import {
  createStudy,
  loadStudy,
  Rng,
  STOPPERS,
  type StopDecision,
  type Study,
} from '../src/index.js';

/** Options each stopper needs beyond its defaults. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  hyperband: { maxResource: 27 },
  threshold: { bound: 0.8 },
};

function make(type: string): Study {
  return createStudy({
    space: { x: { type: 'float', low: 0, high: 1 } },
    direction: 'minimize',
    sampler: { type: 'random', seed: 3 },
    stopper: { type, ...REQUIRED[type] },
  });
}

/** Runs trials 4 at a time for 27 steps, curves decaying from a random level; returns decisions. */
function drive(study: Study, rng: Rng, trials: number): StopDecision[] {
  const decisions: StopDecision[] = [];
  for (let batch = 0; batch < trials / 4; batch++) {
    const running = Array.from({ length: 4 }, () => ({ ...study.ask(), level: rng.uniform() }));
    for (let step = 1; step <= 27; step++) {
      for (const t of running.filter((r) => study.trials[r.id].state === 'running')) {
        study.report(t.id, step, t.level + 1 / step + 0.05 * rng.normal());
        const d = study.shouldStop(t.id);
        decisions.push(d);
        if (d.stop) study.tell(t.id, { state: 'pruned' });
      }
    }
    for (const t of running) if (study.trials[t.id].state === 'running') study.tell(t.id, t.level);
  }
  return decisions;
}

describe.each(Object.keys(STOPPERS))('%s stopper', (type) => {
  it('returns its decisions as data with a reason sentence, stopping some trials', () => {
    const decisions = drive(make(type), Rng.fromSeed(1), 40);
    for (const d of decisions) {
      expect(d.rule).toBe(type);
      expect(d.reason).toMatch(/^(stopped|continues|warming up|no value)/);
      expect(d.stop).toBe(d.reason.startsWith('stopped'));
    }
    expect(decisions.some((d) => d.stop)).toBe(true);
  });

  it('decides identically after toJSON/loadStudy', () => {
    const study = make(type);
    drive(study, Rng.fromSeed(2), 20);
    const copy = loadStudy(JSON.parse(JSON.stringify(study.toJSON())));
    expect(drive(copy, Rng.fromSeed(5), 20)).toEqual(drive(study, Rng.fromSeed(5), 20));
  });
});
