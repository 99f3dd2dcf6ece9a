// The migration that moves a sweep's settings into its `spec` column, run on rows in the old
// shape: every setting arrives under the SweepSpec's keys, and the old columns are gone.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../src/index.js';

const MIGRATIONS = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));
const SPEC_MIGRATION = '20261205130000_sweep_spec_column';
const sql = (name: string) => readFileSync(`${MIGRATIONS}${name}/migration.sql`, 'utf8');

const url = new URL(databaseUrl());
const scratch = `${decodeURIComponent(url.pathname.slice(1))}_spec_migration`;
const admin = new pg.Client({ connectionString: databaseUrl() });
let db: pg.Client;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
  await admin.query(`CREATE DATABASE "${scratch}"`);
  url.pathname = `/${scratch}`;
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const before = readdirSync(MIGRATIONS)
    .filter((name) => /^\d{14}_/.test(name) && name < SPEC_MIGRATION)
    .sort();
  for (const name of before) await db.query(sql(name));
});

afterAll(async () => {
  await db?.end();
  await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
  await admin.end();
});

const OLD_COLUMNS = `(id, name, workload, "objectiveMetric", direction, space, algorithm,
  "algorithmSettings", stopper, "maxTrials", "maxConcurrentTrials", "maxWallTimeS", "updatedAt")`;

describe('migration sweep_spec_column', () => {
  it('moves each old row into its spec, nothing lost, and drops the old columns', async () => {
    const lr = { type: 'float', low: 0.001, high: 0.1, log: true };
    await db.query(
      `INSERT INTO "Sweep" ${OLD_COLUMNS} VALUES
       ('e', 'engine', $1, 'val_acc', 'maximize', $2, 'gp', '{"seed": 3, "candidates": 64}',
        '{"type": "asha", "maxResource": 9}', 20, 4, 600, now()),
       ('c', 'command', $3, 'loss', 'minimize', $2, 'random', '{}', NULL, 8, 2, NULL, now())`,
      [
        { engine: { dataset: { name: 'iris' }, epochs: 5 } },
        { 'optimizer.lr': lr },
        { command: { program: 'python3', args: ['train.py'], env: {} } },
      ],
    );
    await db.query(sql(SPEC_MIGRATION));
    const { rows } = await db.query(`SELECT id, name, spec FROM "Sweep" ORDER BY id`);
    expect(rows).toEqual([
      {
        id: 'c',
        name: 'command',
        spec: {
          name: 'command',
          workload: {
            command: { program: 'python3', args: ['train.py'], env: {}, timeoutS: null },
          },
          metric: { name: 'loss', goal: 'minimize' },
          parameters: { 'optimizer.lr': lr },
          algorithm: { type: 'random' },
          stopper: null,
          budget: { maxTrials: 8, maxConcurrentTrials: 2, maxWallTimeS: null },
        },
      },
      {
        id: 'e',
        name: 'engine',
        spec: {
          name: 'engine',
          workload: { engine: { dataset: { name: 'iris' }, epochs: 5 } },
          metric: { name: 'val_acc', goal: 'maximize' },
          parameters: { 'optimizer.lr': lr },
          algorithm: { type: 'gp', seed: 3, candidates: 64 },
          stopper: { type: 'asha', maxResource: 9 },
          budget: { maxTrials: 20, maxConcurrentTrials: 4, maxWallTimeS: 600 },
        },
      },
    ]);
    const columns = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Sweep'`,
    );
    const names = columns.rows.map((r: { column_name: string }) => r.column_name);
    expect(names).toContain('spec');
    for (const old of ['workload', 'objectiveMetric', 'direction', 'space', 'maxTrials'])
      expect(names).not.toContain(old);
  });
});
