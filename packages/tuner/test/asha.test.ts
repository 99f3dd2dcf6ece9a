import { describe, expect, it } from 'vitest';
import { createStudy, loadStudy, type Study } from '../src/index.js';
import { HyperbandRule } from '../src/stoppers/hyperband.js';

const SPACE = { x: { type: 'float', low: 0, high: 1 } };

function ashaStudy(): Study {
  return createStudy({
    space: SPACE,
    direction: 'minimize',
    sampler: { type: 'random', seed: 1 },
    stopper: { type: 'asha', minResource: 1, reductionFactor: 3, maxResource: 27 },
    metricName: 'loss',
    stepName: 'epoch',
  });
}

/** Reports (step, value) for trial id and returns the decision. */
function step(study: Study, id: number, epoch: number, value: number) {
  study.report(id, epoch, value);
  return study.shouldStop(id);
}

describe('ASHA on a scripted sequence (rungs at epochs 1, 3, 9)', () => {
  it('keeps the top 1/eta of each rung as trials arrive', () => {
    const study = ashaStudy();
    const ids = Array.from({ length: 6 }, () => study.ask().id);
    // Alone at the rung: the first trials go on only if they are the best so far.
    expect(step(study, ids[0], 1, 0.5).stop).toBe(false);
    expect(step(study, ids[1], 1, 0.7)).toMatchObject({
      stop: true,
      rule: 'asha',
      step: 1,
      value: 0.7,
      rank: 2,
      peers: 1,
      threshold: 0.5,
      reason:
        'stopped at epoch 1: loss 0.7 ranks 2 of 2 at the rung at epoch 1; only the top 1 (1/3) go on',
    });
    study.tell(ids[1], { state: 'pruned' });
    expect(step(study, ids[2], 1, 0.4).stop).toBe(false);
    expect(step(study, ids[3], 1, 0.6).stop).toBe(true);
    expect(step(study, ids[4], 1, 0.2).stop).toBe(false);
    // Six values at the rung: the top two (0.2, 0.4) go on, 0.55 ranks 4th.
    expect(step(study, ids[5], 1, 0.55)).toMatchObject({ stop: true, rank: 4, threshold: 0.4 });
    // Trial 0 was promoted when it reached the rung; later, better arrivals do not revoke that.
    expect(step(study, ids[0], 2, 0.48)).toMatchObject({
      stop: false,
      reason: 'continues at epoch 2: passed the rung at epoch 1; next rung at epoch 3',
    });
    expect(step(study, ids[0], 3, 0.45).stop).toBe(false);
    expect(step(study, ids[2], 3, 0.3).stop).toBe(false);
    // Three at the epoch-3 rung (0.45, 0.3, 0.35): only the best goes on.
    expect(step(study, ids[4], 3, 0.35)).toMatchObject({ stop: true, rank: 2, peers: 2 });
  });

  it('ranks each rung by the first report at or after it, judging skipped rungs in order', () => {
    const study = ashaStudy();
    const a = study.ask().id;
    const b = study.ask().id;
    step(study, a, 1, 0.5);
    step(study, a, 3, 0.3);
    // b reports first at epoch 4: rung 1 (epoch 1) sees 0.4 and lets it on; rung 2 (epoch 3) sees
    // 0.4 against a's 0.3 and stops it.
    expect(step(study, b, 4, 0.4)).toMatchObject({ stop: true, step: 4, threshold: 0.3 });
  });

  it('keeps its promotions through toJSON/loadStudy', () => {
    const study = ashaStudy();
    const [a, b] = [study.ask().id, study.ask().id];
    step(study, a, 1, 0.9);
    step(study, b, 1, 0.1);
    const copy = loadStudy(JSON.parse(JSON.stringify(study.toJSON())));
    // a was promoted before b arrived; a fresh judgment would stop it.
    expect(step(copy, a, 2, 0.9).stop).toBe(false);
    expect(copy.toJSON().stopperState).toEqual({ promoted: { 0: 0, 1: 0 } });
  });

  it('has no rung at or beyond maxResource', () => {
    const study = ashaStudy();
    const [a, b] = [study.ask().id, study.ask().id];
    for (const epoch of [1, 3, 9]) step(study, a, epoch, 0.1);
    for (const epoch of [1, 3, 9]) step(study, b, epoch, 0.05);
    expect(step(study, a, 27, 0.1)).toMatchObject({
      stop: false,
      reason: 'continues at epoch 27: passed the rung at epoch 9; no rung ahead',
    });
  });
});

describe('Hyperband', () => {
  const rule = new HyperbandRule({ minResource: 1, maxResource: 27, reductionFactor: 3 });

  it('spreads trials over 4 brackets in proportion to their budgets 27:12:6:4', () => {
    const counts = [0, 0, 0, 0];
    for (let id = 0; id < 4900; id++) counts[rule.bracketOf(id)]++;
    const expected = [27, 12, 6, 4].map((b) => (b / 49) * 4900);
    counts.forEach((c, i) => expect(Math.abs(c - expected[i]) / expected[i]).toBeLessThan(0.15));
  });

  it('ranks a trial only against its bracket; the last bracket never stops', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
      stopper: { type: 'hyperband', minResource: 1, maxResource: 27, reductionFactor: 3 },
    });
    const ids = Array.from({ length: 200 }, () => study.ask().id);
    const inBracket = (b: number) => ids.filter((id) => rule.bracketOf(id) === b);
    const [best, worst] = inBracket(0);
    step(study, best, 1, 0.1);
    expect(step(study, worst, 1, 0.9)).toMatchObject({ stop: true, peers: 1 });
    // Bracket 1's first rung is at epoch 3; a worse value there is still first in its bracket.
    const other = inBracket(1)[0];
    expect(step(study, other, 3, 0.95).stop).toBe(false);
    const last = inBracket(3);
    step(study, last[0], 20, 0.1);
    expect(step(study, last[1], 26, 99)).toMatchObject({
      stop: false,
      reason: 'continues at step 26: no rung ahead (bracket 4 of 4)',
    });
  });
});
