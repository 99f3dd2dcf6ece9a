import { describe, expect, it } from 'vitest';
import { pingRedis, redisUrl } from '../src/index.js';

describe('redis connection', () => {
  it('answers at REDIS_URL', async () => {
    expect(await pingRedis(redisUrl())).toMatchObject({ ok: true });
  });

  it('names the address and how to start Redis when nothing listens', async () => {
    const ping = await pingRedis('redis://127.0.0.1:1', 1000);
    expect(ping.ok).toBe(false);
    expect(ping.error).toContain('127.0.0.1:1');
    expect(ping.error).toContain('scripts/services.sh');
  });

  it('rejects a URL that is not redis://', () => {
    expect(() => redisUrl({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });
});
