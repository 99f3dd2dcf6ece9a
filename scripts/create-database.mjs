// Creates the database named in the URL when it does not exist yet.
import pg from 'pg';

let url;
try {
  url = new URL(process.argv[2]);
} catch {
  // Not echoed: it may hold the database password.
  console.error(
    'services: DATABASE_URL is not a URL (postgresql://[user[:password]@]host[:port]/database)',
  );
  process.exit(1);
}
const name = decodeURIComponent(url.pathname.slice(1));
const admin = new URL(url);
admin.pathname = '/postgres';
const client = new pg.Client({ connectionString: admin.toString() });
try {
  await client.connect();
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount === 0) {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    console.error(`services: created database ${name}`);
  }
} catch (err) {
  console.error(
    `services: cannot reach or create database ${name} at ${url.hostname}:${url.port || 5432}: ${err.message}`,
  );
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}
