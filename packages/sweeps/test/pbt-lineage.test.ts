import { describe, expect, it } from 'vitest';
import {
  pbtLineage,
  pbtOverview,
  pbtSchedule,
  PbtHistoryError,
  type PbtHistory,
} from '../src/index.js';

// Three members (lr 0.01, 0.02, 0.03). Member 0 copied member 2 at step 2 and explored lr 0.036;
// member 1 then diverged and copied member 0 at step 6 with lr 0.05.
const history = (bestTrialId: string | null): PbtHistory => ({
  events: [
    { step: 2, trialId: 'm0', sourceId: 'm2', newParams: { lr: 0.036 } },
    { step: 6, trialId: 'm1', sourceId: 'm0', newParams: { lr: 0.05 } },
  ],
  members: [0, 1, 2].map((number) => ({
    id: `m${number}`,
    number,
    params: { lr: 0.01 * (number + 1) },
  })),
  bestTrialId,
});

describe('PBT lineage from a stored history', () => {
  it('walks back through the sources to the member the weights started from', () => {
    expect(pbtLineage(history(null), 'm1').map((e) => [e.trialId, e.sourceId, e.step])).toEqual([
      ['m0', 'm2', 2],
      ['m1', 'm0', 6],
    ]);
    expect(pbtLineage(history(null), 'm2')).toEqual([]);
  });

  it("gives the replayable schedule: the origin's params, then each copy's from the next epoch", () => {
    const schedule = pbtSchedule(history(null), 'm1');
    expect(schedule).toMatchObject({
      trialId: 'm1',
      number: 1,
      originTrialId: 'm2',
      originNumber: 2,
    });
    expect(schedule.segments.map((s) => [s.fromStep, s.params])).toEqual([
      [1, { lr: 0.03 }],
      [3, { lr: 0.036 }],
      [7, { lr: 0.05 }],
    ]);
  });

  it('defaults to the best member, and says why when there is none or the trial is unknown', () => {
    expect(pbtSchedule(history('m0')).segments.map((s) => s.fromStep)).toEqual([1, 3]);
    expect(() => pbtSchedule(history(null))).toThrow(
      new PbtHistoryError('no member of the sweep has completed'),
    );
    expect(() => pbtSchedule(history(null), 'm9')).toThrow(/trial m9 is not a member/);
  });

  it("overviews the events and the best member's lineage and schedule", () => {
    expect(pbtOverview(history(null))).toEqual({ events: history(null).events, best: null });
    const overview = pbtOverview(history('m0'));
    expect(overview.best?.lineage.map((e) => e.trialId)).toEqual(['m0']);
    expect(overview.best?.schedule).toEqual(pbtSchedule(history('m0'), 'm0'));
  });
});
