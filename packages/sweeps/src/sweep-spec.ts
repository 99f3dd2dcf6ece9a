import type { DatasetSpec } from '@sweepwise/data';
import { validateConfig, withParams } from '@sweepwise/engine';
import { createStudy, type Study } from '@sweepwise/tuner';
import { catalogue, DATASETS, metricsOfTask } from './catalogue.js';
import { sweepSpecSchema, type SweepSpec as Spec } from './spec.js';
import { checkLargestModel } from './sweep-limits.js';

/**
 * The one definition of a sweep (spec.ts) over the full catalogue, checked down to the tuner and
 * the engine: a sweep it accepts can run. The API body, the sweep file and the stored row are
 * this; parse it once, where a sweep enters.
 */
export const SweepSpec = sweepSpecSchema(catalogue()).superRefine((spec, ctx) => {
  // The tuner is the one authority on spaces and settings; its errors name the field. A study
  // with the sampler checks the space and the sampler; one with the stopper (and a seeded random
  // sampler, which also draws the engine check's sample below) checks the stopper.
  const base = { space: spec.parameters, direction: spec.metric.goal };
  const tuner = (part: string, make: () => Study): Study | null => {
    try {
      return make();
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: tunerErrorPath(part, err), message: messageOf(err) });
      return null;
    }
  };
  if (!tuner('algorithm', () => createStudy({ ...base, sampler: spec.algorithm }))) return;
  const stopper = spec.stopper ?? undefined;
  const probe = tuner('stopper', () =>
    createStudy({ ...base, sampler: { type: 'random', seed: 0 }, stopper }),
  );
  const engine = 'engine' in spec.workload ? spec.workload.engine : null;
  if (!probe || !engine) return;
  // The engine config of one sampled trial: catches typos in the base config and in parameter
  // paths. Values that are bad only in part of a range fail their trials, not the sweep.
  const sample = probe.ask().params;
  try {
    const config = validateConfig(withParams(engine, sample));
    // Else every trial would train to its end and then fail for want of its objective.
    const problem = unknownMetric(config.dataset, spec.metric.name);
    if (problem) ctx.addIssue({ code: 'custom', path: ['metric', 'name'], message: problem });
    // The largest model of the space must fit the limits, not just the one sampled.
    checkLargestModel(engine, probe.space, sample);
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
});

/**
 * Why an engine sweep's objective cannot be met, or null: the engine reports a fixed set of
 * metrics per epoch, by the task of a file or of a data set from the catalogue.
 */
export function unknownMetric(dataset: DatasetSpec, metric: string): string | null {
  const [label, metrics] =
    'path' in dataset
      ? [dataset.path, metricsOfTask(dataset.task)]
      : [dataset.name, DATASETS.find((d) => d.name === dataset.name)?.metrics ?? []];
  if (metrics.includes(metric)) return null;
  return `unknown metric ${JSON.stringify(metric)} for ${label}; the engine reports ${metrics.join(', ')}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The field a tuner error names: SpaceError.param is one of `parameters` (names may hold dots, so
 * it stays one segment); OptionsError.field is an option of the sampler or stopper, sometimes
 * prefixed `sampler.` / `stopper.`, which a SweepSpec calls `algorithm.` / `stopper.`.
 */
function tunerErrorPath(part: string, err: unknown): string[] {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  // A SpaceError about the space as a whole (too many parameters) names `space` itself.
  if (typeof e.param === 'string')
    return e.param === 'space' ? ['parameters'] : ['parameters', e.param];
  if (typeof e.field === 'string') {
    return [
      part,
      ...e.field
        .replace(/^(sampler|stopper)\./, '')
        .split('.')
        .filter(Boolean),
    ];
  }
  return [part];
}

export type SweepSpec = Spec;
