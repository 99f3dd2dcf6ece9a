import type { TrialRunner } from './trial-runner.js';

/**
 * Synthetic objectives that cost nothing to evaluate: smoke tests of a deployment, demos of the
 * samplers and stopping rules, and the scheduler benchmark, which measures the platform and not
 * the model. They run on the event loop because they do no real work.
 */
export const BUILTIN_OBJECTIVES: Record<string, (params: Record<string, unknown>) => number> = {
  /** Sum of (x - 0.3)^2 over the numeric parameters: one minimum, at 0.3 in every dimension. */
  quadratic(params) {
    const xs = Object.values(params).filter((v): v is number => typeof v === 'number');
    if (xs.length === 0) throw new Error('the quadratic objective needs a numeric parameter');
    return xs.reduce((sum, x) => sum + (x - 0.3) ** 2, 0);
  },
  /** Branin-Hoo on x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887 (Dixon & Szego 1978). */
  branin(params) {
    const { x1, x2 } = params;
    if (typeof x1 !== 'number' || typeof x2 !== 'number') {
      throw new Error(
        `the branin objective needs numeric parameters x1 and x2, got ${JSON.stringify(params)}`,
      );
    }
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};

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
        await io.checkpoint(step, new TextEncoder().encode(JSON.stringify({ step })));
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
