import { codeDir, runCommandTrial } from './command-runner.js';
import type { TrialRunner } from './trial-runner.js';

/** A user's own training command (see command-runner.ts), reporting JSON lines on stdout. */
export const commandWorkloadRunner: TrialRunner = {
  async run({ sweep, trial, signal }, io) {
    if (!('command' in sweep.workload) || !sweep.workload.command) {
      throw new Error('commandWorkloadRunner needs a command workload');
    }
    const { program, args, env, timeoutS } = sweep.workload.command;
    const r = await runCommandTrial({
      program,
      args,
      env,
      timeoutS: timeoutS ?? null,
      params: trial.params,
      trialId: trial.id,
      trialNumber: trial.number,
      sweepId: sweep.id,
      cwd: codeDir(),
      onReport: (step, metrics) => io.report(step, metrics),
      signal,
    });
    const value = r.lastMetrics[sweep.objectiveMetric] ?? null;
    if (r.status === 'completed') return { status: 'completed', value, metrics: r.lastMetrics };
    if (r.status === 'stopped' || r.status === 'cancelled') {
      return { status: 'stopped', value, metrics: r.lastMetrics };
    }
    return { status: 'failed', value: null, metrics: r.lastMetrics, error: r.reason ?? r.status };
  },
};
