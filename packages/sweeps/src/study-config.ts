import {
  dominates,
  hypervolume,
  paretoFront,
  type StudyConfig,
  type TellResult,
} from '@sweepwise/tuner';
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

/** The bounds of `constraints` that final `metrics` break; a missing or non-numeric metric breaks its bound. */
export function violatedConstraints(
  spec: Pick<SweepSpec, 'constraints'>,
  metrics: Readonly<Record<string, unknown>> | null,
): NonNullable<SweepSpec['constraints']> {
  return (spec.constraints ?? []).filter((c) => {
    const v = metrics?.[c.metric];
    if (typeof v !== 'number' || Number.isNaN(v)) return true;
    return c.max !== undefined ? v > c.max : v < c.min!;
  });
}

/** A trial as a point in objective space. */
export interface ObjectivePoint<T> {
  trial: T;
  /** Each objective's value, by name. */
  values: Record<string, number>;
  /** The same values as losses (maximized objectives negated), in `objectivesOf` order. */
  losses: number[];
  /** Every bound met. */
  feasible: boolean;
}

/**
 * The given trials (completed ones, in the order given) that reported every objective and bound
 * metric with every objective finite, as points; the others are left out.
 */
export function objectivePointsOf<T extends { value: number | null; metrics: unknown }>(
  spec: Pick<SweepSpec, 'metric' | 'metrics' | 'constraints'>,
  trials: readonly T[],
): ObjectivePoint<T>[] {
  const objectives = objectivesOf(spec);
  const points: ObjectivePoint<T>[] = [];
  for (const trial of trials) {
    const told = tellOf(spec, trial.value, trial.metrics as Record<string, unknown> | null);
    if (!('result' in told)) continue;
    const all =
      typeof told.result === 'number'
        ? { [spec.metric.name]: told.result }
        : (told.result as { metrics: Record<string, number> }).metrics;
    const values = Object.fromEntries(objectives.map((o) => [o.name, all[o.name]]));
    const losses = objectives.map((o) => (o.goal === 'minimize' ? all[o.name] : -all[o.name]));
    if (!losses.every(Number.isFinite)) continue;
    points.push({ trial, values, losses, feasible: violatedConstraints(spec, all).length === 0 });
  }
  return points;
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
  const feasible = objectivePointsOf(spec, trials).filter((p) => p.feasible);
  return paretoFront(feasible.map((p) => p.losses)).map((i) => feasible[i].trial);
}

/**
 * BoTorch's `infer_reference_point` margin (botorch/utils/multi_objective/hypervolume.py,
 * scale=0.1): the reference sits a tenth of the observed range beyond the worst value.
 */
const REFERENCE_MARGIN = 0.1;

/**
 * A hypervolume reference point, as losses, for points with no reference given: the nadir (worst
 * loss per objective) plus 10% of each objective's range, or of the nadir's magnitude when the
 * range is 0 (or 0.1 when that is 0 too), so every point, the worst included, adds volume.
 */
export function referencePointOf(losses: readonly (readonly number[])[]): number[] {
  return losses[0].map((_, k) => {
    const column = losses.map((l) => l[k]);
    const nadir = Math.max(...column);
    const range = nadir - Math.min(...column);
    return nadir + REFERENCE_MARGIN * (range || Math.abs(nadir) || 1);
  });
}

/**
 * The hypervolume of the sweep's front after each trial, in the order given (trial number), with
 * the tuner's exact hypervolume against one reference point for the whole history: the
 * referencePointOf the losses of every feasible trial, so the curve never falls. Infeasible trials
 * add nothing. Empty when no trial is feasible.
 */
export function hypervolumeHistoryOf<T extends { value: number | null; metrics: unknown }>(
  spec: Pick<SweepSpec, 'metric' | 'metrics' | 'constraints'>,
  trials: readonly T[],
): { reference: Record<string, number>; history: { trial: T; hypervolume: number }[] } {
  const feasible = objectivePointsOf(spec, trials).filter((p) => p.feasible);
  if (feasible.length === 0) return { reference: {}, history: [] };
  const reference = referencePointOf(feasible.map((p) => p.losses));
  const objectives = objectivesOf(spec);
  // Only a trial that joins the front changes the volume: the front stays small, the sum cheap.
  let front: number[][] = [];
  let volume = 0;
  const history = feasible.map(({ trial, losses }) => {
    if (!front.some((f) => dominates(f, losses) || f.every((v, k) => v === losses[k]))) {
      front = [...front.filter((f) => !dominates(losses, f)), losses];
      volume = hypervolume(front, reference);
    }
    return { trial, hypervolume: volume };
  });
  return {
    // Back to each objective's own sign: a maximized objective's reference is a low value.
    reference: Object.fromEntries(
      objectives.map((o, k) => [o.name, o.goal === 'minimize' ? reference[k] : -reference[k]]),
    ),
    history,
  };
}
