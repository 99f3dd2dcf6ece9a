import { describe, expect, it } from 'vitest';
import { LrSchedule, SCHEDULE_DEFAULTS, type ScheduleType } from '../src/schedule.js';

function lrs(type: ScheduleType, extra: object, epochs: number): number[] {
  const s = new LrSchedule({ type, ...SCHEDULE_DEFAULTS[type], ...extra }, 1);
  return Array.from({ length: epochs }, (_, e) => s.lr(e));
}

function close(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 12));
}

describe('learning-rate schedules', () => {
  it('constant', () => close(lrs('constant', {}, 3), [1, 1, 1]));
  it('step decay', () =>
    close(lrs('step', { stepSize: 2, gamma: 0.5 }, 5), [1, 1, 0.5, 0.5, 0.25]));
  it('exponential decay', () => close(lrs('exponential', { gamma: 0.9 }, 3), [1, 0.9, 0.81]));
  it('1/t decay', () => close(lrs('inverse_time', { decay: 0.5 }, 3), [1, 1 / 1.5, 0.5]));
  it('cosine annealing with warm restarts, growing periods', () => {
    // periods 2 then 4: restarts at epochs 2 and 6
    const got = lrs('cosine_restarts', { period: 2, periodMult: 2, minLr: 0 }, 7);
    close(got, [
      1,
      0.5,
      1,
      (1 + Math.cos(Math.PI / 4)) / 2,
      0.5,
      (1 + Math.cos((3 * Math.PI) / 4)) / 2,
      1,
    ]);
  });
  it('linear warm-up before any schedule', () => {
    close(
      lrs('step', { warmupEpochs: 4, stepSize: 3, gamma: 0.1 }, 5),
      [0.25, 0.5, 0.75, 0.1, 0.1],
    );
  });
  it('reduce on plateau after patience epochs without improvement, down to minLr', () => {
    const s = new LrSchedule(
      {
        type: 'reduce_on_plateau',
        ...SCHEDULE_DEFAULTS.reduce_on_plateau,
        patience: 1,
        factor: 0.5,
        minLr: 0.3,
      },
      1,
    );
    const seen: number[] = [];
    for (const loss of [1, 0.5, 0.6, 0.7, 0.7, 0.7, 0.4, 0.9, 0.9]) {
      s.observe(loss, true);
      seen.push(s.lr(0));
    }
    close(seen, [1, 1, 1, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3]);
    expect(s.state.scale).toBe(0.125);
  });
  it('reduce on plateau maximizing accuracy', () => {
    const s = new LrSchedule(
      { type: 'reduce_on_plateau', ...SCHEDULE_DEFAULTS.reduce_on_plateau, patience: 0 },
      1,
    );
    s.observe(0.5, false);
    s.observe(0.6, false);
    expect(s.lr(0)).toBe(1);
    s.observe(0.6, false);
    expect(s.lr(0)).toBeCloseTo(0.1, 12);
  });
});
