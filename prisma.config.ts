// Prisma's CLI normally downloads a native schema engine; these machines cannot reach it, so the
// CLI runs the Wasm engine shipped in the prisma package through the pg driver adapter
// (see ../shared/reference/stack-facts.md).
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

function pgConfig() {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sweepwise');
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, '') || 'sweepwise',
    // Without a short idle timeout every CLI call waits ~10 s for the pool before exiting.
    idleTimeoutMillis: 500,
  };
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  // Discrete fields, not a connectionString: a connectionString would override the shadow
  // database name and make `migrate dev` diff against the main database.
  adapter: async () => new PrismaPg(pgConfig()),
});
