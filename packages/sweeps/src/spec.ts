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
      if (old) return `${old.key} is now ${old.now}`;
      return known ? `unknown field; expected one of ${known}` : 'unknown field; it takes none';
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
  const benchmark = benchmarkSchema();
  /**
   * Trials run by the user's own loop through the REST API (ask, report, tell): no worker claims
   * them; a worker's controller still samples, queues and judges them.
   */
  const external = closed({}, ['workload', 'external']);
  // Exactly one kind of work per sweep: the built-in engine, a user's command, a builtin
  // objective, or external. A union would report every branch's errors; this names the one given.
  // A benchmark runs the engine: `engine` is then what its workloads share.
  const workload = closed({
    engine: z.record(z.string(), z.unknown()).optional(),
    command: command.optional(),
    builtin: builtin.optional(),
    benchmark: benchmark.optional(),
    external: external.optional(),
  })
    .refine((w) => [w.engine, w.command, w.builtin, w.external].filter(Boolean).length === 1, {
      message: 'must have exactly one of engine, command, builtin or external',
    })
    .refine((w) => !w.benchmark || w.engine, {
      message:
        'a benchmark runs the engine: give engine (the config its workloads share, {} for none)',
      path: ['benchmark'],
    })
    .transform(
      (w) =>
        w as Workload<
          z.output<typeof command>,
          z.output<typeof builtin>,
          z.output<typeof benchmark>
        >,
    );
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
    /**
     * The tuner's search space (packages/tuner/README.md), checked by the tuner. A benchmark's is
     * its (algorithm, workload, seed) grid, so it has none of its own.
     */
    parameters: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
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
        /** Failed trials that end the sweep as failed; absent or null: maxFailedTrialsOf's default. */
        maxFailedTrials: z.number().int().min(1).max(1_000_000).nullish(),
      },
      ['budget'],
    ),
  })
    .superRefine(checkObjectives)
    .superRefine(checkBenchmark)
    .transform((spec) => ({
      ...spec,
      parameters: spec.parameters ?? {},
      metric: spec.metric ?? spec.metrics![0],
    }));
}

/** A name of a benchmark's algorithm or workload: a trial parameter's value and a report's key. */
const benchmarkName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$/);

/** A benchmark's lists are read in full: as many entries as a person compares at once. */
export const BENCHMARK_LIMITS = { algorithms: 100, workloads: 100, seeds: 100, lrFactors: 20 };

/**
 * A benchmark (AlgoPerf's design, Dahl et al. 2023): training algorithms (an optimizer with its
 * settings and schedule) × workloads (an engine config with a validation target) × seeds, each
 * combination one trial; with `lrFactors`, each algorithm's learning rate times each factor too.
 */
function benchmarkSchema() {
  const at = ['workload', 'benchmark'];
  const entries = <T extends z.ZodType>(entry: T, max: number) =>
    z
      .record(benchmarkName, entry, {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? 'a name must be 1..64 letters, digits, _ . + or -, starting with a letter or digit'
            : undefined,
      })
      .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= max, {
        message: `must have 1..${max} entries`,
      });
  const algorithm = closed(
    {
      optimizer: z.record(z.string(), z.unknown()),
      schedule: z.record(z.string(), z.unknown()).optional(),
      clipNorm: z.number().positive().nullable().optional(),
      regularization: z.record(z.string(), z.unknown()).optional(),
      batchSize: z.number().int().positive().optional(),
    },
    [...at, 'algorithms'],
  );
  const target = closed(
    {
      metric: z.string().trim().min(1).max(200),
      min: z.number().optional(),
      max: z.number().optional(),
    },
    [...at, 'workloads', 'target'],
  ).refine((t) => (t.min === undefined) !== (t.max === undefined), {
    message: 'needs exactly one of min (reached at or above) or max (at or below)',
  });
  const workload = closed({ engine: z.record(z.string(), z.unknown()), target }, [
    ...at,
    'workloads',
  ]);
  return closed(
    {
      algorithms: entries(algorithm, BENCHMARK_LIMITS.algorithms),
      workloads: entries(workload, BENCHMARK_LIMITS.workloads),
      seeds: z.number().int().min(1).max(BENCHMARK_LIMITS.seeds),
      /** Multipliers of each algorithm's learning rate: its sensitivity. */
      lrFactors: z
        .array(z.number().positive().max(1000))
        .min(1)
        .max(BENCHMARK_LIMITS.lrFactors)
        .optional(),
    },
    at,
  );
}

