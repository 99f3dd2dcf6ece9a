import type { Loss } from '../loss.js';
import type { NetworkSpec } from '../model/plan.js';
import type { OptimizerConfig } from '../optimizers/create-optimizer.js';
import type { ParallelMode, ParallelReduce } from './parallel-config.js';
import type { BufferRef, Region, SharedSpace } from './shared-memory.js';

// The contract between a parallel run's coordinator and its worker threads. The engine stays free
// of any thread API: whoever runs it passes a SpawnShardThread (in Node, nodeShardThreads() from
// @sweepwise/engine/threads; in a browser, one over Web Workers) and the worker side calls
// runShardWorker(init, port). Everything after start-up goes through shared memory.

/** What a worker thread is started with (structured-cloneable; the shared buffers are shared). */
export interface ShardInit {
  index: number;
  workers: number;
  mode: ParallelMode;
  reduce: ParallelReduce;
  space: SharedSpace;
  /** The worker's own part of the space: its replica's weights, gradients and activations. */
  region: Region;
  /** Rows the replica is sized for (a shard of a batch in sync mode, a whole batch in async). */
  capacity: number;
  /** Control words, the learning rate, and the per-worker results (see control.ts). */
  control: Int32Array;
  lr: Float64Array;
  results: Float64Array;
  model: NetworkSpec;
  loss: Loss;
  /** Output units, and classes (0: regression). */
  width: number;
  classes: number;
  regularization: { l1: number; l2: number };
  clipNorm: number | null;
  optimizer: OptimizerConfig;
  batchSize: number;
  /** The training set and the epoch's order of its rows, in shared buffers. */
  data: { x: Float32Array; y: Float32Array; features: number; n: number; order: Int32Array };
  /** The coordinator's model: the weights every worker reads and the update writes. */
  master: {
    values: BufferRef[];
    regularized: boolean[];
    /** The optimizer's slots, param-major, slotCount per param. */
    slots: BufferRef[];
    slotCount: number;
    /** The model's running statistics (batch norm), which worker 0 keeps up to date. */
    buffers: BufferRef[];
  };
}

/** An error that crossed the thread boundary as data (ConfigError keeps its field). */
export interface ShardError {
  name: string;
  message: string;
  field?: string;
}

export type ShardMessage =
  { type: 'ready'; grads: BufferRef[] } | { type: 'error'; error: ShardError };

/** Every worker's gradients, sent once all are ready: what the reduce adds up. */
export interface PeersMessage {
  type: 'peers';
  grads: BufferRef[][];
}

/** The coordinator's handle on one worker thread. */
export interface ShardThread {
  post(message: PeersMessage): void;
  onMessage(listener: (message: ShardMessage) => void): void;
  /** A crash or an exit before the coordinator asked for it. */
  onFailure(listener: (err: Error) => void): void;
  terminate(): Promise<void>;
}

export type SpawnShardThread = (init: ShardInit) => ShardThread;

/** The worker's end of the channel. */
export interface ShardPort {
  post(message: ShardMessage): void;
  onceMessage(listener: (message: PeersMessage) => void): void;
}
