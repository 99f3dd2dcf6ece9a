import { DIRECTIONS, STUDY_LIMITS } from '@sweepwise/tuner';
import { z } from 'zod';
import { commandEnvSchema, text } from './command-env.js';

/**
 * The shape of a SweepSpec: one definition of a sweep, the same keys in the API body, the YAML
 * sweep file and the stored row (docs/sweep-file.md). The metric and the search space take
 * W&B's words (`metric: { name, goal }`, `parameters`); every other key is camelCase.
 *
 * This module imports zod and the tuner only (no node: modules), so the web form can check a sweep
 * in the browser: the names it may use come from the catalogue (plain data) it is given. The server's `SweepSpec`
 * (sweep-spec.ts) is this shape over the full catalogue, plus the checks only the tuner and the
 * engine can make.
 */

/** The names a sweep may use: a Catalogue (catalogue.ts) has them all. */
export interface SpecNames {
  samplers: readonly { type: string }[];
  stoppers: readonly { type: string }[];
  builtinObjectives: readonly string[];
  defaults: { maxConcurrentTrials: number };
}

/** Sizes of a command: far past a real command line (Linux caps one at 2 MB in all). */
export const COMMAND_LIMITS = {
  programLength: 4096,
  args: 1000,
  argLength: 10_000,
  /** A week. */
  timeoutS: 604_800,
} as const;

/**
 * Keys of earlier versions of the sweep file and the API body, each with the key that replaced
 * it: a file written for an older version fails on the line of its old key, saying what to write
 * instead.
 */
export const RENAMED_KEYS: readonly { at: readonly string[]; key: string; now: string }[] = [
  { at: [], key: 'objective', now: 'metric: { name, goal }' },
  { at: [], key: 'space', now: 'parameters' },
  { at: [], key: 'early_stopping', now: 'stopper' },
  { at: ['budget'], key: 'max_trials', now: 'budget.maxTrials' },
  { at: ['budget'], key: 'max_concurrent', now: 'budget.maxConcurrentTrials' },
  { at: ['budget'], key: 'max_wall_time', now: 'budget.maxWallTimeS' },
  { at: ['workload', 'command'], key: 'timeout', now: 'workload.command.timeoutS' },
];

/**
 * An object refusing keys it does not know: an old key (RENAMED_KEYS) by its new name, any other
 * naming those it knows. `at` is where the object sits in a SweepSpec.
 */
function closed<S extends z.ZodRawShape>(shape: S, at: readonly string[] = []) {
  const known = Object.keys(shape).join(', ');
  const renamed = RENAMED_KEYS.filter((r) => r.at.join('.') === at.join('.'));
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const old = renamed.find((r) => issue.keys.includes(r.key));
      return old ? `${old.key} is now ${old.now}` : `unknown field; expected one of ${known}`;
    },
  });
}

/** One of `names` (zod wants a non-empty tuple; every registry has entries), listed when not. */
const namesOf = <const T extends readonly string[]>(names: T) =>
  z.enum(names as unknown as [T[number], ...T[number][]], {
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : `must be one of ${names.join(', ')}, got ${JSON.stringify(issue.input)}`,
  });

/** A sampler or stopper: its registry name and its own settings, which the tuner checks. */
const settings = (types: readonly { type: string }[]) =>
  z.looseObject({
    type: namesOf(types.map((t) => t.type)),
    seed: z.number().int().min(0).optional(),
  });

/**
 * The SweepSpec schema over the names of `names`, without the tuner's and engine's checks: what
 * the web form checks in the browser.
 */
