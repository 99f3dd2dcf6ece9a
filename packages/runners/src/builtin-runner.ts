import { BUILTIN_OBJECTIVES } from '@sweepwise/sweeps';
import type { TrialRunner } from './trial-runner.js';

/**
 * Reports `steps` points of a learning curve falling linearly onto the objective's value, so the
 * stopping rules see trials that are ranked the same at every step. With simulated time per step
 * it also checkpoints each step (the step is its whole state), so a retry resumes where it was;
 * instant trials have nothing worth resuming.
 */
export const builtinRunner: TrialRunner = {
  async run({ sweep, trial, resumeFrom, signal }, io) {
    if (!('builtin' in sweep.workload) || !sweep.workload.builtin) {
      throw new Error('builtinRunner needs a builtin workload');
    }
    const { objective, steps, stepSeconds = 0 } = sweep.workload.builtin;
    const f = BUILTIN_OBJECTIVES[objective];
    if (!f) throw new Error(`unknown builtin objective ${JSON.stringify(objective)}`);
    const value = f(trial.params);
    const metric = sweep.objectiveMetric;
    for (let step = (resumeFrom?.step ?? 0) + 1; step <= steps; step++) {
      if (stepSeconds > 0) await sleep(stepSeconds * 1000, signal);
      const point = value + (steps - step) / steps;
      if ((await io.report(step, { [metric]: point })) === 'stop') {
        return { status: 'stopped', value: point, metrics: { [metric]: point, steps: step } };
      }
      if (stepSeconds > 0)
        await io.checkpoint?.(step, new TextEncoder().encode(JSON.stringify({ step })));
    }
    return { status: 'completed', value, metrics: { [metric]: value, steps } };
  },
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('trial aborted'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('trial aborted'));
      },
      { once: true },
    );
  });
}
