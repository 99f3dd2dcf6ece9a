import { replayBuffers } from '../kernels/arena.js';
import { lossAndGrad, predictClass } from '../loss.js';
import type { Param } from '../model/layer.js';
import { Network } from '../model/network.js';
import { createOptimizer } from '../optimizers/create-optimizer.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import {
  addPenaltyGradient,
  clipGradientNorm,
  gradientSumOfSquares,
  scaleGradients,
} from '../regularization.js';
import { Rng } from '../rng.js';
import {
  barrier,
  Command,
  finishCommand,
  LR,
  Result,
  RESULT_STRIDE,
  Word,
  awaitCommand,
} from './control.js';
import { regionAllocator, refOf, viewOf } from './shared-memory.js';
import { shardRange, sliceSegments, sumShards, type Segment } from './shards.js';
import type { ShardError, ShardInit, ShardPort } from './shard-thread.js';

/**
 * A worker thread's side of a parallel run: start-up, then commands until told to exit. Call it
 * from the thread's entry file; it blocks the thread (Atomics.wait) between commands.
 */
export function runShardWorker(init: ShardInit, port: ShardPort): void {
  let worker: ShardWorker;
  try {
    worker = new ShardWorker(init);
  } catch (err) {
    port.post({ type: 'error', error: shardError(err) });
    return;
  }
  port.post({ type: 'ready', grads: worker.params.map((p) => refOf(p.grad)) });
  port.onceMessage((peers) => {
    try {
      worker.setPeers(peers.grads);
      worker.serve();
    } catch (err) {
      Atomics.store(init.control, Word.Abort, 1);
      port.post({ type: 'error', error: shardError(err) });
    }
  });
}

const SLOTS = 'the optimizer slots of a worker';

function shardError(err: unknown): ShardError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const field = (err as { field?: unknown }).field;
  return {
    name: err.name,
    message: err.message,
    ...(typeof field === 'string' && { field }),
  };
}

/**
 * One worker: a replica of the model (its own gradients and activations in its region of the
 * shared space), the coordinator's weights to read and update, and the other workers' gradients
 * to reduce. A sync replica computes with the coordinator's weights themselves (nobody writes
 * them while gradients are computed); an async one with its own copy, pulled per batch.
 */
class ShardWorker {
  private readonly network: Network;
  readonly params: readonly Param[];
  private readonly rng = new Rng(0);
  private readonly xBatch: Float32Array;
  private readonly yBatch: Float32Array;
  private readonly gradOut: Float32Array;
  private readonly masterValues: Float32Array[];
  /**
   * Worker 0 only: the coordinator's running statistics and this replica's. As PyTorch's DDP
   * without SyncBatchNorm, each worker normalizes by its own shard's statistics, and the model's
   * running statistics are those of worker 0 (DDP broadcasts rank 0's buffers before each forward).
   */
  private readonly statistics: { master: Float32Array[]; own: Float32Array[] } | null;
  /** Sync all-reduce: this worker's slice of the parameters, and the optimizer over that slice. */
  private readonly segments: Segment[] = [];
  private readonly sliceParams: Param[] = [];
  /** The update this worker applies: its slice (all-reduce) or whole batches (async); none for a parameter server. */
  private readonly optimizer: Optimizer | null = null;
  /** Per segment, every worker's gradient of the segment's param (made once: a step allocates nothing). */
  private segmentSources: Float32Array[][] = [];
  /** Per worker, the rows of its shard in this step. */
  private readonly shardRows: Float64Array;
  private epoch = -1;

  constructor(private readonly init: ShardInit) {
    const { space, region, capacity, model, data, master, width } = init;
    const allocate = regionAllocator(space, region);
    this.masterValues = master.values.map((r) => viewOf(space, r));
    const shared = init.mode === 'sync' ? this.masterValues : undefined;
    this.network = new Network(model, capacity, this.rng, allocate, shared);
    this.params = this.network.params;
    this.xBatch = allocate(capacity * data.features);
    this.yBatch = new Float32Array(capacity);
    this.gradOut = allocate(capacity * width);
    this.statistics =
      init.index === 0 && master.buffers.length > 0
        ? {
            master: master.buffers.map((r) => viewOf(space, r)),
            own: this.network.layers.flatMap((l) => l.buffers),
          }
        : null;
    this.shardRows = new Float64Array(init.workers);
    const slots = master.slots.map((r) => viewOf(space, r));
    if (init.mode === 'async') {
      // HOGWILD!: this worker's gradient, applied straight to the shared weights and slots
      const params = this.params.map((p, j) => ({
        value: this.masterValues[j],
        grad: p.grad,
        regularized: p.regularized,
      }));
      this.optimizer = createOptimizer(init.optimizer, params, replayBuffers(slots, SLOTS));
    } else if (init.reduce === 'allreduce') {
      const lengths = this.masterValues.map((v) => v.length);
      this.segments = sliceSegments(lengths, init.workers, init.index);
      const sliceSlots: Float32Array[] = [];
      for (const { param: j, from, to } of this.segments) {
        this.sliceParams.push({
          name: `${this.params[j].name}[${from}:${to}]`,
          value: this.masterValues[j].subarray(from, to),
          // the reduce sums every worker's gradient of the slice into this worker's own
          grad: this.params[j].grad.subarray(from, to),
          regularized: master.regularized[j],
        });
        for (let s = 0; s < master.slotCount; s++) {
          sliceSlots.push(slots[j * master.slotCount + s].subarray(from, to));
        }
      }
      this.optimizer = createOptimizer(
        init.optimizer,
        this.sliceParams,
        replayBuffers(sliceSlots, SLOTS),
      );
    }
  }

