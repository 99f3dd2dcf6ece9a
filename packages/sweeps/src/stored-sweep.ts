import { redactWorkload } from './command-env.js';
import { objectivesOf, type SweepSpec } from './spec.js';
import { objectivePointsOf, paretoFrontOf, violatedConstraints } from './study-config.js';

/**
 * The SweepSpec of a stored sweep row (packages/db keeps it, as parsed, in the `spec` column):
 * what export writes as a sweep file, what clone creates again, what a worker runs. Secret env
 * values are left out unless `secrets: 'keep'` (a worker, and a clone made on the server).
 */
export function sweepSpecOf(
  sweep: { spec: unknown },
  { secrets = 'redact' }: { secrets?: 'redact' | 'keep' } = {},
): SweepSpec {
  const spec = sweep.spec as SweepSpec;
  return secrets === 'keep' ? spec : { ...spec, workload: redactWorkload(spec.workload) };
}

/**
 * The program a stored sweep needs a worker to allow (`--allow-commands`) while it runs; null
 * when its trials need no such worker now (not a command, or not running).
 */
export function programToAllow(sweep: { spec: unknown; status: string }): string | null {
  const { workload } = sweep.spec as SweepSpec;
  return sweep.status === 'running' && 'command' in workload ? workload.command.program : null;
}

/** A trial as a promotion judges it: its number, objective and final metrics. */
interface PromotableTrial {
  number: number;
  value: number | null;
  metrics: unknown;
}

/**
 * Why a stored sweep's completed `trial` may not be promoted, or null. An infeasible trial never
 * is (it broke a bound the sweep set); with several objectives, only a trial on the Pareto front
 * of the `completed` ones is (which front point is the user's call; a dominated one is worse at
 * everything than some other).
 */
export function promotionRefusalOf(
  sweep: { spec: unknown },
  trial: PromotableTrial,
  completed: readonly PromotableTrial[],
): string | null {
  const spec = sweep.spec as SweepSpec;
  const metrics = { ...(trial.metrics as Record<string, unknown> | null) };
  if (trial.value !== null) metrics[spec.metric.name] = trial.value;
  const broken = violatedConstraints(spec, metrics);
  if (broken.length > 0) {
    const what = broken.map((c) => {
      const v = metrics[c.metric];
      const bound = c.max !== undefined ? `max ${c.max}` : `min ${c.min}`;
      return `${c.metric} ${typeof v === 'number' ? v : 'not reported'} (${bound})`;
    });
    return `trial ${trial.number} is infeasible, outside the sweep's constraints: ${what.join(', ')}`;
  }
  const objectives = objectivesOf(spec);
  if (objectives.length === 1) return null;
  const front = paretoFrontOf(spec, [...completed.filter((t) => t.number !== trial.number), trial]);
  if (front.includes(trial)) return null;
  const [point] = objectivePointsOf(spec, [trial]);
  const dominator = point
    ? objectivePointsOf(spec, front).find((p) => p.losses.every((l, k) => l <= point.losses[k]))
    : undefined;
  return (
    `trial ${trial.number} is not on the Pareto front of ${objectives.map((o) => o.name).join(', ')}` +
    (dominator ? `: trial ${dominator.trial.number} is as good or better in every one` : '')
  );
}
