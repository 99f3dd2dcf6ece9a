/**
 * Errors that mean "Postgres is briefly unreachable" (restart, network cut, pool exhausted) or
 * "this statement lost a lock race and was rolled back" (deadlock victim, serialization failure),
 * as opposed to a bad query: worth retrying. Matched on text because they arrive wrapped by Prisma's
 * driver adapter (its kinds: ConnectionClosed, DatabaseNotReachable...) or carry the pg/Node error
 * code in the message.
 */
const TRANSIENT =
  /ConnectionClosed|DatabaseNotReachable|SocketTimeout|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|connection (is )?(closed|ended|refused|lost)|terminating connection|server closed the connection|Can't reach database|not queryable|timeout exceeded when trying to connect|database system is (starting up|shutting down)|P1001|P1002|P1017|P2024|40P01|40001|deadlock detected/i;

export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
    const code = (e as { code?: unknown }).code;
    if (TRANSIENT.test(text) || (typeof code === 'string' && TRANSIENT.test(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export interface DbRetryOptions {
  /** Give up (rethrow) after this long; Infinity retries until the database is back. */
  retryForMs?: number;
  /** Called before each wait, e.g. to log once that Postgres is unreachable. */
  onRetry?: (err: unknown, attempt: number) => void;
}

const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1000;

/** Runs `fn`, retrying with capped exponential backoff while the database is unreachable. */
export async function withDbRetry<T>(
  fn: () => Promise<T>,
  { retryForMs = Number.POSITIVE_INFINITY, onRetry }: DbRetryOptions = {},
): Promise<T> {
  const deadline = Date.now() + retryForMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransientDbError(err) || Date.now() >= deadline) throw err;
      onRetry?.(err, attempt);
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, backoff));
    }
  }
}
