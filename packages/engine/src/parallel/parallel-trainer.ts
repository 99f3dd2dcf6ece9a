import type { Allocate } from '../kernels/arena.js';
import type { Samples } from '../evaluate.js';
import type { FitConfig } from '../fit.js';
import { Network } from '../model/network.js';
import type { NetworkSpec } from '../model/plan.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import {
  Command,
  LR,
  Result,
  RESULT_STRIDE,
  runCommand,
  Word,
  type CommandCode,
} from './control.js';
import {
  bufferOf,
  createSharedSpace,
  refOf,
  regionAllocator,
  viewOf,
  type BufferRef,
  type Region,
  type SharedSpace,
} from './shared-memory.js';
import { sumShards } from './shards.js';
import type { ShardInit, ShardThread, SpawnShardThread } from './shard-thread.js';

export interface ParallelSetup {
  config: FitConfig;
  spec: NetworkSpec;
  /** Rows the coordinator's own model is sized for (a batch, or an evaluation chunk). */
  capacity: number;
  train: Samples;
  width: number;
  classes: number;
  spawn: SpawnShardThread;
}

/** What the workers did in an epoch they trained among themselves. */
export interface WorkersEpoch {
  /** Summed over the rows trained (all of them unless the epoch diverged or was aborted). */
  lossSum: number;
  correct: number;
  /** Async: mean and largest staleness of the epoch's updates. */
  staleness: [mean: number, max: number] | null;
  /** 1-based batch whose loss was not finite, or 0. */
  divergedBatch: number;
  /** Optimizer updates taken in all, this epoch's included. */
  steps: number;
}

/**
 * The coordinator of a data-parallel run (it runs in the thread that called fitArrays). It lays
 * out one shared space: its own model and optimizer (region 0: the weights of record, which
 * evaluation, early stopping and checkpoints read) and one replica per worker; starts the workers
 * and drives them a step (sync) or an epoch (async) at a time through the control words.
 */
export class ParallelTrainer {
  /** Allocates the coordinator's model and optimizer in the shared space. */
  readonly allocate: Allocate;
  /** The epoch's order of training rows, written by the coordinator, read by the workers. */
  readonly order: Int32Array;
  private readonly workers: number;
  private readonly space: SharedSpace;
  private readonly regions: Region[];
  private readonly replicaCapacity: number;
  private readonly control = new Int32Array(new SharedArrayBuffer(Word.Size * 4));
  private readonly lr = new Float64Array(new SharedArrayBuffer(8));
  private readonly results: Float64Array;
  /** Per worker, the rows of its shard in the last step. */
  private readonly shardRows: Float64Array;
  private threads: ShardThread[] = [];
  private starting: Promise<void> | null = null;
  private closing = false;
  private fail!: (err: Error) => void;
  private readonly failure: Promise<never>;
  /** Parameter server: per param, every worker's gradient of it. */
  private sources: Float32Array[][] = [];
  private masterGrads: Float32Array[] = [];

  constructor(private readonly setup: ParallelSetup) {
    const { config, spec, capacity, train } = setup;
    const k = config.parallel.workers;
    this.workers = k;
    this.replicaCapacity =
      config.parallel.mode === 'sync' ? Math.ceil(config.batchSize / k) : config.batchSize;
    const master = Network.footprint(spec, capacity);
    const replica = Network.footprint(spec, this.replicaCapacity);
    const { space, regions } = createSharedSpace([
      { floats: master.floats, scratchFloats: master.largestWeight },
      ...Array.from({ length: k }, () => ({
        floats: replica.floats,
        scratchFloats: replica.largestWeight,
      })),
    ]);
    this.space = space;
    this.regions = regions;
    this.allocate = regionAllocator(space, regions[0]);
    this.order = new Int32Array(new SharedArrayBuffer(train.n * 4));
    this.results = new Float64Array(new SharedArrayBuffer(k * RESULT_STRIDE * 8));
    this.shardRows = new Float64Array(k);
    this.failure = new Promise<never>((_, reject) => (this.fail = reject));
    this.failure.catch(() => {}); // observed by every command; unhandled only once closed
  }

  get mode(): 'sync' | 'async' {
    return this.setup.config.parallel.mode;
  }

  get serverReduces(): boolean {
    return this.setup.config.parallel.reduce === 'parameter-server';
  }

  /** Starts the workers on the coordinator's model (once; later calls wait for the first). */
  start(mlp: Network, optimizer: Optimizer): Promise<void> {
    this.starting ??= this.launch(mlp, optimizer);
    return this.starting;
  }

