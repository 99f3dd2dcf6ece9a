import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { metricsServerOptionsFromEnv, startMetricsServer } from '../src/metrics-server.js';
import { WorkerMetrics } from '../src/worker-metrics.js';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe("the worker's metrics server", () => {
  it('is off unless a port is set, on loopback by default, and refuses a bad port', () => {
    expect(metricsServerOptionsFromEnv({})).toBeNull();
    expect(metricsServerOptionsFromEnv({ SWEEPWISE_METRICS_PORT: '9464' })).toEqual({
      host: '127.0.0.1',
      port: 9464,
    });
    expect(() => metricsServerOptionsFromEnv({ SWEEPWISE_METRICS_PORT: '70000' })).toThrow(
      /SWEEPWISE_METRICS_PORT must be a port number \(1\.\.65535\), got "70000"/,
    );
  });

  it('answers /health with 200 while serving and 503 once closing', async () => {
    let serving = true;
    // Port 0: any free port, so parallel runs never collide.
    const metrics = new WorkerMetrics('w1', {
      slots: () => ({ total: 4, busy: 3 }),
      runningTrials: () => 2,
      dbReachableMs: () => 1500,
    });
    const server = await startMetricsServer(
      { host: '127.0.0.1', port: 0 },
      () => serving,
      metrics.registry,
    );
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    serving = false;
    const closing = await fetch(`${url}/health`);
    expect(closing.status).toBe(503);
    expect(await closing.json()).toEqual({ ok: false });
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
  });

  it('serves /metrics as Prometheus text: counters, slots and process metrics, by worker', async () => {
    const metrics = new WorkerMetrics('w1', {
      slots: () => ({ total: 4, busy: 3 }),
      runningTrials: () => 2,
      dbReachableMs: () => 1500,
    });
    metrics.trialsEnded.inc({ outcome: 'completed' }, 5);
    metrics.trialsEnded.inc({ outcome: 'pruned' });
    metrics.curvePoints.inc(120);
    const server = await startMetricsServer(
      { host: '127.0.0.1', port: 0 },
      () => true,
      metrics.registry,
    );
    servers.push(server);
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));
    const samples = (name: string) =>
      families.get(name)!.metrics.map((m) => [m.labels ?? {}, Number(m.value)]);
    expect(families.get('sweepwise_worker_trial_jobs_total')!.type).toBe('COUNTER');
    expect(samples('sweepwise_worker_trial_jobs_total')).toEqual([
      [{ outcome: 'completed', worker: 'w1' }, 5],
      [{ outcome: 'pruned', worker: 'w1' }, 1],
    ]);
    expect(samples('sweepwise_worker_curve_points_total')).toEqual([[{ worker: 'w1' }, 120]]);
    expect(samples('sweepwise_worker_slots')).toEqual([
      [{ state: 'total', worker: 'w1' }, 4],
      [{ state: 'busy', worker: 'w1' }, 3],
    ]);
    expect(samples('sweepwise_worker_running_trials')).toEqual([[{ worker: 'w1' }, 2]]);
    expect(samples('sweepwise_worker_db_reachable_seconds')).toEqual([[{ worker: 'w1' }, 1.5]]);
    expect(samples('sweepwise_worker_process_resident_memory_bytes')[0][1]).toBeGreaterThan(0);
  });
});
