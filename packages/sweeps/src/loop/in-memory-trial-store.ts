import type { AllocatedTrial, AskedTrial, StopDecisionRecord, TrialStore } from './ports.js';

/** A trial as the in-memory store keeps it. */
export interface InMemoryTrial extends AllocatedTrial {
  params: AskedTrial['params'];
}

/**
 * The trial store of a sweep run in one process (`--in-memory`, benchmarks): numbers count from 0
 * in allocation order, as the platform's do, and stop decisions are kept as the platform stores
 * them, so the two can be compared.
 */
export class InMemoryTrialStore implements TrialStore {
  readonly trials: InMemoryTrial[] = [];
  readonly stopDecisions: StopDecisionRecord[] = [];

  allocate(asked: readonly AskedTrial[]): Promise<AllocatedTrial[]> {
    const rows = asked.map((a) => {
      const number = this.trials.length;
      const row = { id: `local-${number}`, number, ...a };
      this.trials.push(row);
      return row;
    });
    return Promise.resolve(rows);
  }

  recordStopDecisions(decisions: readonly StopDecisionRecord[]): Promise<void> {
    this.stopDecisions.push(...decisions);
    return Promise.resolve();
  }
}
