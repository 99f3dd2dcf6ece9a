import type { EpochMetrics, TrainResult } from '@sweepwise/engine';

/** Messages between the engine pool (main thread) and its training threads. */
export type EngineRequest =
  { type: 'run'; config: object } | { type: 'decision'; decision: 'stop' | 'continue' };

export type EngineReply =
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'done'; result: TrainResult }
  | { type: 'error'; message: string };