  setPeers(grads: { byteOffset: number; length: number }[][]): void {
    const peers = grads.map((refs) => refs.map((r) => viewOf(this.init.space, r)));
    this.segmentSources = this.segments.map(({ param }) => peers.map((g) => g[param]));
  }

  /** Runs commands until Exit. */
  serve(): void {
    const { control } = this.init;
    let generation = 0; // commands may be published before this thread gets here

    for (;;) {
      generation = awaitCommand(control, generation);
      const command = Atomics.load(control, Word.Command);
      if (command === Command.Exit) return;
      this.reseed();
      try {
        if (command === Command.Step) {
          // parameter server: the shard's gradient; the coordinator reduces and updates
          this.shard(Atomics.load(control, Word.Start), Atomics.load(control, Word.Rows));
        } else if (this.init.mode === 'async') this.asyncEpoch();
        else this.syncEpoch();
      } finally {
        finishCommand(control);
      }
    }
  }

  /** Each epoch, a dropout stream of its own per worker, from the coordinator's seed. */
  private reseed(): void {
    const epoch = Atomics.load(this.init.control, Word.Epoch);
    if (epoch === this.epoch) return;
    this.epoch = epoch;
    const seed = (Atomics.load(this.init.control, Word.EpochSeed) >>> 0) + this.init.index;
    this.rng.state.set(new Rng(seed).state);
  }

  /** Async: copies the coordinator's weights into the replica, racing the other writers. */
  private pull(): void {
    for (let j = 0; j < this.params.length; j++) this.params[j].value.set(this.masterValues[j]);
  }

  /**
   * Forward and backward over rows order[first..first+rows); returns their mean loss. The gradient
   * is of that mean times `share` (a sync shard's part of the batch: the shards' gradients then
   * sum to the batch's).
   */
  private gradient(first: number, rows: number, share: number): { loss: number; correct: number } {
    const { data, loss: kind, width, classes } = this.init;
    const { x, y, features: f, order } = data;
    for (let r = 0; r < rows; r++) {
      const src = order[first + r];
      this.yBatch[r] = y[src];
      const at = src * f;
      const to = r * f;
      for (let j = 0; j < f; j++) this.xBatch[to + j] = x[at + j];
    }
    const stats = this.statistics;
    stats?.own.forEach((b, j) => b.set(stats.master[j]));
    const out = this.network.forward(this.xBatch, rows, true);
    stats?.master.forEach((b, j) => b.set(stats.own[j]));
    const loss = lossAndGrad(kind, out, this.yBatch, rows, width, this.gradOut);
    let correct = 0;
    if (!Number.isFinite(loss)) return { loss, correct };
    if (classes > 0) {
      for (let r = 0; r < rows; r++) if (predictClass(out, r, width) === this.yBatch[r]) correct++;
    }
    if (share !== 1) for (let j = 0; j < rows * width; j++) this.gradOut[j] *= share;
    this.network.backward(this.gradOut, rows);
    return { loss, correct };
  }

  /** The gradient of this worker's shard of rows order[start..start+n), and its results. */
  private shard(start: number, n: number): void {
    const { results, workers, index } = this.init;
    const [from, to] = shardRange(n, workers, index);
    const row = index * RESULT_STRIDE;
    const { loss, correct } =
      to > from ? this.gradient(start + from, to - from, (to - from) / n) : { loss: 0, correct: 0 };
    results[row + Result.Loss] = loss;
    results[row + Result.Correct] = correct;
    results[row + Result.Rows] = to - from;
  }

