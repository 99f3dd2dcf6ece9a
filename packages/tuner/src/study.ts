// The ask/tell study: the one object the worker, the CLI and users' scripts drive. It owns the
// trials, the sampler, the stopper and the Rng, and serializes all of them, so a controller can
// stop, reload the JSON anywhere and continue with identical suggestions.

import { OptionsError, checkNumber, checkOneOf } from './options.js';
import { Rng, type RngJSON } from './rng.js';
import { SAMPLERS, samplerFactory } from './samplers/index.js';
import type { Sampler } from './samplers/sampler.js';
import { validateParams, validateSpace, type Params, type Space, type SpaceJSON } from './space.js';
import { stopperFactory } from './stoppers/index.js';
import type { StopDecision, Stopper } from './stoppers/stopper.js';
import { dominates, paretoFront } from './pareto/dominance.js';
import { hypervolume } from './pareto/hypervolume.js';
import {
  DIRECTIONS,
  isBetter,
  isFeasible,
  lossesOf,
  type Constraint,
  type CurvePoint,
  type Direction,
  type FrozenTrial,
  type Objective,
  type TrialState,
} from './trial.js';

export interface AlgorithmConfig {
  readonly type: string;
  readonly [option: string]: unknown;
}

export interface StudyConfig {
  /** The search space JSON (validated here). */
  readonly space: unknown;
  /** One objective, named by metricName; or give `objectives` instead. */
  readonly direction?: Direction;
  /** Objectives by name, in the order `tell(id, values)` gives them; exclusive with direction. */
  readonly objectives?: readonly Objective[];
  /** Metrics a completed trial must keep at or below a bound; an infeasible trial is never best. */
  readonly constraints?: readonly Constraint[];
  /**
   * The objective intermediate reports measure, which stoppers judge; required for a stopper when
   * there are several objectives (the only objective otherwise).
   */
  readonly primary?: string;
  /** `{ type, seed, ...options }`; without a seed one is drawn and kept in `toJSON()`. */
  readonly sampler: AlgorithmConfig & { readonly seed?: number };
  readonly stopper?: AlgorithmConfig;
  /** Names used in stop reasons: "validation loss", "epoch". */
  readonly metricName?: string;
  readonly stepName?: string;
}

export const STUDY_DEFAULTS = { metricName: 'objective', stepName: 'step' } as const;

/** Exact hypervolume grows exponentially with objectives (WFG); ten is past any real sweep. */
export const STUDY_LIMITS = { objectives: 10, constraints: 100 } as const;

/** `ask()` when the sampler has nothing left (a finished grid). */
export class StudyExhaustedError extends Error {
  override readonly name = 'StudyExhaustedError';
}

