import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** What one worker process counts, served at its `/metrics` (README "Observability"). */
export interface WorkerMetricsSources {
  slots: () => { total: number; busy: number };
  runningTrials: () => number;
  dbReachableMs: () => number;
}

/**
 * The worker's Prometheus registry: process metrics (memory, CPU, event loop) and counters whose
 * `rate()` gives trials/s and curve points/s; every series carries the worker's id.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly trialsEnded: Counter<'outcome'>;
  readonly curvePoints: Counter;

  constructor(workerId: string, sources: WorkerMetricsSources) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ worker: workerId });
    collectDefaultMetrics({ register: this.registry, prefix: 'sweepwise_worker_' });
    this.trialsEnded = new Counter({
      name: 'sweepwise_worker_trial_jobs_total',
      help: 'Trial jobs this worker ended, by outcome (completed, pruned, failed, released, ...).',
      labelNames: ['outcome'],
      registers,
    });
    this.curvePoints = new Counter({
      name: 'sweepwise_worker_curve_points_total',
      help: 'Curve points this worker stored in Postgres.',
      registers,
    });
    new Gauge({
      name: 'sweepwise_worker_slots',
      help: 'Trial slots of this worker: total, and busy with a trial.',
      labelNames: ['state'],
      registers,
      collect() {
        const { total, busy } = sources.slots();
        this.set({ state: 'total' }, total);
        this.set({ state: 'busy' }, busy);
      },
    });
    new Gauge({
      name: 'sweepwise_worker_running_trials',
      help: 'Trials this worker runs and heartbeats now.',
      registers,
      collect() {
        this.set(sources.runningTrials());
      },
    });
    new Gauge({
      name: 'sweepwise_worker_db_reachable_seconds',
      help: 'How long Postgres has answered this worker without a break (0 while it does not).',
      registers,
      collect() {
        this.set(sources.dbReachableMs() / 1000);
      },
    });
  }
}
