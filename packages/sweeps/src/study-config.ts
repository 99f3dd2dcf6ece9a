import { paretoFront, type StudyConfig, type TellResult } from '@sweepwise/tuner';
import { benchmarkSpace } from './benchmark/benchmark-space.js';
import { objectivesOf, type SweepSpec } from './spec.js';

// How a SweepSpec becomes a tuner study, and a finished trial a tell: one definition for the
// worker's controller, the CLI's in-memory run and the spec's own checks. Browser-safe.

/**
 * The study of a sweep: its objectives (one as a direction, several as objectives with the primary
 * one, which stoppers judge, named), its constraints, its sampler and stopper. Engine steps are
 * epochs, and stop reasons say so.
 */
export function studyConfigOf(
  spec: Pick<
    SweepSpec,
    'parameters' | 'metric' | 'metrics' | 'constraints' | 'algorithm' | 'stopper' | 'workload'
  >,
): StudyConfig {
  const objectives = objectivesOf(spec);
  const benchmark = 'engine' in spec.workload ? spec.workload.benchmark : undefined;
  return {
    space: benchmark ? benchmarkSpace(benchmark) : spec.parameters,
    ...(objectives.length > 1
      ? {
          objectives: objectives.map((o) => ({ name: o.name, direction: o.goal })),
          primary: spec.metric.name,
        }
      : { direction: spec.metric.goal }),
    ...(spec.constraints?.length && {
      constraints: spec.constraints as StudyConfig['constraints'],
    }),
    sampler: spec.algorithm,
    ...(spec.stopper && { stopper: spec.stopper }),
    // Stop reasons read "val_loss 0.41 is worse than the median 0.30 of 9 trials at epoch 4".
    metricName: spec.metric.name,
    stepName: 'engine' in spec.workload ? 'epoch' : 'step',
  };
}

/**
 * What to tell the study of a completed trial with final `metrics` (the primary objective's value
 * as `value` when it is not among them), or the name of the first objective or bound it lacks.
 */
export function tellOf(
  spec: Pick<SweepSpec, 'metric' | 'metrics' | 'constraints'>,
  value: number | null,
  metrics: Readonly<Record<string, unknown>> | null,
): { result: TellResult } | { missing: string } {
  const all: Record<string, unknown> = { ...metrics };
  if (value !== null) all[spec.metric.name] = value;
  const names = [
    ...objectivesOf(spec).map((o) => o.name),
    ...(spec.constraints ?? []).map((c) => c.metric),
  ];
  const numbers: Record<string, number> = {};
  for (const name of names) {
    const v = all[name];
    if (typeof v !== 'number') return { missing: name };
    numbers[name] = v;
  }
  return { result: names.length === 1 ? numbers[names[0]] : { metrics: numbers } };
}

/**
 * The completed trials on the sweep's Pareto front, in the given order: those with every objective
 * finite and every bound met (an infeasible trial is never on it) that no other such trial
 * dominates.
 */
export function paretoFrontOf<T extends { value: number | null; metrics: unknown }>(
  spec: Pick<SweepSpec, 'metric' | 'metrics' | 'constraints'>,
  trials: readonly T[],
): T[] {
  const objectives = objectivesOf(spec);
  const rows: { trial: T; losses: number[] }[] = [];
  for (const trial of trials) {
    const told = tellOf(spec, trial.value, trial.metrics as Record<string, unknown> | null);
    if (!('result' in told)) continue;
    const all =
      typeof told.result === 'number'
        ? { [spec.metric.name]: told.result }
        : (told.result as { metrics: Record<string, number> }).metrics;
    const feasible = (spec.constraints ?? []).every((c) =>
      c.max !== undefined ? all[c.metric] <= c.max : all[c.metric] >= c.min!,
    );
    const losses = objectives.map((o) => (o.goal === 'minimize' ? all[o.name] : -all[o.name]));
    if (feasible && losses.every(Number.isFinite)) rows.push({ trial, losses });
  }
  return paretoFront(rows.map((r) => r.losses)).map((i) => rows[i].trial);
}
