// The ask/tell study: the one object the worker, the CLI and users' scripts drive. It owns the
// trials, the sampler, the stopper and the Rng, and serializes all of them, so a controller can
// stop, reload the JSON anywhere and continue with identical suggestions.

import { OptionsError, checkOneOf } from './options.js';
import { Rng, type RngJSON } from './rng.js';
import { samplerFactory } from './samplers/index.js';
import type { Sampler } from './samplers/sampler.js';
import { validateParams, validateSpace, type Params, type Space, type SpaceJSON } from './space.js';
import { stopperFactory } from './stoppers/index.js';
import type { StopDecision, Stopper } from './stoppers/stopper.js';
import {
  DIRECTIONS,
  isBetter,
  type CurvePoint,
  type Direction,
  type FrozenTrial,
  type TrialState,
} from './trial.js';

export interface AlgorithmConfig {
  readonly type: string;
  readonly [option: string]: unknown;
}

export interface StudyConfig {
  /** The search space JSON (validated here). */
  readonly space: unknown;
  readonly direction: Direction;
  /** `{ type, seed, ...options }`; without a seed one is drawn and kept in `toJSON()`. */
  readonly sampler: AlgorithmConfig & { readonly seed?: number };
  readonly stopper?: AlgorithmConfig;
  /** Names used in stop reasons: "validation loss", "epoch". */
  readonly metricName?: string;
  readonly stepName?: string;
}

export const STUDY_DEFAULTS = { metricName: 'objective', stepName: 'step' } as const;

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
  /** Values may be the strings "NaN", "Infinity", "-Infinity": JSON has no such numbers. */
  readonly intermediate: readonly (readonly [number, number | string])[];
}

export interface StudyJSON {
  readonly format: 'sweepwise.study/1';
  readonly space: SpaceJSON;
  readonly direction: Direction;
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

/** What `tell` accepts: the objective, or how the trial ended without one. */
export type TellResult = number | { readonly state: 'failed' | 'pruned' };

/** A trial created outside ask(): imported results, or a worker's trial arriving out of order. */
export interface AddTrialInput {
  readonly params: Params;
  readonly state: TrialState;
  readonly value?: number;
  readonly intermediate?: readonly CurvePoint[];
}

export class Study {
  readonly space: Space;
  readonly direction: Direction;
  readonly metricName: string;
  readonly stepName: string;
  private readonly samplerConfig: AlgorithmConfig & { readonly seed: number };
  private readonly stopperConfig: AlgorithmConfig | undefined;
  private readonly sampler: Sampler;
  private readonly stopper: Stopper | undefined;
  private readonly rng: Rng;
  private readonly trialList: FrozenTrial[] = [];
  private readonly queue: Params[] = [];

  /** Use createStudy / loadStudy. */
  constructor(config: StudyConfig, restored?: StudyJSON) {
    this.space = validateSpace(config.space);
    this.direction = checkOneOf('direction', config.direction, DIRECTIONS);
    this.metricName = nameOption('metricName', config.metricName ?? STUDY_DEFAULTS.metricName);
    this.stepName = nameOption('stepName', config.stepName ?? STUDY_DEFAULTS.stepName);
    const { type: samplerType, seed: givenSeed, ...samplerOptions } = config.sampler ?? {};
    const seed = givenSeed ?? Math.floor(Math.random() * 2 ** 32);
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new OptionsError('sampler.seed', `sampler.seed must be an integer >= 0, got ${seed}`);
    }
    this.samplerConfig = { ...samplerOptions, type: samplerType, seed };
    this.sampler = samplerFactory(samplerType).create({
      options: samplerOptions,
      space: this.space,
      seed,
      state: restored?.samplerState,
    });
    if (config.stopper !== undefined) {
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

  /** The best completed trial under the direction (the earliest on ties), if any. */
  get bestTrial(): FrozenTrial | undefined {
    let best: FrozenTrial | undefined;
    for (const t of this.trialList) {
      if (t.state !== 'completed') continue;
      if (!best || isBetter(this.direction, t.value!, best.value!)) best = t;
    }
    return best;
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
        trials: this.trialList,
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
   * Ends a running trial: a finite number completes it; NaN or ±Infinity records it as failed
   * (a diverged run is a result, not an error); `{ state }` records failed or pruned.
   */
  tell(id: number, result: TellResult): FrozenTrial {
    const trial = this.running(id, 'tell');
    let next: FrozenTrial;
    if (typeof result === 'number') {
      next = Number.isFinite(result)
        ? { ...trial, state: 'completed', value: result }
        : { ...trial, state: 'failed' };
    } else if (result?.state === 'failed' || result?.state === 'pruned') {
      next = { ...trial, state: result.state };
    } else {
      throw new TrialStateError(
        id,
        `tell(${id}): expected a number or { state: 'failed' | 'pruned' }`,
      );
    }
    this.trialList[id] = next;
    return next;
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
    if (state === 'completed' && !Number.isFinite(input.value)) {
      throw new OptionsError('value', `a completed trial needs a finite value, got ${input.value}`);
    }
    const intermediate: CurvePoint[] = [];
    for (const point of input.intermediate ?? []) insertPoint(intermediate, point);
    return this.push(
      state === 'completed'
        ? { params, state, value: input.value, intermediate }
        : { params, state, intermediate },
    );
  }

  toJSON(): StudyJSON {
    return {
      format: 'sweepwise.study/1',
      space: this.space.json,
      direction: this.direction,
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
        intermediate: t.intermediate.map(
          ([s, v]) => [s, Number.isFinite(v) ? v : String(v)] as const,
        ),
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
      this.trialList.push({
        id: t.id,
        params: t.params,
        state: t.state,
        ...(t.value !== undefined && { value: t.value }),
        intermediate: t.intermediate.map(([s, v]) => [s, Number(v)] as const),
      });
    }
    this.queue.push(...json.queue);
  }

  static fromJSON(json: StudyJSON): Study {
    if (json?.format !== 'sweepwise.study/1') {
      throw new OptionsError('format', `not a study JSON: format must be "sweepwise.study/1"`);
    }
    const study = new Study(json, json);
    study.restore(json);
    return study;
  }

  private push(trial: Omit<FrozenTrial, 'id'>): FrozenTrial {
    const frozen: FrozenTrial = { id: this.trialList.length, ...trial };
    this.trialList.push(frozen);
    return frozen;
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
