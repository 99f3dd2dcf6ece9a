export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/sweepwise';

/** The database URL, parsed once so a malformed value fails loudly at start-up. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoed: it may hold the database password.
    throw new Error(
      'DATABASE_URL is not a URL (postgresql://[user[:password]@]host[:port]/database)',
    );
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must start with postgresql://, got ${url.protocol}//`);
  }
  return raw;
}

/** host:port/database of a URL, without credentials, for messages. */
export function describeDatabaseUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}