  /**
   * Sync all-reduce: the epoch's steps, taken by the workers among themselves, with two barriers a
   * step (every shard's gradient done; every slice updated) and no round trip through the
   * coordinator. Worker 0 reads the abort flag before each step for all, so all stop at one step.
   */
  private syncEpoch(): void {
    const { control, results, workers, index, batchSize, data } = this.init;
    const row = index * RESULT_STRIDE;
    const before = Atomics.load(control, Word.GlobalStep);
    let lossSum = 0;
    let correct = 0;
    let updates = 0;
    for (let start = 0; start < data.n; start += batchSize) {
      const n = Math.min(batchSize, data.n - start);
      if (index === 0) results[Result.Stop] = Atomics.load(control, Word.Abort);
      this.shard(start, n);
      barrier(control, workers);
      if (results[Result.Stop]) break;
      if (!this.shardsFinite()) {
        if (index === 0) Atomics.store(control, Word.Diverged, updates + 1);
        break;
      }
      lossSum += results[row + Result.Loss] * results[row + Result.Rows];
      correct += results[row + Result.Correct];
      this.reduceAndUpdate(before + updates);
      updates++;
      barrier(control, workers);
    }
    results[row + Result.LossSum] = lossSum;
    results[row + Result.Correct] = correct;
    results[row + Result.Updates] = updates;
    if (index === 0) Atomics.store(control, Word.GlobalStep, before + updates);
  }

  /** Whether every worker's shard loss is finite (else the step diverged), noting their rows. */
  private shardsFinite(): boolean {
    const { results, workers } = this.init;
    for (let k = 0; k < workers; k++) {
      if (!Number.isFinite(results[k * RESULT_STRIDE + Result.Loss])) return false;
      this.shardRows[k] = results[k * RESULT_STRIDE + Result.Rows];
    }
    return true;
  }

  /** This worker's slice: the sum of every worker's gradient, penalties, clipping, the update. */
  private reduceAndUpdate(steps: number): void {
    const { control, results, workers, index, regularization, clipNorm } = this.init;
    for (let i = 0; i < this.segments.length; i++) {
      const { from: a, to: b } = this.segments[i];
      const sources = this.segmentSources[i];
      sumShards(sources[index], sources, this.shardRows, a, b);
    }
    addPenaltyGradient(this.sliceParams, regularization.l1, regularization.l2);
    if (clipNorm !== null) {
      results[index * RESULT_STRIDE + Result.SumSquares] = gradientSumOfSquares(this.sliceParams);
      barrier(control, workers);
      let sq = 0;
      for (let k = 0; k < workers; k++) sq += results[k * RESULT_STRIDE + Result.SumSquares];
      const norm = Math.sqrt(sq);
      if (norm > clipNorm) scaleGradients(this.sliceParams, clipNorm / norm);
    }
    this.optimizer!.steps = steps;
    this.optimizer!.step(this.init.lr[LR]);
  }

  /**
   * HOGWILD! (Recht et al., 2011): claim the epoch's batches one at a time; for each, read the
   * shared weights, compute the batch's gradient and write the update without any lock. A
   * gradient's staleness is the number of updates others wrote between its read and its write.
   */
  private asyncEpoch(): void {
    const { control, results, index, batchSize, data, regularization, clipNorm } = this.init;
    const row = index * RESULT_STRIDE;
    const batches = Math.ceil(data.n / batchSize);
    let lossSum = 0;
    let correctSum = 0;
    let updates = 0;
    let staleSum = 0;
    let staleMax = 0;
    for (;;) {
      if (Atomics.load(control, Word.Abort) || Atomics.load(control, Word.Diverged)) break;
      const b = Atomics.add(control, Word.NextBatch, 1);
      if (b >= batches) break;
      const first = b * batchSize;
      const rows = Math.min(batchSize, data.n - first);
      const read = Atomics.load(control, Word.GlobalStep);
      this.pull();
      const { loss, correct } = this.gradient(first, rows, 1);
      if (!Number.isFinite(loss)) {
        Atomics.compareExchange(control, Word.Diverged, 0, b + 1);
        break;
      }
      addPenaltyGradient(this.params, regularization.l1, regularization.l2);
      if (clipNorm !== null) clipGradientNorm(this.params, clipNorm);
      const write = Atomics.add(control, Word.GlobalStep, 1);
      this.optimizer!.steps = write;
      this.optimizer!.step(this.init.lr[LR]);
      const stale = write - read;
      staleSum += stale;
      staleMax = Math.max(staleMax, stale);
      lossSum += loss * rows;
      correctSum += correct;
      updates++;
    }
    results[row + Result.LossSum] = lossSum;
    results[row + Result.Correct] = correctSum;
    results[row + Result.Updates] = updates;
    results[row + Result.StalenessSum] = staleSum;
    results[row + Result.StalenessMax] = staleMax;
  }
}
