import type { DatasetSpec } from '@sweepwise/data';
import {
  checkTrialModel,
  MODEL_LIMITS_DEFAULTS,
  validateConfig,
  withParams,
  type ModelLimits,
} from '@sweepwise/engine';
import type { z } from 'zod';
import { catalogue, DATASETS, metricsOfTask } from './catalogue.js';
import { engineConfigOf } from './benchmark/engine-config.js';
import { sweepSpecSchema, type EngineWorkload, type SweepSpec as Spec } from './spec.js';
import { checkTunerParts, messageOf, unknownMetricMessage } from './spec-checks.js';
import { checkLargestModel } from './sweep-limits.js';

/**
 * The one definition of a sweep (spec.ts) over the full catalogue, checked down to the tuner and
 * the engine: a sweep it accepts can run, its largest model within `modelLimits` (a server passes
 * its workers' limits: modelLimitsFromEnv). The API body, the sweep file and the stored row are
 * this; parse it once, where a sweep enters.
 */
export function sweepSpecWithin(modelLimits: ModelLimits) {
  return sweepSpecSchema(catalogue()).superRefine((spec, ctx) =>
    checkRunnable(spec, ctx, modelLimits),
  );
}

/** SweepSpec under the default model limits (MODEL_LIMITS_DEFAULTS). */
export const SweepSpec = sweepSpecWithin(MODEL_LIMITS_DEFAULTS);

function checkRunnable(spec: Spec, ctx: z.RefinementCtx, modelLimits: ModelLimits): void {
  // The tuner's checks, shared with the browser (spec-checks.ts); the engine's need them passed.
  const probe = checkTunerParts(spec, ctx);
  const engine = 'engine' in spec.workload ? spec.workload.engine : null;
  if (!probe || !engine) return;
  if ('engine' in spec.workload && spec.workload.benchmark) {
    checkBenchmarkRunnable(spec, spec.workload, ctx, modelLimits);
    return;
  }
  // The engine config of one sampled trial: catches typos in the base config and in parameter
  // paths. Values that are bad only in part of a range fail their trials, not the sweep.
  const sample = probe.ask().params;
  try {
    const config = validateConfig(withParams(engine, sample));
    checkMetrics(spec, config.dataset, ctx);
    // The largest model of the space must fit the limits, not just the one sampled.
    checkLargestModel(engine, probe.space, sample, modelLimits);
    // A PBT member is one model handed from checkpoint to checkpoint, not k folds.
    if (config.crossValidation && spec.algorithm.type === 'pbt') {
      ctx.addIssue({
        code: 'custom',
        path: ['workload', 'engine', 'crossValidation'],
        message: 'crossValidation cannot be used with algorithm pbt: a member trains one model',
      });
    }
  } catch (err) {
    const field = (err as { field?: unknown }).field;
    const path =
      typeof field !== 'string'
        ? ['workload', 'engine']
        : field in spec.parameters
          ? ['parameters', field]
          : ['workload', 'engine', ...field.split('.')];
    ctx.addIssue({ code: 'custom', path, message: messageOf(err) });
  }
}

/**
 * Every objective and bound names a metric the engine reports on `dataset`: else every trial would
 * train to its end and then fail for want of it. `where` names the benchmark workload, if any.
 */
function checkMetrics(spec: Spec, dataset: DatasetSpec, ctx: z.RefinementCtx, where = ''): void {
  const named: [string, (string | number)[]][] = spec.metrics
    ? spec.metrics.map((m, i) => [m.name, ['metrics', i, 'name']])
    : [[spec.metric.name, ['metric', 'name']]];
  (spec.constraints ?? []).forEach((c, i) => named.push([c.metric, ['constraints', i, 'metric']]));
  for (const [metric, path] of named) {
    const problem = unknownMetric(dataset, metric);
    if (problem) ctx.addIssue({ code: 'custom', path, message: problem + where });
  }
}

/**
 * Each workload of a benchmark with each algorithm (at its largest learning-rate factor) is a
 * config the engine accepts, within the model limits, reporting the sweep's metrics and its
 * target's. An error is placed on the algorithm when it is about a field the algorithm sets.
 */
function checkBenchmarkRunnable(
  spec: Spec,
  workload: EngineWorkload,
  ctx: z.RefinementCtx,
  modelLimits: ModelLimits,
): void {
  const b = workload.benchmark!;
  const lrFactor = Math.max(...(b.lrFactors ?? [1]));
  const at = ['workload', 'benchmark'];
  for (const [w, entry] of Object.entries(b.workloads)) {
    for (const [a, algorithm] of Object.entries(b.algorithms)) {
      try {
        const config = validateConfig(
          engineConfigOf(workload, { algorithm: a, workload: w, seed: 0, lrFactor }),
        );
        checkTrialModel(config, modelLimits);
        if (a !== Object.keys(b.algorithms)[0]) continue;
        checkMetrics(spec, config.dataset, ctx, ` (workload ${w})`);
        const problem = unknownMetric(config.dataset, entry.target.metric);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'workloads', w, 'target', 'metric'],
            message: problem,
          });
      } catch (err) {
        const field = (err as { field?: unknown }).field;
        const top = typeof field === 'string' ? field.split('.')[0] : '';
        const path =
          top in algorithm
            ? [...at, 'algorithms', a, ...(field as string).split('.')]
            : [...at, 'workloads', w, 'engine', ...(top ? (field as string).split('.') : [])];
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${messageOf(err)} (workload ${w}, algorithm ${a})`,
        });
        return;
      }
    }
  }
}

/**
 * Why an engine sweep's objective cannot be met, or null: the engine reports a fixed set of
 * metrics per epoch, by the task of a file or of a data set from the catalogue.
 */
export function unknownMetric(dataset: DatasetSpec, metric: string): string | null {
  const [label, metrics] =
    'path' in dataset
      ? [dataset.path, metricsOfTask(dataset.task)]
      : [dataset.name, DATASETS.find((d) => d.name === dataset.name)?.metrics ?? []];
  return unknownMetricMessage(label, metric, metrics);
}

export type SweepSpec = Spec;
