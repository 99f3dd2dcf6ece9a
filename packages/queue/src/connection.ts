import { Redis, type RedisOptions } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.REDIS_URL ?? DEFAULT_REDIS_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoed: it may hold the Redis password.
    throw new Error('REDIS_URL is not a URL (redis://[[user]:password@]host[:port])');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// URL, got ${url.protocol}//`);
  }
  return raw;
}

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ workers require: commands
 * wait for a reconnect instead of failing, so a Redis restart is survived.
 */
export function createRedis(url: string = redisUrl(), options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

export function describeRedisUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.hostname}:${url.port || 6379}`;
}

/** Checks Redis answers within `timeoutMs`; the message says where and how to start one. */
export async function pingRedis(
  url: string = redisUrl(),
  timeoutMs = 3000,
): Promise<{ ok: boolean; address: string; error?: string }> {
  const address = describeRedisUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  // The connect() rejection only says "Connection is closed"; the error event has the cause.
  let cause: Error | undefined;
  client.on('error', (err: Error) => {
    cause ??= err;
  });
  try {
    await client.connect();
    await client.ping();
    return { ok: true, address };
  } catch (err) {
    const reason = cause?.message ?? (err instanceof Error ? err.message : String(err));
    return {
      ok: false,
      address,
      error:
        `Redis is unreachable at ${address} (${reason}). Start it with ` +
        `\`bash scripts/services.sh\` or \`docker compose -f docker/compose.yml up -d redis\`, ` +
        `or point REDIS_URL at a running server.`,
    };
  } finally {
    client.disconnect();
  }
}
