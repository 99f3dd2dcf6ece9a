import type { DatasetSpec } from '@sweepwise/data';
import { validateConfig, withParams } from '@sweepwise/engine';
import { createStudy, DIRECTIONS, validateSpace } from '@sweepwise/tuner';
import { z } from 'zod';
import {
  BUILTIN_OBJECTIVE_NAMES,
  DATASETS,
  DEFAULT_MAX_CONCURRENT_TRIALS,
  metricsOfTask,
  SAMPLER_TYPES,
  STOPPER_TYPES,
} from './catalogue.js';
import { checkLargestModel } from './sweep-limits.js';

/** `z.enum` of a registry's names (zod wants a non-empty tuple; every registry has entries). */
const namesOf = (names: readonly string[]) => z.enum(names as [string, ...string[]]);

/** Sizes of a command: far past a real command line (Linux caps one at 2 MB in all). */
export const COMMAND_LIMITS = {
  programLength: 4096,
  args: 1000,
  argLength: 10_000,
  envVariables: 100,
  /** A week. */
  timeoutS: 604_800,
} as const;

const commandWorkload = z.object({
  program: z.string().min(1).max(COMMAND_LIMITS.programLength),
  args: z.array(z.string().max(COMMAND_LIMITS.argLength)).max(COMMAND_LIMITS.args).default([]),
  env: z
    .record(z.string().max(200), z.string().max(COMMAND_LIMITS.argLength))
    .refine((env) => Object.keys(env).length <= COMMAND_LIMITS.envVariables, {
      message: `must have <= ${COMMAND_LIMITS.envVariables} variables`,
    })
    .default({}),
  timeoutS: z.number().int().positive().max(COMMAND_LIMITS.timeoutS).nullish(),
});

const builtinWorkload = z.object({
  objective: namesOf(BUILTIN_OBJECTIVE_NAMES),
  /** Intermediate reports per trial, so stopping rules and curve storage have work to do. */
  steps: z.number().int().min(1).max(100_000).default(1),
  /** Simulated training time per step: demos of the scheduler and stopping rules without CPU. */
  stepSeconds: z.number().min(0).max(3600).default(0),
});

/** Exactly one kind of work per sweep: the built-in engine, a user's command, or a builtin objective. */
const workloadSchema = z
  .object({
    engine: z.record(z.string(), z.unknown()).optional(),
    command: commandWorkload.optional(),
    builtin: builtinWorkload.optional(),
  })
  .strict()
  .refine((w) => [w.engine, w.command, w.builtin].filter(Boolean).length === 1, {
    message: 'give exactly one of engine, command or builtin',
  });

export const createSweepBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    workload: workloadSchema,
    objective: z.object({
      metric: z.string().min(1).max(200),
      direction: z.enum(DIRECTIONS),
    }),
    space: z.record(z.string(), z.unknown()),
    algorithm: z.looseObject({
      type: namesOf(SAMPLER_TYPES),
      seed: z.number().int().optional(),
    }),
    stopper: z.looseObject({ type: namesOf(STOPPER_TYPES) }).nullish(),
    budget: z.object({
      maxTrials: z.number().int().min(1).max(1_000_000),
      maxConcurrentTrials: z
        .number()
        .int()
        .min(1)
        .max(10_000)
        .default(DEFAULT_MAX_CONCURRENT_TRIALS),
      /** 90 days: a sweep is not a service. */
      maxWallTimeS: z.number().int().positive().max(7_776_000).nullish(),
    }),
  })
  .superRefine((body, ctx) => {
    // The tuner is the one authority on spaces and settings; its errors name the field. The
    // sampler is checked before the stopper so that an error is put on the right part of the body.
    const { type, ...samplerOptions } = body.algorithm;
    const base = { space: body.space, direction: body.objective.direction };
    const checks: [string, () => unknown][] = [
      ['space', () => validateSpace(body.space)],
      ['algorithm', () => createStudy({ ...base, sampler: { type, ...samplerOptions } })],
    ];
    if (body.stopper) {
      const stopper = body.stopper;
      checks.push([
        'stopper',
        () => createStudy({ ...base, sampler: { type: 'random' }, stopper }),
      ]);
    }
    for (const [part, check] of checks) {
      try {
        check();
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: tunerErrorPath(part, err), message: messageOf(err) });
        return;
      }
    }
    const engine = body.workload.engine;
    if (!engine) return;
    // The engine config of one sampled trial: catches typos in the base config and in parameter
    // paths. Values that are bad only in part of a range fail their trials, not the sweep.
    const sample = createStudy({ ...base, sampler: { type: 'random', seed: 0 } }).ask().params;
    try {
      const config = validateConfig(withParams(engine, sample));
      // Else every trial would train to its end and then fail for want of its objective.
      const problem = unknownMetric(config.dataset, body.objective.metric);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['objective', 'metric'], message: problem });
      // The largest model of the space must fit the limits, not just the one sampled.
      checkLargestModel(engine, body.space, sample);
      // A PBT member is one model handed from checkpoint to checkpoint, not k folds.
      if (config.crossValidation && type === 'pbt') {
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
          : field in body.space
            ? ['space', field]
            : ['workload', 'engine', ...field.split('.')];
      ctx.addIssue({ code: 'custom', path, message: messageOf(err) });
    }
  });

export type CreateSweepBody = z.output<typeof createSweepBodySchema>;
export type CreateSweepInput = z.input<typeof createSweepBodySchema>;
export type SweepWorkload = CreateSweepBody['workload'];

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
 * The body field a tuner error names: SpaceError.param is a parameter of `space` (names may hold
 * dots, so it stays one segment); OptionsError.field is an option of the sampler or stopper,
 * sometimes prefixed `sampler.` / `stopper.`, which the body calls `algorithm.` / `stopper.`.
 */
function tunerErrorPath(part: string, err: unknown): string[] {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  // A SpaceError about the space as a whole (too many parameters) names `space` itself.
  if (typeof e.param === 'string') return e.param === 'space' ? ['space'] : ['space', e.param];
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
