import { getDb, platformCounts } from '@sweepwise/db';
import { controllerBacklog, liveWorkerEntries, queueJobCounts } from '@sweepwise/queue';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { getRedis, redisPrefix } from './redis';

/**
 * The platform's Prometheus metrics, read from Postgres and Redis on each scrape: queue depths,
 * trials by state, stop decisions by rule, live workers and their last beat, the controllers'
 * inbox backlog and lag. Per-process counters (trials/s, curve points/s) are the workers' own
 * `/metrics` (README "Observability").
 */
function createRegistry(): Registry {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'sweepwise_web_' });

  // One read of Postgres and one of Redis per scrape, shared by the gauges that collect from them.
  let scrape: { at: number; data: Promise<Snapshot> } | null = null;
  const snapshot = () => {
    if (!scrape || Date.now() - scrape.at > 1000) scrape = { at: Date.now(), data: read() };
    return scrape.data;
  };

  new Gauge({
    name: 'sweepwise_queue_jobs',
    help: 'Jobs in each queue (trials, commands*, promotions), by state.',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const c of (await snapshot()).queues)
        this.set({ queue: c.queue, state: c.state }, c.count);
    },
  });
  new Gauge({
    name: 'sweepwise_trials',
    help: 'Trials by state, across all sweeps; rate() of the ended states gives trials/s.',
    labelNames: ['state'],
    registers,
    async collect() {
      this.reset();
      for (const t of (await snapshot()).counts.trialsByState)
        this.set({ state: t.state }, t.count);
    },
  });
  new Gauge({
    name: 'sweepwise_stop_decisions',
    help: 'Stop decisions recorded, by rule and decision (stop, or a sampled continue).',
    labelNames: ['rule', 'decision'],
    registers,
    async collect() {
      this.reset();
      for (const d of (await snapshot()).counts.stopDecisions)
        this.set({ rule: d.rule, decision: d.decision }, d.count);
    },
  });
  new Gauge({
    name: 'sweepwise_workers_alive',
    help: 'Worker processes whose registry entry has not lapsed, by whether they run commands.',
    labelNames: ['commands'],
    registers,
    async collect() {
      const workers = (await snapshot()).workers;
      this.set({ commands: 'true' }, workers.filter((w) => w.commands).length);
      this.set({ commands: 'false' }, workers.filter((w) => !w.commands).length);
    },
  });
  new Gauge({
    name: 'sweepwise_worker_heartbeat_age_seconds',
    help: "Seconds since each live worker's last registry heartbeat.",
    labelNames: ['worker'],
    registers,
    async collect() {
      this.reset();
      const now = Date.now();
      for (const w of (await snapshot()).workers)
        if (w.beatAt !== null) this.set({ worker: w.workerId }, (now - w.beatAt) / 1000);
    },
  });
  new Gauge({
    name: 'sweepwise_controller_inbox_messages',
    help: "Reports and wake-ups waiting in running sweeps' controller inboxes.",
    registers,
    async collect() {
      this.set((await snapshot()).backlog.messages);
    },
  });
  new Gauge({
    name: 'sweepwise_controller_lag_seconds',
    help: 'How long the oldest waiting controller message has waited (0: none waits).',
    registers,
    async collect() {
      this.set((await snapshot()).backlog.oldestAgeMs / 1000);
    },
  });
  return registry;
}

type Snapshot = Awaited<ReturnType<typeof read>>;

async function read() {
  const redis = getRedis();
  const prefix = redisPrefix();
  const [counts, queues, workers] = await Promise.all([
    platformCounts(getDb()),
    queueJobCounts(redis, prefix),
    liveWorkerEntries(redis, prefix),
  ]);
  const backlog = await controllerBacklog(redis, prefix, counts.runningSweepIds);
  return { counts, queues, workers, backlog };
}

// On globalThis: Next.js may load this module once per server bundle, and a registry must be one.
const holder = globalThis as unknown as { __sweepwiseMetrics?: Registry };

export function metricsRegistry(): Registry {
  holder.__sweepwiseMetrics ??= createRegistry();
  return holder.__sweepwiseMetrics;
}
