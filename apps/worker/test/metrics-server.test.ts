import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsServerOptionsFromEnv, startMetricsServer } from '../src/metrics-server.js';

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
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0 }, () => serving);
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    serving = false;
    const closing = await fetch(`${url}/health`);
    expect(closing.status).toBe(503);
    expect(await closing.json()).toEqual({ ok: false });
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
  });
});
