import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';

// Every write route of /api/v1 against a catalogue of malformed bodies: each must be a 4xx that
// names the field at fault, never a 5xx. The time of each answer is printed (not asserted).

const API_DIR = fileURLToPath(new URL('../../apps/web/app/api/v1/', import.meta.url));
// DELETE takes no body (its route never reads one), so only these are fed malformed bodies.
const WRITE_METHOD = /export const (POST|PUT|PATCH)\b/;

/** `/api/v1/sweeps/[id]/ask`-style paths of every route file that exports a write method. */
function writeRoutes(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return writeRoutes(path);
    if (entry.name !== 'route.ts' || !WRITE_METHOD.test(readFileSync(path, 'utf8'))) return [];
    return [`/api/v1/${relative(API_DIR, dir)}`];
  });
}

interface Malformed {
  name: string;
  body: string;
  contentType?: string;
  /** The field the answer must name. */
  field: string;
}

const json = (name: string, value: unknown, field: string): Malformed => ({
  name,
  body: JSON.stringify(value),
  field,
});

const DEPTH = 100_000;

/** Bodies no write route accepts, whatever it expects. */
const EVERY_ROUTE: Malformed[] = [
  { name: 'truncated JSON', body: '{"name": "x", "space": {', field: 'body' },
  { name: 'not JSON at all', body: 'name=x&space=y', field: 'body' },
  json('an array', [1, 2, 3], 'body'),
  json('a string', 'sweep', 'body'),
  json('a number', 42, 'body'),
  json('null', null, 'body'),
  {
    name: `${DEPTH} nested arrays`,
    body: `{"a":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
    field: 'body',
  },
  {
    name: 'a body over the size limit',
    body: JSON.stringify({ a: 'x'.repeat(1_100_000) }),
    field: 'body',
  },
];

const engine = { dataset: { name: 'iris' }, epochs: 3 };
const sweep = (patch: Record<string, unknown>) => ({
  name: 'malformed',
  workload: { engine },
  metric: { name: 'val_acc', goal: 'maximize' },
  parameters: { 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1, log: true } },
  algorithm: { type: 'random', seed: 1 },
  budget: { maxTrials: 2 },
  ...patch,
});
const floats = (n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'float', low: 0, high: 1 }]),
  );
const many = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);

/** A create-sweep body with each part wrong in turn: types, sizes, bounds. */
const SWEEP_BODIES: Malformed[] = [
  { name: 'empty', body: '', field: 'name' },
  json('empty object', {}, 'name'),
  json('name of the wrong type', sweep({ name: 123 }), 'name'),
  json('a 500,000-character name', sweep({ name: 'x'.repeat(500_000) }), 'name'),
  json('parameters of the wrong type', sweep({ parameters: [] }), 'parameters'),
  json('5,000 parameters', sweep({ parameters: floats(5000) }), 'parameters'),
  json(
    '100,000 choices',
    sweep({ parameters: { c: { type: 'categorical', choices: many(100_000) } } }),
    'parameters.c',
  ),
  json(
    'pointsPerParam: 1e9',
    sweep({ algorithm: { type: 'grid', pointsPerParam: 1e9 } }),
    'algorithm.pointsPerParam',
  ),
  json(
    'a grid of 1000^10 points',
    sweep({ parameters: floats(10), algorithm: { type: 'grid', pointsPerParam: 1000 } }),
    'algorithm.pointsPerParam',
  ),
  json(
    'gp candidates: 1e12',
    sweep({ algorithm: { type: 'gp', candidates: 1e12 } }),
    'algorithm.candidates',
  ),
  json(
    'reductionFactor: 1e9',
    sweep({ stopper: { type: 'asha', reductionFactor: 1e9 } }),
    'stopper.reductionFactor',
  ),
  json('maxTrials: 1e12', sweep({ budget: { maxTrials: 1e12 } }), 'budget.maxTrials'),
  json(
    'maxConcurrentTrials: "all"',
    sweep({ budget: { maxTrials: 2, maxConcurrentTrials: 'all' } }),
    'budget.maxConcurrentTrials',
  ),
  json(
    'maxWallTimeS: 1e15',
    sweep({ budget: { maxTrials: 2, maxWallTimeS: 1e15 } }),
    'budget.maxWallTimeS',
  ),
  json(
    'epochs: 1e9',
    sweep({ workload: { engine: { ...engine, epochs: 1e9 } } }),
    'workload.engine.epochs',
  ),
  json(
    'a 2-GB model',
    sweep({ workload: { engine: { ...engine, model: { hidden: [16_384, 16_384, 16_384] } } } }),
    'workload.engine.model.layers',
  ),
  json(
    'a space reaching a 2-GB model',
    sweep({
      parameters: {
        'model.hidden.0': { type: 'int', low: 8, high: 65_536 },
        'model.hidden.1': { type: 'int', low: 8, high: 65_536 },
      },
    }),
    'workload.engine.model.layers',
  ),
  json(
    '1000 hidden layers',
    sweep({ workload: { engine: { ...engine, model: { hidden: Array(1000).fill(4) } } } }),
    'workload.engine.model.hidden',
  ),
  json(
    'a generated data set of 1e9 samples',
    sweep({ workload: { engine: { ...engine, dataset: { name: 'spirals', n: 1e9 } } } }),
    'workload.engine.dataset.n',
  ),
  json(
    '100,000 command arguments',
    sweep({ workload: { command: { program: 'python3', args: many(100_000) } } }),
    'workload.command.args',
  ),
  json(
    'a 100,000-character program',
    sweep({ workload: { command: { program: 'p'.repeat(100_000) } } }),
    'workload.command.program',
  ),
];

const YAML = 'application/yaml';
const yamlSweep = (algorithm: string) =>
  [
    'name: y',
    'workload:',
    '  engine: { dataset: { name: iris }, epochs: 3 }',
    'metric: { name: val_acc, goal: maximize }',
    'parameters:',
    '  optimizer.lr: { type: float, low: 0.001, high: 0.1, log: true }',
    `algorithm: ${algorithm}`,
    'budget: { maxTrials: 2 }',
  ].join('\n');

/** Sweep files (YAML), whose parser is recursive and slower than JSON's. */
const SWEEP_FILES: Malformed[] = [
  {
    name: 'YAML nested 10,000 deep',
    body: `name: ${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    contentType: YAML,
    field: 'body',
  },
  {
    name: 'YAML with 50,000 keys',
    body: Array.from({ length: 50_000 }, (_, i) => `k${i}: [1, 2]`).join('\n'),
    contentType: YAML,
    field: 'body',
  },
  {
    name: 'YAML with pointsPerParam: 1e9',
    body: yamlSweep('{ type: grid, pointsPerParam: 1000000000 }'),
    contentType: YAML,
    field: 'algorithm.pointsPerParam',
  },
];

const promotion: Malformed[] = [
  json('trainOn of the wrong type', { trainOn: 3 }, 'trainOn'),
  json('a 100,000-character requestedBy', { requestedBy: 'r'.repeat(100_000) }, 'requestedBy'),
];
const noOptions: Malformed[] = [json('an unknown option', { force: true }, 'force')];

/** Per route, the malformed bodies beyond EVERY_ROUTE. A new write route must be added here. */
const CATALOGUE: Record<string, Malformed[]> = {
  '/api/v1/sweeps': [...SWEEP_BODIES, ...SWEEP_FILES],
  '/api/v1/sweep-files/format': SWEEP_BODIES.filter((c) => c.body !== ''),
  '/api/v1/sweep-files/parse': [
    { name: 'empty', body: '', field: 'yaml' },
    json('yaml of the wrong type', { yaml: 42 }, 'yaml'),
    ...SWEEP_FILES.map((c) => json(c.name, { yaml: c.body }, c.field)),
  ],
  '/api/v1/sweeps/[id]/ask': [
    json('client of the wrong type', { client: 42 }, 'client'),
    json('a 100,000-character client', { client: 'c'.repeat(100_000) }, 'client'),
  ],
  '/api/v1/sweeps/[id]/clone': [
    json('name of the wrong type', { name: [] }, 'name'),
    json('a 500,000-character name', { name: 'x'.repeat(500_000) }, 'name'),
    json('status not a status', { status: 'finished' }, 'status'),
  ],
  '/api/v1/sweeps/[id]/promotions': [
    ...promotion,
    json('a 100,000-character trialId', { trialId: 't'.repeat(100_000) }, 'trialId'),
  ],
  '/api/v1/sweeps/[id]/start': noOptions,
  '/api/v1/sweeps/[id]/pause': noOptions,
  '/api/v1/sweeps/[id]/resume': noOptions,
  '/api/v1/sweeps/[id]/cancel': noOptions,
  '/api/v1/sweeps/[id]/archive': noOptions,
  '/api/v1/sweeps/[id]/unarchive': noOptions,
  '/api/v1/trials/[id]/heartbeat': noOptions,
  '/api/v1/trials/[id]/promote': promotion,
  '/api/v1/trials/[id]/report': [
    { name: 'empty', body: '', field: 'step' },
    json('step of the wrong type', { step: 'one', metrics: { loss: 1 } }, 'step'),
    json('step past a 32-bit column', { step: 3e9, metrics: { loss: 1 } }, 'step'),
    json('a metric that is not a number', { step: 1, metrics: { loss: 'low' } }, 'metrics.loss'),
    json(
      '10,000 metrics',
      { step: 1, metrics: Object.fromEntries(many(10_000).map((m) => [m, 1])) },
      'metrics',
    ),
  ],
  '/api/v1/trials/[id]/tell': [
    { name: 'empty', body: '', field: 'value' },
    json('value of the wrong type', { value: 'best' }, 'value'),
    json('a state that is not an end', { state: 'running' }, 'state'),
    json('a 100,000-character error', { state: 'failed', error: 'e'.repeat(100_000) }, 'error'),
  ],
};

const timings: { route: string; name: string; ms: number; status: number }[] = [];

test('the catalogue lists every write route of /api/v1', () => {
  expect(Object.keys(CATALOGUE).sort()).toEqual(writeRoutes().sort());
});

test.describe('malformed bodies', () => {
  test.afterAll(() => {
    timings.sort((a, b) => b.ms - a.ms);
    const slowest = timings.slice(0, 5).map((t) => `${t.ms.toFixed(0)} ms ${t.route} ${t.name}`);
    console.log(
      `malformed bodies: ${timings.length} answered; slowest:\n  ${slowest.join('\n  ')}`,
    );
  });

  for (const [route, cases] of Object.entries(CATALOGUE)) {
    test(`${route} answers each with a 4xx naming the field`, async ({ request, db }) => {
      test.setTimeout(180_000);
      const sweepsBefore = await db.sweep.count();
      const path = route.replace('[id]', 'no-such-id');
      for (const c of [...EVERY_ROUTE, ...cases]) {
        const started = performance.now();
        const res = await request.post(path, {
          headers: {
            authorization: `Bearer ${API_TOKEN}`,
            'content-type': c.contentType ?? 'application/json',
          },
          data: Buffer.from(c.body),
        });
        const ms = performance.now() - started;
        timings.push({ route, name: c.name, ms, status: res.status() });
        const text = await res.text();
        expect(res.status(), `${c.name}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.status(), `${c.name}: ${text.slice(0, 300)}`).toBeLessThan(500);
        const { error } = JSON.parse(text) as { error: { issues: { field: string }[] } };
        const fields = error.issues.map((i) => i.field);
        expect(fields, `${c.name}: ${text.slice(0, 300)}`).toContain(c.field);
        expect(text.length, `${c.name}: the answer echoes the body`).toBeLessThan(5000);
      }
      expect(await db.sweep.count()).toBe(sweepsBefore);
    });
  }
});