  private async launch(mlp: Network, optimizer: Optimizer): Promise<void> {
    const { config, spec, train, width, classes, spawn } = this.setup;
    const refs = (views: readonly Float32Array[]): BufferRef[] =>
      views.map((v) => {
        if ((v.buffer as unknown) !== bufferOf(this.space)) {
          throw new Error('a parallel run’s model must live in its shared space');
        }
        return refOf(v);
      });
    const base: Omit<ShardInit, 'index' | 'region'> = {
      workers: this.workers,
      mode: config.parallel.mode,
      reduce: config.parallel.reduce,
      space: this.space,
      capacity: this.replicaCapacity,
      control: this.control,
      lr: this.lr,
      results: this.results,
      model: spec,
      loss: config.loss,
      width,
      classes,
      regularization: config.regularization,
      clipNorm: config.clipNorm,
      optimizer: config.optimizer,
      batchSize: config.batchSize,
      data: {
        x: shared(train.x),
        y: shared(train.y),
        features: train.features,
        n: train.n,
        order: this.order,
      },
      master: {
        values: refs(mlp.params.map((p) => p.value)),
        regularized: mlp.params.map((p) => p.regularized),
        slots: refs(optimizer.slots as Float32Array[]),
        slotCount: optimizer.slotCount,
        buffers: refs(mlp.layers.flatMap((l) => l.buffers)),
      },
    };
    const ready = Array.from({ length: this.workers }, (_, index) => {
      const thread = spawn({ ...base, index, region: this.regions[index + 1] });
      this.threads.push(thread);
      thread.onFailure((err) => {
        if (!this.closing) this.fail(err);
      });
      return new Promise<BufferRef[]>((resolve) =>
        thread.onMessage((m) => {
          if (m.type === 'ready') resolve(m.grads);
          else this.fail(Object.assign(new Error(m.error.message), m.error));
        }),
      );
    });
    const grads = await Promise.race([Promise.all(ready), this.failure]);
    for (const thread of this.threads) thread.post({ type: 'peers', grads });
    this.masterGrads = mlp.params.map((p) => p.grad);
    const views = grads.map((g) => g.map((r) => viewOf(this.space, r)));
    this.sources = mlp.params.map((_, j) => views.map((g) => g[j]));
  }

  /** Every epoch: its number and the seed of the workers' dropout streams. */
  beginEpoch(epoch: number, seed: number): void {
    Atomics.store(this.control, Word.Epoch, epoch);
    Atomics.store(this.control, Word.EpochSeed, seed | 0);
  }

  /**
   * Parameter server: one step over rows order[start..start+n), every worker its shard. Returns
   * the batch's mean loss and correct predictions; the averaged gradient is then in the
   * coordinator's model for it to apply.
   */
  async step(start: number, n: number): Promise<{ loss: number; correct: number }> {
    const { control, results } = this;
    Atomics.store(control, Word.Start, start);
    Atomics.store(control, Word.Rows, n);
    await this.run(Command.Step);
    let loss = 0;
    let correct = 0;
    for (let k = 0; k < this.workers; k++) {
      const rows = results[k * RESULT_STRIDE + Result.Rows];
      this.shardRows[k] = rows;
      if (rows > 0) loss += (rows / n) * results[k * RESULT_STRIDE + Result.Loss];
      correct += results[k * RESULT_STRIDE + Result.Correct];
    }
    if (Number.isFinite(loss)) {
      for (let j = 0; j < this.masterGrads.length; j++) {
        const g = this.masterGrads[j];
        sumShards(g, this.sources[j], this.shardRows, 0, g.length);
      }
    }
    return { loss, correct };
  }

  /** Whether the workers train whole epochs (async, or sync all-reduce) rather than steps. */
  get trainsEpochs(): boolean {
    return this.mode === 'async' || !this.serverReduces;
  }

  /**
   * The workers train the epoch among themselves: HOGWILD-style (async) or the sync all-reduce's
   * steps; `steps` updates came before.
   */
  async epoch(lr: number, steps: number): Promise<WorkersEpoch> {
    const { control, results } = this;
    Atomics.store(control, Word.NextBatch, 0);
    Atomics.store(control, Word.Diverged, 0);
    Atomics.store(control, Word.GlobalStep, steps);
    this.lr[LR] = lr;
    await this.run(Command.Epoch);
    const sum = (field: number) => {
      let s = 0;
      for (let k = 0; k < this.workers; k++) s += results[k * RESULT_STRIDE + field];
      return s;
    };
    let staleness: [number, number] | null = null;
    if (this.mode === 'async') {
      let max = 0;
      for (let k = 0; k < this.workers; k++) {
        max = Math.max(max, results[k * RESULT_STRIDE + Result.StalenessMax]);
      }
      const updates = sum(Result.Updates);
      staleness = [updates > 0 ? sum(Result.StalenessSum) / updates : 0, max];
    }
    return {
      lossSum: sum(Result.LossSum),
      correct: sum(Result.Correct),
      staleness,
      divergedBatch: Atomics.load(control, Word.Diverged),
      steps: Atomics.load(control, Word.GlobalStep),
    };
  }

  /** Asks workers training an epoch to stop after their current batch. */
  abort(): void {
    Atomics.store(this.control, Word.Abort, 1);
  }

  /** Stops the workers; idempotent. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    Atomics.store(this.control, Word.Command, Command.Exit);
    Atomics.add(this.control, Word.Generation, 1);
    Atomics.notify(this.control, Word.Generation);
    await Promise.all(this.threads.map((t) => t.terminate()));
  }

  private run(command: CommandCode): Promise<void> {
    return Promise.race([runCommand(this.control, this.workers, command), this.failure]);
  }
}

/** A copy of the array in shared memory, for the workers (the same array if it already is). */
function shared(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new Float32Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}
