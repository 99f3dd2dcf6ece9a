import type { DatasetSpec } from '@sweepwise/data';
import {
  MODEL_LIMITS_DEFAULTS,
  validateConfig,
  withParams,
  type ModelLimits,
} from '@sweepwise/engine';
import type { z } from 'zod';
import { catalogue, DATASETS, metricsOfTask } from './catalogue.js';
import { sweepSpecSchema, type SweepSpec as Spec } from './spec.js';
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
  // The engine config of one sampled trial: catches typos in the base config and in parameter
  // paths. Values that are bad only in part of a range fail their trials, not the sweep.
  const sample = probe.ask().params;
  try {
    const config = validateConfig(withParams(engine, sample));
    // Else every trial would train to its end and then fail for want of an objective or a bound.
    const named: [string, (string | number)[]][] = spec.metrics
      ? spec.metrics.map((m, i) => [m.name, ['metrics', i, 'name']])
      : [[spec.metric.name, ['metric', 'name']]];
    (spec.constraints ?? []).forEach((c, i) =>
      named.push([c.metric, ['constraints', i, 'metric']]),
    );
    for (const [metric, path] of named) {
      const problem = unknownMetric(config.dataset, metric);
      if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
    }
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
