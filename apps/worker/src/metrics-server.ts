import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { Registry } from 'prom-client';

/**
 * Where a worker answers `/health` (container healthchecks) and `/metrics` (Prometheus): off unless
 * `SWEEPWISE_METRICS_PORT` is set, on loopback unless `SWEEPWISE_METRICS_HOST` says otherwise (the
 * compose file binds all interfaces of the container, which publishes no port).
 */
export interface MetricsServerOptions {
  host: string;
  port: number;
}

export function metricsServerOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): MetricsServerOptions | null {
  const raw = env.SWEEPWISE_METRICS_PORT;
  if (raw === undefined || raw === '') return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(
      `SWEEPWISE_METRICS_PORT must be a port number (1..65535), got ${JSON.stringify(raw)}`,
    );
  return { host: env.SWEEPWISE_METRICS_HOST || '127.0.0.1', port };
}

/**
 * `/health`: 200 while `healthy()` holds (started, not closing), else 503. `/metrics`: the
 * registry in Prometheus text. No credential: it binds loopback unless told otherwise, and says
 * only counts and this worker's id.
 */
export async function startMetricsServer(
  options: MetricsServerOptions,
  healthy: () => boolean,
  registry: Registry,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
        },
      );
      return;
    }
    if (req.method === 'GET' && req.url === '/health') {
      const ok = healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  return server;
}
