import type { TrialRunner } from '../trial-runner.js';
import { codeDir, runCommandTrial } from './command-trial.js';

/** A user's own training command (see command-trial.ts), reporting JSON lines on stdout. */
export const commandRunner: TrialRunner = {
  async run({ sweep, trial, signal }, io) {
    if (!('command' in sweep.workload) || !sweep.workload.command) {
      throw new Error('commandRunner needs a command workload');
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