export function sweepSpecSchema(names: SpecNames) {
  const command = closed(
    {
      program: z.string().min(1).max(COMMAND_LIMITS.programLength),
      args: z.array(text(COMMAND_LIMITS.argLength)).max(COMMAND_LIMITS.args).default([]),
      env: commandEnvSchema,
      /** Time limit per trial; null for none. */
      timeoutS: z.number().int().positive().max(COMMAND_LIMITS.timeoutS).nullable().default(null),
    },
    ['workload', 'command'],
  );
  const builtin = closed({
    objective: namesOf(names.builtinObjectives),
    /** Intermediate reports per trial, so stopping rules and curve storage have work to do. */
    steps: z.number().int().min(1).max(100_000).default(1),
    /** Simulated training time per step: demos of the scheduler and stopping rules without CPU. */
    stepSeconds: z.number().min(0).max(3600).default(0),
  });
  // Exactly one kind of work per sweep: the built-in engine, a user's command, or a builtin
  // objective. A union would report every branch's errors; this names the one given.
  const workload = closed({
    engine: z.record(z.string(), z.unknown()).optional(),
    command: command.optional(),
    builtin: builtin.optional(),
  })
    .refine((w) => [w.engine, w.command, w.builtin].filter(Boolean).length === 1, {
      message: 'must have exactly one of engine, command or builtin',
    })
    .transform((w) => w as Workload<z.output<typeof command>, z.output<typeof builtin>>);
  const objective = closed({
    name: z.string().trim().min(1).max(200),
    goal: namesOf(DIRECTIONS),
  });
  // A bound on a reported metric; an infeasible trial is never best nor on the front.
  const constraint = closed({
    metric: z.string().trim().min(1).max(200),
    max: z.number().optional(),
    min: z.number().optional(),
  }).refine((c) => (c.max === undefined) !== (c.min === undefined), {
    message: 'needs exactly one of max or min',
  });
  return closed({
    name: z.string().trim().min(1).max(200),
    workload,
    /**
     * The objective (the shorthand for one), or with `metrics` the primary one, which stopping
     * rules judge and which it defaults to (metrics[0]).
     */
    metric: objective.optional(),
    /** Several objectives: the sweep keeps their Pareto front. */
    metrics: z.array(objective).min(1).max(STUDY_LIMITS.objectives).optional(),
    constraints: z.array(constraint).max(STUDY_LIMITS.constraints).optional(),
    /** The tuner's search space (packages/tuner/README.md), checked by the tuner. */
    parameters: z.record(z.string(), z.record(z.string(), z.unknown())),
    algorithm: settings(names.samplers),
    /** Early stopping; null when trials run to their end. */
    stopper: settings(names.stoppers).nullable().default(null),
    budget: closed(
      {
        maxTrials: z.number().int().min(1).max(1_000_000),
        maxConcurrentTrials: z
          .number()
          .int()
          .min(1)
          .max(10_000)
          .default(names.defaults.maxConcurrentTrials),
        /** 90 days: a sweep is not a service. */
        maxWallTimeS: z.number().int().positive().max(7_776_000).nullable().default(null),
      },
      ['budget'],
    ),
  })
    .superRefine(checkObjectives)
    .transform((spec) => ({ ...spec, metric: spec.metric ?? spec.metrics![0] }));
}

interface ObjectiveParts {
  metric?: { name: string; goal: string };
  metrics?: readonly { name: string; goal: string }[];
  stopper: unknown;
}

/**
 * `metric` or `metrics` is given; with both, `metric` is one of `metrics` (the primary); a stopper
 * with several objectives needs its primary named, since it judges one curve.
 */
function checkObjectives(spec: ObjectiveParts, ctx: z.RefinementCtx): void {
  const { metric, metrics } = spec;
  if (!metrics) {
    if (!metric)
      ctx.addIssue({ code: 'custom', path: ['metric'], message: 'is required (or give metrics)' });
    return;
  }
  const names = metrics.map((m) => m.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      ctx.addIssue({
        code: 'custom',
        path: ['metrics', i, 'name'],
        message: `${name} is listed twice`,
      });
  });
  if (metric && !metrics.some((m) => m.name === metric.name && m.goal === metric.goal)) {
    ctx.addIssue({
      code: 'custom',
      path: ['metric'],
      message: `must be one of metrics (${metrics.map((m) => `${m.name}: ${m.goal}`).join(', ')}), the primary objective`,
    });
  }
  if (spec.stopper && metrics.length > 1 && !metric) {
    ctx.addIssue({
      code: 'custom',
      path: ['stopper'],
      message: `a stopper judges one objective: name it with metric: { name, goal }, one of metrics (${names.join(', ')})`,
    });
  }
}

/** The sweep's objectives in order: `metrics`, or the one `metric`. */
export function objectivesOf(spec: Pick<SweepSpec, 'metric' | 'metrics'>) {
  return spec.metrics ?? [spec.metric];
}

/** Exactly one kind of work, so `'command' in workload` tells which. */
type Workload<C, B> = { engine: Record<string, unknown> } | { command: C } | { builtin: B };

type Shape = ReturnType<typeof sweepSpecSchema>;

/** A sweep as written: optional parts may be left out. */
export type SweepSpecInput = z.input<Shape>;
/** A checked sweep, defaults filled, absent optional parts null. */
export type SweepSpec = z.output<Shape>;
export type SweepWorkload = SweepSpec['workload'];
export type CommandWorkload = Extract<SweepWorkload, { command: unknown }>['command'];
export type BuiltinWorkload = Extract<SweepWorkload, { builtin: unknown }>['builtin'];
export type SweepSettings = SweepSpec['algorithm'];

/**
 * Where an issue of a SweepSpec parse is and what it says, as a person reads it: an unknown key is
 * named itself, a missing one "is required", and a tuner message does not repeat the parameter
 * its path already names.
 */
export function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; reason: string } {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message))
    return { path, reason: 'is required' };
  const name = `${String(path[path.length - 1])}: `;
  return {
    path,
    reason: issue.message.startsWith(name) ? issue.message.slice(name.length) : issue.message,
  };
}