/** An operation on a trial that does not exist or is not in the right state. */
export class TrialStateError extends Error {
  override readonly name = 'TrialStateError';
  constructor(
    readonly trialId: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TrialJSON {
  readonly id: number;
  readonly params: Params;
  readonly state: TrialState;
  readonly value?: number;
  readonly values?: readonly number[];
  /** Constraint metrics; NaN and ±Infinity as strings, like intermediate values. */
  readonly constraints?: readonly (number | string)[];
  readonly violation?: number | string;
  /** Values may be the strings "NaN", "Infinity", "-Infinity": JSON has no such numbers. */
  readonly intermediate: readonly (readonly [number, number | string])[];
}

export interface StudyJSON {
  readonly format: 'sweepwise.study/1';
  readonly space: SpaceJSON;
  /** The primary objective's direction (the only one's in a single-objective study). */
  readonly direction: Direction;
  readonly objectives?: readonly Objective[];
  readonly constraints?: readonly Constraint[];
  readonly primary?: string;
  readonly sampler: AlgorithmConfig & { readonly seed: number };
  readonly stopper?: AlgorithmConfig;
  readonly metricName: string;
  readonly stepName: string;
  readonly rng: RngJSON;
  readonly samplerState: unknown;
  readonly stopperState?: unknown;
  readonly trials: readonly TrialJSON[];
  /** Enqueued params not yet asked, oldest first. */
  readonly queue: readonly Params[];
}

/**
 * What `tell` accepts: the objective value (or the values, in objective order), optionally with
 * the constraint metrics in constraint order; or every metric by name; or how the trial ended
 * without a result.
 */
export type TellResult =
  | number
  | readonly number[]
  | {
      readonly values: number | readonly number[];
      readonly constraints?: readonly number[];
    }
  | { readonly metrics: Readonly<Record<string, number>> }
  | { readonly state: 'failed' | 'pruned' };

/** A trial created outside ask(): imported results, or a worker's trial arriving out of order. */
export interface AddTrialInput {
  readonly params: Params;
  readonly state: TrialState;
  /** The objective of a single-objective study; or give `values`. */
  readonly value?: number;
  readonly values?: readonly number[];
  readonly constraints?: readonly number[];
  readonly intermediate?: readonly CurvePoint[];
}

export class Study {
  readonly space: Space;
  /** Every objective in order; one named metricName in a single-objective study. */
  readonly objectives: readonly Objective[];
  readonly directions: readonly Direction[];
  readonly constraints: readonly Constraint[];
  /** Index of the primary objective (the one `value`, intermediate reports and stoppers follow). */
  readonly primaryIndex: number;
  /** The primary objective's direction. */
  readonly direction: Direction;
  readonly metricName: string;
  readonly stepName: string;
  private readonly namedObjectives: boolean;
  private readonly namedPrimary: string | undefined;
  private readonly samplerConfig: AlgorithmConfig & { readonly seed: number };
  private readonly stopperConfig: AlgorithmConfig | undefined;
  private readonly sampler: Sampler;
  private readonly stopper: Stopper | undefined;
  private readonly rng: Rng;
  private readonly trialList: FrozenTrial[] = [];
  /** The running trials by id (see place): what samplers avoid re-proposing. */
  private readonly runningTrials = new Map<number, FrozenTrial>();
  private readonly queue: Params[] = [];

  /** Use createStudy / loadStudy. */
  constructor(config: StudyConfig, restored?: StudyJSON) {
    this.space = validateSpace(config.space);
    this.namedObjectives = config.objectives !== undefined;
    this.objectives = objectivesOf(config);
    this.directions = this.objectives.map((o) => o.direction);
    this.constraints = constraintsOf(config.constraints);
    this.namedPrimary = config.primary;
    this.primaryIndex = primaryOf(this.objectives, config.primary);
    this.direction = this.directions[this.primaryIndex];
    this.metricName = nameOption(
      'metricName',
      config.metricName ?? this.objectives[this.primaryIndex].name,
    );
    this.stepName = nameOption('stepName', config.stepName ?? STUDY_DEFAULTS.stepName);
    const { type: samplerType, seed: givenSeed, ...samplerOptions } = config.sampler ?? {};
    const seed = givenSeed ?? Math.floor(Math.random() * 2 ** 32);
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new OptionsError('sampler.seed', `sampler.seed must be an integer >= 0, got ${seed}`);
    }
    this.samplerConfig = { ...samplerOptions, type: samplerType, seed };
    const factory = samplerFactory(samplerType);
    if (this.objectives.length > 1 && !factory.multiObjective) {
      const able = Object.values(SAMPLERS).filter((f) => f.multiObjective);
      throw new OptionsError(
        'sampler.type',
        `the ${factory.type} sampler optimizes one objective, but this study has ${this.objectives.length} (${this.objectives.map((o) => o.name).join(', ')}); use ${able.map((f) => f.type).join(', ')}`,
      );
    }
    this.sampler = factory.create({
      options: samplerOptions,
      space: this.space,
      seed,
      state: restored?.samplerState,
    });
    if (config.stopper !== undefined) {
      if (this.objectives.length > 1 && config.primary === undefined) {
        throw new OptionsError(
          'primary',
          `a stopper judges one objective: name it with primary (one of ${this.objectives.map((o) => o.name).join(', ')})`,
        );
      }
      const { type: stopperType, ...stopperOptions } = config.stopper;
      this.stopperConfig = config.stopper;
      this.stopper = stopperFactory(stopperType).create({
        options: stopperOptions,
        state: restored?.stopperState,
      });
    }
    this.rng = restored ? Rng.fromJSON(restored.rng) : Rng.fromSeed(seed);
  }

  /**
   * All trials in id order. A trial object is replaced when its state changes; its intermediate
   * array grows in place as reports arrive (copy it to keep a snapshot).
   */
  get trials(): readonly FrozenTrial[] {
    return this.trialList;
  }

  /**
   * The best feasible completed trial under the direction (the earliest on ties), if any. A study
   * with several objectives has a front instead (paretoFront): asking it for one best throws.
   */
  get bestTrial(): FrozenTrial | undefined {
    if (this.objectives.length > 1) {
      throw new OptionsError(
        'objectives',
        `a study with ${this.objectives.length} objectives has no single best trial; use paretoFront`,
      );
    }
    let best: FrozenTrial | undefined;
    for (const t of this.trialList) {
      if (t.state !== 'completed' || !isFeasible(t)) continue;
      if (!best || isBetter(this.direction, t.value!, best.value!)) best = t;
    }
    return best;
  }

  /**
   * The feasible completed trials no other trial dominates, in id order (with one objective: the
   * best value's trials). Infeasible trials are never on the front (Deb's constrained domination).
   */
  get paretoFront(): FrozenTrial[] {
    const feasible = this.trialList.filter((t) => t.state === 'completed' && isFeasible(t));
    return paretoFront(feasible.map((t) => lossesOf(this.directions, t))).map((i) => feasible[i]);
  }

  /**
   * The hypervolume of the front after each trial so far (entry i: trials 0..i), in objective
   * units, against `reference` (one value per objective; default: the worst value of each objective
   * over all feasible completed trials, so the whole history shares one reference).
   */
  hypervolumeHistory(reference?: readonly number[]): number[] {
    const ref = this.lossReference(reference);
    const front: number[][] = [];
    let volume = 0;
    return this.trialList.map((t) => {
      if (t.state !== 'completed' || !isFeasible(t)) return volume;
      const loss = lossesOf(this.directions, t);
      if (front.some((q) => dominates(q, loss))) return volume;
      for (let k = front.length - 1; k >= 0; k--) if (dominates(loss, front[k])) front.splice(k, 1);
      front.push(loss);
      volume = hypervolume(front, ref);
      return volume;
    });
  }

  /** The hypervolume of the current front (see hypervolumeHistory for the reference). */
  hypervolume(reference?: readonly number[]): number {
    const ref = this.lossReference(reference);
    return hypervolume(
      this.paretoFront.map((t) => lossesOf(this.directions, t)),
      ref,
    );
  }

  private lossReference(reference: readonly number[] | undefined): number[] {
    if (reference !== undefined) {
      if (reference.length !== this.objectives.length || !reference.every(Number.isFinite)) {
        throw new OptionsError(
          'reference',
          `reference must be ${this.objectives.length} finite numbers, got ${JSON.stringify(reference)}`,
        );
      }
      return reference.map((r, i) => (this.directions[i] === 'minimize' ? r : -r));
    }
    const worst = this.directions.map(() => -Infinity);
    for (const t of this.trialList) {
      if (t.state !== 'completed' || !isFeasible(t)) continue;
      lossesOf(this.directions, t).forEach((v, i) => (worst[i] = Math.max(worst[i], v)));
    }
    return worst;
  }

  /**
   * A new running trial. Enqueued params come first, then the sampler. Callable any number of
   * times before any tell (one per parallel worker): running trials are pending for the sampler.
   * Throws StudyExhaustedError when the sampler has nothing left (a finished grid).
   */
  ask(): { id: number; params: Params } {
    const params =
      this.queue.shift() ??
      this.sampler.sample({
        space: this.space,
        direction: this.direction,
        directions: this.directions,
        trials: this.trialList,
        running: [...this.runningTrials.values()],
        rng: this.rng,
      });
    if (params === null) {
      throw new StudyExhaustedError(
        `the ${this.sampler.type} sampler is exhausted after ${this.trialList.length} trials`,
      );
    }
    const trial = this.push({ params, state: 'running', intermediate: [] });
    // A copy: the study's own params stay as sampled (samplers cache their keys).
    return { id: trial.id, params: { ...trial.params } };
  }

  /** Params the next ask() hands out before asking the sampler (e.g. a known good baseline). */
  enqueue(params: Params): void {
    this.queue.push(validateParams(this.space, params));
  }

  /**
   * Ends a running trial with its result (see TellResult). Any objective NaN or ±Infinity records
   * the trial as failed (a diverged run is a result, not an error); `{ state }` records failed or
   * pruned. A constraint metric that is NaN counts as violated.
   */
  tell(id: number, result: TellResult): FrozenTrial {
    const trial = this.running(id, 'tell');
    let next: FrozenTrial;
    if (isEnded(result)) {
      next = { ...trial, state: result.state };
    } else {
      const { values, constraints } = this.resultOf(id, result);
      next = this.completed(trial, values, constraints);
    }
    return this.place(next);
  }

  /** Objective values and constraint metrics out of any TellResult form, checked against the study. */
  private resultOf(
    id: number,
    result: Exclude<TellResult, { readonly state: 'failed' | 'pruned' }>,
  ): { values: readonly number[]; constraints: readonly number[] } {
    const bad = (message: string) => new TrialStateError(id, `tell(${id}): ${message}`);
    let values: readonly number[];
    let constraints: readonly number[] = [];
    const form = result as Partial<{
      values: number | readonly number[];
      constraints: readonly number[];
      metrics: Readonly<Record<string, number>>;
    }>;
    if (typeof result === 'number') {
      values = [result];
    } else if (Array.isArray(result)) {
      values = result as readonly number[];
    } else if (form !== null && typeof form === 'object' && 'metrics' in form) {
      const metric = (name: string, role: string) => {
        const v = form.metrics?.[name];
        if (typeof v !== 'number') throw bad(`metrics has no number for ${role} "${name}"`);
        return v;
      };
      values = this.objectives.map((o) => metric(o.name, 'objective'));
      constraints = this.constraints.map((c) => metric(c.metric, 'constraint'));
      return { values, constraints };
    } else if (form !== null && typeof form === 'object' && form.values !== undefined) {
      values = typeof form.values === 'number' ? [form.values] : form.values;
      constraints = form.constraints ?? [];
    } else {
      throw bad(
        "expected a number, an array of numbers, { values, constraints }, { metrics } or { state: 'failed' | 'pruned' }",
      );
    }
    if (!Array.isArray(values) || values.length !== this.objectives.length) {
      throw bad(
        `expected ${this.objectives.length} objective value(s) (${this.objectives.map((o) => o.name).join(', ')}), got ${JSON.stringify(values)}`,
      );
    }
    if (!Array.isArray(constraints) || constraints.length !== this.constraints.length) {
      throw bad(
        `expected ${this.constraints.length} constraint value(s) (${this.constraints.map((c) => c.metric).join(', ') || 'none'}), got ${JSON.stringify(constraints)}`,
      );
    }
    for (const v of [...values, ...constraints]) {
      if (typeof v !== 'number') throw bad(`values must be numbers, got ${JSON.stringify(v)}`);
    }
    return { values, constraints };
  }

  /** The trial completed with these results, or failed when an objective is not finite. */
  private completed(
    trial: FrozenTrial,
    values: readonly number[],
    constraints: readonly number[],
  ): FrozenTrial {
    if (!values.every(Number.isFinite)) return { ...trial, state: 'failed' };
    return {
      ...trial,
      state: 'completed',
      value: values[this.primaryIndex],
      values: [...values],
      ...(this.constraints.length > 0 && {
        constraints: [...constraints],
        violation: violationOf(this.constraints, constraints),
      }),
    };
  }

  /** Records an intermediate value; steps may arrive out of order, a repeated step replaces. */
  report(id: number, step: number, value: number): void {
    const trial = this.running(id, 'report');
    if (typeof step !== 'number' || !Number.isFinite(step)) {
      throw new TrialStateError(id, `report(${id}): step must be a finite number, got ${step}`);
    }
    if (typeof value !== 'number') {
      throw new TrialStateError(id, `report(${id}): value must be a number, got ${typeof value}`);
    }
    insertPoint(trial.intermediate as CurvePoint[], [step, value]);
  }

  /** The stopper's decision for a running trial given everything reported so far. */
  shouldStop(id: number): StopDecision {
    const trial = this.running(id, 'shouldStop');
    if (!this.stopper) return { stop: false, rule: 'none', reason: 'no stopper is configured' };
    return this.stopper.decide({
      direction: this.direction,
      trial,
      trials: this.trialList,
      metricName: this.metricName,
      stepName: this.stepName,
    });
  }

  /** Adds a trial made elsewhere (imported, or reported by a worker out of order). */
  addTrial(input: AddTrialInput): FrozenTrial {
    const params = validateParams(this.space, input.params);
    const state = checkOneOf('state', input.state, ['running', 'completed', 'failed', 'pruned']);
    const intermediate: CurvePoint[] = [];
    for (const point of input.intermediate ?? []) insertPoint(intermediate, point);
    if (state !== 'completed') return this.push({ params, state, intermediate });
    const values = input.values ?? (input.value === undefined ? [] : [input.value]);
    if (values.length !== this.objectives.length || !values.every(Number.isFinite)) {
      const field = input.values ? 'values' : 'value';
      throw new OptionsError(
        field,
        `a completed trial needs ${this.objectives.length} finite objective value(s), got ${JSON.stringify(input.values ?? input.value)}`,
      );
    }
    const constraints = input.constraints ?? [];
    if (constraints.length !== this.constraints.length) {
      throw new OptionsError(
        'constraints',
        `a completed trial needs ${this.constraints.length} constraint value(s), got ${JSON.stringify(constraints)}`,
      );
    }
    const trial = this.push({ params, state: 'running', intermediate });
    const done = this.completed(trial, values, constraints);
    return this.place(done);
  }

  toJSON(): StudyJSON {
    return {
      format: 'sweepwise.study/1',
      space: this.space.json,
      direction: this.direction,
      ...(this.namedObjectives && { objectives: this.objectives }),
      ...(this.constraints.length > 0 && { constraints: this.constraints }),
      ...(this.namedPrimary !== undefined && { primary: this.namedPrimary }),
      sampler: this.samplerConfig,
      ...(this.stopperConfig && {
        stopper: this.stopperConfig,
        stopperState: this.stopper!.toJSON(),
      }),
      metricName: this.metricName,
      stepName: this.stepName,
      rng: this.rng.toJSON(),
      samplerState: this.sampler.toJSON(),
      trials: this.trialList.map((t) => ({
        ...t,
        intermediate: t.intermediate.map(([s, v]) => [s, jsonNumber(v)] as const),
        ...(t.constraints && {
          constraints: t.constraints.map(jsonNumber),
          violation: jsonNumber(t.violation!),
        }),
      })),
      queue: [...this.queue],
    };
  }

  /** Restores trials and queue after construction from JSON (see loadStudy). */
  private restore(json: StudyJSON): void {
    for (const t of json.trials) {
      if (t.id !== this.trialList.length) {
        throw new TrialStateError(t.id, `study JSON: trial ids must be 0, 1, 2..., got ${t.id}`);
      }
      this.place({
        id: t.id,
        params: t.params,
        state: t.state,
        ...(t.value !== undefined && { value: t.value }),
        // Studies saved before several objectives existed have `value` only.
        ...(t.state === 'completed' && { values: t.values ?? [t.value!] }),
        ...(t.constraints && {
          constraints: t.constraints.map(Number),
          violation: Number(t.violation),
        }),
        intermediate: t.intermediate.map(([s, v]) => [s, Number(v)] as const),
      });
    }
    this.queue.push(...json.queue);
  }

  static fromJSON(json: StudyJSON): Study {
    if (json?.format !== 'sweepwise.study/1') {
      throw new OptionsError('format', `not a study JSON: format must be "sweepwise.study/1"`);
    }
    const study = new Study(json.objectives ? { ...json, direction: undefined } : json, json);
    study.restore(json);
    return study;
  }

  private push(trial: Omit<FrozenTrial, 'id'>): FrozenTrial {
    return this.place({ id: this.trialList.length, ...trial });
  }

  /** Puts a trial at its id, keeping the running set that samplers read instead of every trial. */
  private place(trial: FrozenTrial): FrozenTrial {
    this.trialList[trial.id] = trial;
    if (trial.state === 'running') this.runningTrials.set(trial.id, trial);
    else this.runningTrials.delete(trial.id);
    return trial;
  }

  private running(id: number, op: string): FrozenTrial {
    const trial = Number.isInteger(id) ? this.trialList[id] : undefined;
    if (!trial) throw new TrialStateError(id, `${op}(${id}): no such trial`);
    if (trial.state !== 'running') {
      throw new TrialStateError(id, `${op}(${id}): trial ${id} is already ${trial.state}`);
    }
    return trial;
  }
}

function isEnded(result: TellResult): result is { readonly state: 'failed' | 'pruned' } {
  const state = (result as { state?: unknown } | null)?.state;
  return state === 'failed' || state === 'pruned';
}

function jsonNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** Sum of the amounts by which metrics pass their bounds; a NaN metric is infinitely over. */
function violationOf(constraints: readonly Constraint[], metrics: readonly number[]): number {
  let total = 0;
  constraints.forEach((c, i) => {
    const over = c.max !== undefined ? metrics[i] - c.max : c.min - metrics[i];
    total += Number.isNaN(over) ? Infinity : Math.max(0, over);
  });
  return total;
}

function objectivesOf(config: StudyConfig): Objective[] {
  if (config.objectives === undefined) {
    const name = nameOption('metricName', config.metricName ?? STUDY_DEFAULTS.metricName);
    return [{ name, direction: checkOneOf('direction', config.direction, DIRECTIONS) }];
  }
  if (config.direction !== undefined) {
    throw new OptionsError(
      'direction',
      'give either direction (one objective) or objectives, not both',
    );
  }
  const count = Array.isArray(config.objectives) ? config.objectives.length : 0;
  if (count === 0 || count > STUDY_LIMITS.objectives) {
    throw new OptionsError(
      'objectives',
      `objectives must be an array of 1..${STUDY_LIMITS.objectives} { name, direction }, got ${count}`,
    );
  }
  const seen = new Set<string>();
  return config.objectives.map((o: Objective, i: number) => {
    const name = nameOption(`objectives[${i}].name`, o?.name);
    if (seen.has(name)) {
      throw new OptionsError(`objectives[${i}].name`, `objective "${name}" is listed twice`);
    }
    seen.add(name);
    const direction = checkOneOf(`objectives[${i}].direction`, o.direction, [
      'minimize',
      'maximize',
    ]);
    return { name, direction };
  });
}

function constraintsOf(constraints: readonly Constraint[] | undefined): Constraint[] {
  if (constraints === undefined) return [];
  if (!Array.isArray(constraints) || constraints.length > STUDY_LIMITS.constraints) {
    throw new OptionsError(
      'constraints',
      `constraints must be an array of at most ${STUDY_LIMITS.constraints} { metric, max } or { metric, min }`,
    );
  }
  return constraints.map((c: Constraint, i: number): Constraint => {
    const metric = nameOption(`constraints[${i}].metric`, c?.metric);
    if ((c.max === undefined) === (c.min === undefined)) {
      throw new OptionsError(
        `constraints[${i}]`,
        `constraints[${i}] needs exactly one of max or min (the bound on ${metric})`,
      );
    }
    return c.max !== undefined
      ? { metric, max: checkNumber(`constraints[${i}].max`, c.max, {}) }
      : { metric, min: checkNumber(`constraints[${i}].min`, c.min, {}) };
  });
}

function primaryOf(objectives: readonly Objective[], primary: unknown): number {
  if (primary === undefined) return 0;
  const i = objectives.findIndex((o) => o.name === primary);
  if (i < 0) {
    throw new OptionsError(
      'primary',
      `primary must name an objective (${objectives.map((o) => o.name).join(', ') || 'give objectives'}), got ${JSON.stringify(primary)}`,
    );
  }
  return i;
}

function nameOption(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OptionsError(
      field,
      `${field} must be a non-empty string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Inserts a point in place keeping steps sorted and unique (a repeated step replaces its value).
 * Reports arrive mostly in step order, so the search from the end makes each one O(1): a curve of
 * 10,000 steps would cost seconds if every report copied it.
 */
function insertPoint(points: CurvePoint[], point: CurvePoint): void {
  const [step] = point;
  let i = points.length;
  while (i > 0 && points[i - 1][0] > step) i--;
  if (i > 0 && points[i - 1][0] === step) points[i - 1] = point;
  else points.splice(i, 0, point);
}

export function createStudy(config: StudyConfig): Study {
  return new Study(config);
}

/** Rebuilds a study from `study.toJSON()` (parsed JSON is fine): next asks match the original's. */
export function loadStudy(json: StudyJSON): Study {
  return Study.fromJSON(json);
}
