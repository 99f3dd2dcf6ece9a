import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.js';
import type { TrialConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { Arena, heapAllocate } from './kernels/arena.js';
import { scoreSamples, TrainedModel, type Samples } from './evaluate.js';
import { lossAndGrad, outputWidth, predictClass } from './loss.js';
import {
  checkModelCost,
  costMetricsOf,
  MODEL_LIMITS_DEFAULTS,
  trialModelCost,
  type ShapeCostMetrics,
  type ModelLimits,
} from './model/cost.js';
import { Network } from './model/network.js';
import { ParallelTrainer } from './parallel/parallel-trainer.js';
import type { SpawnShardThread } from './parallel/shard-thread.js';
import { createOptimizer } from './optimizers/create-optimizer.js';
import type { Optimizer } from './optimizers/optimizer.js';
import { addPenaltyGradient, clipGradientNorm } from './regularization.js';
import {
  bestMetricsOf,
  type BestMetrics,
  type EpochMetrics,
  type TrainResult,
  type TrainStatus,
} from './result.js';
import { Rng } from './rng.js';
import { LrSchedule } from './schedule.js';

/** Everything of a trial config but the data set, which fitArrays receives as arrays. */
export type FitConfig = Omit<TrialConfig, 'dataset'>;

export type OnEpoch = (
  m: EpochMetrics,
  ctx: { checkpoint(): Uint8Array },
) => void | 'stop' | Promise<void | 'stop'>;

export interface RunOptions {
  /** Called after each epoch; answering 'stop' ends the run with status 'stopped'. */
  onEpoch?: OnEpoch;
  /** A checkpoint from ctx.checkpoint(): the run continues after its epoch. */
  resumeFrom?: Uint8Array;
  /** Checked between batches; an aborted run ends with status 'stopped'. */
  signal?: AbortSignal;
  /** A model over these is refused before anything is allocated (default MODEL_LIMITS_DEFAULTS). */
  modelLimits?: ModelLimits;
  /**
   * Starts the worker threads of a config with parallel.workers > 1 (in Node: nodeShardThreads()
   * from @sweepwise/engine/threads). The engine itself starts no threads.
   */
  threads?: SpawnShardThread;
  /** Milliseconds on a monotonic clock (default performance.now): what wall_s is read from. */
  now?: () => number;
}

export interface FitOptions extends RunOptions {
  config: FitConfig;
  /** Number of classes; 0 for regression. */
  classes: number;
  train: Samples;
  /** Scored after every epoch; without it early stopping must watch train_loss. */
  validation?: Samples;
}

export interface FitOutput {
  result: TrainResult;
  /** The model with the best epoch's weights. */
  model: TrainedModel;
}

/** Rows per inference chunk when scoring, however small the training batch. */
const EVAL_CHUNK = 256;
/** How often a long epoch yields to the event loop, so an abort signal can arrive. */
const YIELD_EVERY_MS = 100;
/** Untimed then timed single-sample passes of latency_ms: the median of 21 shrugs off a pause. */
const LATENCY_WARMUP = 3;
const LATENCY_RUNS = 21;

/** Trains a model on in-memory arrays: the engine's core, with no data loading. */
export async function fitArrays(options: FitOptions): Promise<FitOutput> {
  if (options.config.crossValidation) {
    throw new ConfigError(
      'crossValidation',
      'crossValidation: fitArrays trains one model on the arrays it is given; train() runs the folds',
    );
  }
  const run = new TrainingRun(options);
  if (options.resumeFrom) run.restore(decodeCheckpoint(options.resumeFrom));
  return run.execute();
}

type EpochOutcome =
  | { kind: 'done'; loss: number; accuracy?: number; staleness?: [mean: number, max: number] }
  | { kind: 'diverged'; step: number }
  | { kind: 'aborted' };

/** One model's training, stepped an epoch at a time (fitArrays runs it to the end). */
export class TrainingRun {
  private readonly config: FitConfig;
  private readonly rng: Rng;
  private readonly network: Network;
  private readonly model: TrainedModel;
  private readonly optimizer: Optimizer;
  private readonly schedule: LrSchedule;
  private readonly batchSize: number;
  private readonly width: number;
  private readonly order: Int32Array;
  /** Data-parallel runs: the coordinator of the worker threads. */
  private readonly parallel: ParallelTrainer | null = null;
  private readonly xBatch: Float32Array;
  private readonly yBatch: Float32Array;
  private readonly gradOut: Float32Array;
  private readonly minimize: boolean;
  private readonly cost: ShapeCostMetrics;
  private epoch = 0;
  private curves: EpochMetrics[] = [];
  private best: { epoch: number; value: number } | null = null;
  private bestModel: Float32Array[] | null = null;
  private badEpochs = 0;
  /** Correct predictions in the last training batch (classification). */
  private batchCorrect = 0;
  private wallBefore = 0;
  private started: number | null = null;
  /**
   * Milliseconds spent in onEpoch (the caller storing reports and checkpoints, a stopping rule's
   * answer), and when the current wait began: wall_s is training time, so times to a target
   * compare between an in-memory run and a worker that waits on the database every epoch.
   */
  private waitedMs = 0;
  private waitingSince: number | null = null;
  /** Null while the run can go on. */
  private status: TrainStatus | null = null;
  private stopReason: string | undefined;
  private divergedAt: TrainResult['divergedAt'];

  constructor(private readonly options: FitOptions) {
    const { config, classes, train, validation } = options;
    this.config = config;
    if (config.loss === 'binary_cross_entropy' && classes !== 2) {
      throw new ConfigError(
        'loss',
        `loss binary_cross_entropy needs 2 classes, the data set has ${classes}`,
      );
    }
    if (classes === 0 && config.loss !== 'mse') {
      throw new ConfigError(
        'loss',
        `loss must be mse for a regression data set, got ${config.loss}`,
      );
    }
    const metric = config.earlyStopping.metric;
    if (metric !== 'train_loss' && !(validation && validation.n > 0)) {
      throw new ConfigError(
        'earlyStopping.metric',
        `earlyStopping.metric ${metric} needs a validation set`,
      );
    }
    if (train.n === 0) throw new ConfigError('dataset.split.train', 'the training set is empty');
    this.minimize = metric !== 'val_acc';
    this.batchSize = Math.min(config.batchSize, train.n);
    this.width = outputWidth(config.loss, classes);
    this.rng = new Rng(config.seed);
    const shape = {
      features: train.features,
      image: train.shape ?? null,
      classes,
      trainRows: train.n,
    };
    const cost = trialModelCost(config, shape);
    checkModelCost(cost, options.modelLimits ?? MODEL_LIMITS_DEFAULTS);
    this.cost = costMetricsOf(cost);
    const capacity = Math.max(this.batchSize, EVAL_CHUNK);
    const spec = {
      inputSize: train.features,
      inputShape: train.shape ?? null,
      outputSize: this.width,
      ...config.model,
    };
    if (config.parallel.workers > 1) {
      if (!options.threads) {
        throw new ConfigError(
          'parallel.workers',
          `parallel.workers ${config.parallel.workers} needs threads: pass RunOptions.threads (in Node, nodeShardThreads() from @sweepwise/engine/threads)`,
        );
      }
      const setup = { config, spec, capacity, train, width: this.width, classes };
      this.parallel = new ParallelTrainer({ ...setup, spawn: options.threads });
    }
    // all of the run's buffers in one WebAssembly memory (shared with the workers of a parallel
    // run), so the SIMD kernels work in place
    const { floats, largestWeight } = Network.footprint(spec, capacity);
    const allocate =
      this.parallel?.allocate ?? Arena.create(floats, largestWeight)?.allocate ?? heapAllocate;
    this.network = new Network(spec, capacity, this.rng, allocate);
    this.model = new TrainedModel(this.network, config.loss, classes);
    this.optimizer = createOptimizer(config.optimizer, this.network.params, allocate);
    this.schedule = new LrSchedule(config.schedule, config.optimizer.lr);
    this.order = this.parallel?.order ?? new Int32Array(train.n);
    this.xBatch = allocate(this.batchSize * train.features);
    this.yBatch = new Float32Array(this.batchSize);
    this.gradOut = allocate(capacity * this.width);
  }

  /** Continues from a checkpoint of ctx.checkpoint() / checkpoint(), after its epoch. */
  restore(c: Checkpoint): void {
    const mismatch = (what: string) =>
      new ConfigError(
        'resumeFrom',
        `resumeFrom: the checkpoint's ${what} does not match this config's model and optimizer`,
      );
    const sameShapes = (a: ArrayLike<number>[], b: ArrayLike<number>[]) =>
      a.length === b.length && a.every((x, i) => x.length === b[i].length);
    if (!sameShapes(c.model, this.network.state)) throw mismatch('model');
    if (!sameShapes(c.optimizer, this.optimizer.slots)) throw mismatch('optimizer state');
    this.network.loadState(c.model);
    this.optimizer.slots.forEach((s, i) => s.set(c.optimizer[i]));
    this.optimizer.steps = c.optimizerSteps;
    this.rng.state.set(c.rng);
    this.schedule.state = { ...c.schedule };
    this.epoch = c.epoch;
    this.curves = c.curves;
    this.best = c.best;
    this.bestModel = c.bestModel;
    this.badEpochs = c.badEpochs;
    this.wallBefore = c.wallTimeS;
  }

  private snapshot(): Checkpoint {
    return {
      epoch: this.epoch,
      optimizerSteps: this.optimizer.steps,
      rng: Array.from(this.rng.state),
      schedule: { ...this.schedule.state },
      curves: this.curves,
      best: this.best,
      badEpochs: this.badEpochs,
      wallTimeS: this.wallTime(),
      model: this.network.state,
      optimizer: this.optimizer.slots,
      bestModel: this.bestModel,
    };
  }

  private wallTime(): number {
    const now = this.now();
    const waiting = this.waitingSince === null ? 0 : now - this.waitingSince;
    return this.wallBefore + (now - (this.started ?? now) - this.waitedMs - waiting) / 1000;
  }

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  async execute(): Promise<FitOutput> {
    const { onEpoch } = this.options;
    try {
      for (let m = await this.advance(); m; m = await this.advance()) {
        if (onEpoch) {
          this.waitingSince = this.now();
          const answer = await onEpoch(m, { checkpoint: () => this.checkpoint() });
          this.waitedMs += this.now() - this.waitingSince;
          this.waitingSince = null;
          if (answer === 'stop') {
            this.end('stopped', 'stopped by onEpoch');
            break;
          }
        }
        if (this.patienceRanOut()) break;
      }
    } finally {
      await this.parallel?.close();
    }
    return this.finish();
  }

  /** The run's state after its last finished epoch, as resumeFrom takes it. */
  checkpoint(): Uint8Array {
    return encodeCheckpoint(this.snapshot());
  }

  /**
   * Trains one more epoch and returns its metrics, or null once the run has ended: all epochs
   * done, aborted or diverged (then `status` says which). Callers that step runs themselves
   * (cross-validation) call patienceRanOut() and end() between epochs as execute() does.
   */
  async advance(): Promise<EpochMetrics | null> {
    this.started ??= this.now();
    const { config, validation } = this.options;
    if (this.status !== null) return null;
    if (this.epoch >= config.epochs) {
      this.status = 'completed';
      return null;
    }
    const epoch = this.epoch + 1;
    const lr = this.schedule.lr(epoch - 1);
    const outcome = await this.trainEpoch(lr);
    if (outcome.kind === 'aborted') {
      this.end('stopped', 'aborted by signal');
      return null;
    }
    if (outcome.kind === 'diverged') {
      this.divergedAt = { epoch, step: outcome.step };
      this.end(
        'diverged',
        `training loss became non-finite at epoch ${epoch}, step ${outcome.step}`,
      );
      return null;
    }
    const val = validation && validation.n > 0 ? scoreSamples(this.model, validation) : null;
    if (val && !Number.isFinite(val.loss)) {
      this.divergedAt = { epoch, step: Math.ceil(this.options.train.n / this.batchSize) };
      this.end('diverged', `validation loss became non-finite at epoch ${epoch}`);
      return null;
    }
    const m: EpochMetrics = {
      epoch,
      train_loss: outcome.loss,
      ...(outcome.accuracy !== undefined && { train_acc: outcome.accuracy }),
      val_loss: val ? val.loss : NaN,
      ...(val?.accuracy !== undefined && { val_acc: val.accuracy }),
      lr,
      wall_s: this.wallTime(),
      ...(outcome.staleness && {
        staleness: outcome.staleness[0],
        staleness_max: outcome.staleness[1],
      }),
    };
    this.epoch = epoch;
    this.curves.push(m);
    this.recordProgress(m);
    return m;
  }

  /** Whether advance() may train another epoch. */
  get running(): boolean {
    return this.status === null;
  }

  /** How the run ended (null while it can go on). */
  get ending(): { status: TrainStatus; reason?: string } | null {
    if (this.status === null) return null;
    return {
      status: this.status,
      ...(this.stopReason !== undefined && { reason: this.stopReason }),
    };
  }

  /** The curve so far and the epoch whose weights early stopping keeps (0: none yet). */
  progress(): { curves: readonly EpochMetrics[]; bestEpoch: number } {
    return { curves: this.curves, bestEpoch: this.best?.epoch ?? 0 };
  }

  /** Ends the run with `status`; advance() then returns null. */
  end(status: Exclude<TrainStatus, 'completed'>, reason: string): void {
    this.status = status;
    this.stopReason = reason;
  }

  /** Early stopping: true (and the run ended) after `patience` epochs without improvement. */
  patienceRanOut(): boolean {
    const { metric, patience } = this.config.earlyStopping;
    if (patience === null || this.badEpochs < patience) return false;
    this.end('early_stopped', `no improvement in ${metric} for ${patience} epochs`);
    return true;
  }

  /** The result so far, with the best epoch's weights loaded into the model. */
  finish(): FitOutput {
    if (this.bestModel) this.network.loadState(this.bestModel);
    const result: TrainResult = {
      status: this.status ?? 'completed',
      epochs: this.epoch,
      bestEpoch: this.best?.epoch ?? 0,
      metrics: this.bestMetrics(),
      curves: this.curves,
      wallTimeS: this.wallTime(),
      paramCount: this.network.paramCount,
      cost: { ...this.cost, latency_ms: this.latencyMs() },
    };
    if (this.stopReason !== undefined) result.stopReason = this.stopReason;
    if (this.divergedAt) result.divergedAt = this.divergedAt;
    return { result, model: this.model };
  }

  /**
   * Single-sample inference time: the median of LATENCY_RUNS timed forward passes of one row in
   * inference mode, after LATENCY_WARMUP untimed ones (JIT and caches). Measured here, in the
   * trial's own thread on the worker, with the model it returns; performance.now reads a clock,
   * no I/O. The median ignores the odd pause of a shared machine.
   */
  private latencyMs(): number {
    for (let i = 0; i < LATENCY_WARMUP; i++) this.network.forward(this.xBatch, 1, false);
    const times = new Float64Array(LATENCY_RUNS);
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const start = performance.now();
      this.network.forward(this.xBatch, 1, false);
      times[i] = performance.now() - start;
    }
    times.sort();
    return times[LATENCY_RUNS >> 1];
  }

  /** Early-stopping and plateau bookkeeping for a finished epoch. */
  private recordProgress(m: EpochMetrics): void {
    const value = m[this.config.earlyStopping.metric] ?? NaN;
    this.schedule.observe(value, this.minimize);
    const improved =
      this.best === null
        ? Number.isFinite(value)
        : this.minimize
          ? value < this.best.value
          : value > this.best.value;
    if (improved) {
      this.best = { epoch: m.epoch, value };
      this.bestModel ??= this.network.state.map((s) => new Float32Array(s.length));
      this.network.copyStateTo(this.bestModel);
      this.badEpochs = 0;
    } else {
      this.badEpochs++;
    }
  }

  private bestMetrics(): BestMetrics {
    return bestMetricsOf(this.best ? this.curves[this.best.epoch - 1] : undefined);
  }

  /** Copies the shuffled rows start..start+n of the training set into the batch buffers. */
  private gatherBatch(start: number, n: number): void {
    const { x, y, features: f } = this.options.train;
    const { xBatch, yBatch, order } = this;
    for (let r = 0; r < n; r++) {
      const src = order[start + r];
      yBatch[r] = y[src];
      const from = src * f;
      const to = r * f;
      for (let j = 0; j < f; j++) xBatch[to + j] = x[from + j];
    }
  }

  /** Forward, loss, backward, penalties, clipping and the update on rows start..start+n. */
  private trainStep(start: number, n: number, lr: number): number {
    this.gatherBatch(start, n);
    const out = this.network.forward(this.xBatch, n, true);
    const loss = lossAndGrad(this.config.loss, out, this.yBatch, n, this.width, this.gradOut);
    if (!Number.isFinite(loss)) return loss;
    if (this.model.classes > 0) this.batchCorrect = this.countCorrect(out, n);
    this.network.backward(this.gradOut, n);
    this.update(lr);
    return loss;
  }

  /** Penalties, clipping and the optimizer's step on the gradients in the model. */
  private update(lr: number): void {
    const { regularization, clipNorm } = this.config;
    addPenaltyGradient(this.network.params, regularization.l1, regularization.l2);
    if (clipNorm !== null) clipGradientNorm(this.network.params, clipNorm);
    this.optimizer.step(lr);
  }

  /**
   * Sync data parallelism with a parameter server: the workers compute their shards' gradients and
   * leave the averaged gradient in this model for this thread, the server, to apply.
   */
  private async serverStep(
    parallel: ParallelTrainer,
    start: number,
    n: number,
    lr: number,
  ): Promise<number> {
    const { loss, correct } = await parallel.step(start, n);
    if (!Number.isFinite(loss)) return loss;
    this.batchCorrect = correct;
    this.update(lr);
    return loss;
  }

  /** Correct predictions among the batch's outputs. */
  private countCorrect(out: Float32Array, n: number): number {
    let correct = 0;
    for (let r = 0; r < n; r++) if (predictClass(out, r, this.width) === this.yBatch[r]) correct++;
    return correct;
  }

  /** One pass over the shuffled training set. */
  private async trainEpoch(lr: number): Promise<EpochOutcome> {
    const { train, signal } = this.options;
    const order = this.order;
    for (let i = 0; i < order.length; i++) order[i] = i;
    this.rng.shuffle(order);
    if (this.parallel) {
      await this.parallel.start(this.network, this.optimizer);
      // dropout seeds from the generator's state, not a draw: the shuffles stay the 1-thread run's
      this.parallel.beginEpoch(this.epoch + 1, this.rng.state[0]);
      if (this.parallel.trainsEpochs) return this.workersEpoch(this.parallel, lr);
    }
    let lossSum = 0;
    let correct = 0;
    let lastYield = performance.now();
    let step = 0;
    for (let start = 0; start < train.n; start += this.batchSize) {
      step++;
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      if (signal?.aborted) return { kind: 'aborted' };
      const n = Math.min(this.batchSize, train.n - start);
      const loss = this.parallel
        ? await this.serverStep(this.parallel, start, n, lr)
        : this.trainStep(start, n, lr);
      if (!Number.isFinite(loss)) return { kind: 'diverged', step };
      lossSum += loss * n;
      correct += this.batchCorrect;
    }
    const loss = lossSum / train.n;
    return this.model.classes > 0
      ? { kind: 'done', loss, accuracy: correct / train.n }
      : { kind: 'done', loss };
  }

  /**
   * Async data parallelism (HOGWILD) and sync all-reduce: the workers train the epoch among
   * themselves; aborts reach them.
   */
  private async workersEpoch(parallel: ParallelTrainer, lr: number): Promise<EpochOutcome> {
    const { signal, train } = this.options;
    const onAbort = () => parallel.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return { kind: 'aborted' };
    let e;
    try {
      e = await parallel.epoch(lr, this.optimizer.steps);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    this.optimizer.steps = e.steps;
    if (e.divergedBatch > 0) return { kind: 'diverged', step: e.divergedBatch };
    if (signal?.aborted) return { kind: 'aborted' };
    const loss = e.lossSum / train.n;
    const staleness = e.staleness ?? undefined;
    return this.model.classes > 0
      ? { kind: 'done', loss, accuracy: e.correct / train.n, staleness }
      : { kind: 'done', loss, staleness };
  }
}