interface BenchmarkCounts {
  algorithms: object;
  workloads: object;
  seeds: number;
  lrFactors?: readonly number[];
}

interface BenchmarkParts {
  workload: object;
  parameters?: Record<string, unknown>;
  algorithm: { type: string };
  budget: { maxTrials: number };
}

/**
 * A sweep without a benchmark has parameters; a benchmark has none of its own, runs on the grid
 * sampler (each combination once) and has the budget for every combination.
 */
function checkBenchmark(spec: BenchmarkParts, ctx: z.RefinementCtx): void {
  const b = 'benchmark' in spec.workload ? (spec.workload.benchmark as BenchmarkCounts) : undefined;
  if (!b) {
    if (!spec.parameters)
      ctx.addIssue({ code: 'custom', path: ['parameters'], message: 'is required' });
    return;
  }
  if (spec.parameters && Object.keys(spec.parameters).length > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['parameters'],
      message:
        "a benchmark's trials are its algorithms × workloads × seeds: leave parameters out (or {})",
    });
  if (spec.algorithm.type !== 'grid')
    ctx.addIssue({
      code: 'custom',
      path: ['algorithm', 'type'],
      message: `a benchmark runs each combination once: must be grid, got ${JSON.stringify(spec.algorithm.type)}`,
    });
  const count = benchmarkTrialCount(b);
  if (spec.budget.maxTrials < count)
    ctx.addIssue({
      code: 'custom',
      path: ['budget', 'maxTrials'],
      message: `the benchmark has ${count} trials (${Object.keys(b.algorithms).length} algorithms × ${Object.keys(b.workloads).length} workloads × ${b.seeds} seeds${b.lrFactors ? ` × ${b.lrFactors.length} learning-rate factors` : ''}): must be >= ${count}, got ${spec.budget.maxTrials}`,
    });
}

/** Trials a benchmark runs: one per algorithm, workload, seed and learning-rate factor. */
export function benchmarkTrialCount(b: BenchmarkCounts): number {
  return (
    Object.keys(b.algorithms).length *
    Object.keys(b.workloads).length *
    b.seeds *
    (b.lrFactors?.length ?? 1)
  );
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

/**
 * How many failed trials end a sweep as failed: `budget.maxFailedTrials`, else a quarter of
 * maxTrials and at least 3, the ratio of Katib's examples (maxFailedTrialCount 3 of
 * maxTrialCount 12, examples/v1beta1/hp-tuning/random.yaml), so a broken command stops early
 * while a sweep whose search explores some diverging corners goes on.
 */
export function maxFailedTrialsOf(budget: {
  maxTrials: number;
  maxFailedTrials?: number | null;
}): number {
  return budget.maxFailedTrials ?? Math.max(3, Math.ceil(budget.maxTrials / 4));
}

/** The sweep's objectives in order: `metrics`, or the one `metric`. */
export function objectivesOf(spec: Pick<SweepSpec, 'metric' | 'metrics'>) {
  return spec.metrics ?? [spec.metric];
}

/** Exactly one kind of work, so `'command' in workload` tells which. */
type Workload<C, B, M> =
  | { engine: Record<string, unknown>; benchmark?: M }
  | { command: C }
  | { builtin: B }
  | { external: Record<string, never> };

type Shape = ReturnType<typeof sweepSpecSchema>;

/** A sweep as written: optional parts may be left out. */
export type SweepSpecInput = z.input<Shape>;
/** A checked sweep, defaults filled, absent optional parts null. */
export type SweepSpec = z.output<Shape>;
export type SweepWorkload = SweepSpec['workload'];
export type CommandWorkload = Extract<SweepWorkload, { command: unknown }>['command'];
export type BuiltinWorkload = Extract<SweepWorkload, { builtin: unknown }>['builtin'];
export type EngineWorkload = Extract<SweepWorkload, { engine: unknown }>;
export type BenchmarkSpec = NonNullable<EngineWorkload['benchmark']>;
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
