import { metricsRegistry } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape target (text format 0.0.4). Authenticated like every route: Prometheus sends
 * the API token (`authorization: { credentials_file: ... }`, README "Observability").
 */
export async function GET(): Promise<Response> {
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
