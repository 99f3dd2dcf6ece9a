// The words a parallel run's threads coordinate through (Int32Array over a SharedArrayBuffer, with
// Atomics): the coordinator publishes a command and waits until every worker is done with it;
// workers meet at a barrier between the phases of a step. Nothing here allocates per step.

export const Word = {
  /** Bumped by the coordinator to publish a command. */
  Generation: 0,
  Command: 1,
  /** Workers still busy with the current command; the last one to finish wakes the coordinator. */
  Pending: 2,
  BarrierCount: 3,
  BarrierGeneration: 4,
  /** Parameter server: the step's first row in the epoch's order, and its rows. */
  Start: 5,
  Rows: 6,
  /** Set by the coordinator when the run is aborted (epochs in the workers check it per batch). */
  Abort: 7,
  /** Async: the next batch of the epoch to claim. */
  NextBatch: 8,
  /** Optimizer updates written to the weights so far (Adam's bias correction counts them). */
  GlobalStep: 9,
  /** Epochs in the workers: 1 + the first batch whose loss was not finite, 0 while none. */
  Diverged: 10,
  Epoch: 11,
  /** Seeds each worker's dropout generator for the epoch (unsigned 32 bits). */
  EpochSeed: 12,
  Size: 13,
} as const;

export const Command = {
  Step: 1,
  Epoch: 2,
  Exit: 3,
} as const;

/** Per worker, in its row of the results (Float64Array, RESULT_STRIDE values a worker). */
export const Result = {
  /** Sync: the shard's mean loss, its correct predictions and rows (all-reduce: the epoch's correct). */
  Loss: 0,
  Correct: 1,
  Rows: 2,
  /** Sum of squares of the worker's slice of the averaged gradient (global-norm clipping). */
  SumSquares: 3,
  /** Epochs in the workers: the summed loss over rows and updates; async: their staleness (sum and max). */
  LossSum: 4,
  Updates: 5,
  StalenessSum: 6,
  StalenessMax: 7,
  /** Sync all-reduce, worker 0's row: the abort flag as read before the step, for all workers. */
  Stop: 8,
  Size: 9,
} as const;

export const RESULT_STRIDE = Result.Size;
export type CommandCode = (typeof Command)[keyof typeof Command];

/** The coordinator's learning rate for the command, in a Float64Array beside the words. */
export const LR = 0;

/** Waits at the barrier until all `parties` workers arrived (sense-reversing, by generation). */
export function barrier(control: Int32Array, parties: number): void {
  const generation = Atomics.load(control, Word.BarrierGeneration);
  if (Atomics.add(control, Word.BarrierCount, 1) === parties - 1) {
    Atomics.store(control, Word.BarrierCount, 0);
    Atomics.add(control, Word.BarrierGeneration, 1);
    Atomics.notify(control, Word.BarrierGeneration);
    return;
  }
  while (Atomics.load(control, Word.BarrierGeneration) === generation) {
    Atomics.wait(control, Word.BarrierGeneration, generation);
  }
}

/** A worker's end of a command: the last one done wakes the coordinator. */
export function finishCommand(control: Int32Array): void {
  if (Atomics.sub(control, Word.Pending, 1) === 1) Atomics.notify(control, Word.Pending);
}

type WaitAsync = (
  a: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
// ES2024's Atomics.waitAsync (Node 16+, browsers); the project's TypeScript lib is ES2023.
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/**
 * The coordinator's side: publish `command` to `workers` and resolve when all are done, without
 * blocking its event loop (heartbeats, aborts and thread errors keep being handled).
 */
export async function runCommand(
  control: Int32Array,
  workers: number,
  command: CommandCode,
): Promise<void> {
  Atomics.store(control, Word.Command, command);
  Atomics.store(control, Word.Pending, workers);
  Atomics.add(control, Word.Generation, 1);
  Atomics.notify(control, Word.Generation);
  for (;;) {
    const pending = Atomics.load(control, Word.Pending);
    if (pending === 0) return;
    const wait = waitAsync(control, Word.Pending, pending);
    if (wait.async) await wait.value;
  }
}

/** A worker's wait for the next command after `generation`; returns the new generation. */
export function awaitCommand(control: Int32Array, generation: number): number {
  while (Atomics.load(control, Word.Generation) === generation) {
    Atomics.wait(control, Word.Generation, generation);
  }
  return Atomics.load(control, Word.Generation);
}
