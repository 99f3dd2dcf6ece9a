// `sweepwise bench dashboard --json`: seeds a sweep of 10,000 trials x 50 curve points, opens its
// page in Chromium against `next start`, and measures the time until the charts and the first
// table rows are drawn, and the bytes the page and its data requests carried.
// Options: --url http://host:port (a running dashboard on the same database; default: start one
// from apps/web/.next on a free port), --sweep ID (reuse a seeded sweep), --trials N, --points N,
// --runs N (measured loads after one warm-up).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { createDb, seedSyntheticSweep } from '@sweepwise/db';
import { intFlag, parseArgs, stringFlag } from '../args.js';

const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../apps/web');
const CHROMIUM = process.env.SWEEPWISE_CHROMIUM ?? '/usr/bin/chromium';
/** Drawn = these all exist: the two first charts' marks and a table row. */
const DRAWN_SELECTORS = [
  '[data-testid=history-chart] path',
  '[data-testid=curves-chart] path',
  '[data-testid=trial-row]',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The dashboard it starts gets its own token; one at --url is signed in with SWEEPWISE_API_TOKEN. */
const BENCH_TOKEN = randomBytes(32).toString('base64url');

async function startDashboard(): Promise<{ url: string; server: ChildProcess }> {
  if (!existsSync(join(WEB_DIR, '.next/BUILD_ID'))) {
    throw new Error('the dashboard is not built: run `pnpm --filter @sweepwise/web build` first');
  }
  const port = await freePort();
  const server = spawn(
    'node_modules/.bin/next',
    ['start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: WEB_DIR,
      env: { ...process.env, SWEEPWISE_API_TOKEN: BENCH_TOKEN },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, server };
    await new Promise((r) => setTimeout(r, 500));
  }
  server.kill('SIGTERM');
  throw new Error(`the dashboard did not answer at ${url}/api/health within 60 s`);
}

/** Gives the page a dashboard session, as a user pasting the API token into the login page. */
async function signIn(page: Page, url: string, token: string | undefined): Promise<void> {
  if (!token)
    throw new Error(
      "--url needs SWEEPWISE_API_TOKEN (the server's token: apiToken in ~/.sweepwise/state.json)",
    );
  const res = await page.request.post(`${url}/api/auth/login`, {
    data: { token },
    headers: { origin: url },
  });
  if (!res.ok())
    throw new Error(`signing in to ${url} failed with ${res.status()}: ${await res.text()}`);
}

interface Load {
  drawnMs: number;
  payloadBytes: number;
  decodedBytes: number;
}

/** One page load: ms from navigation start until every DRAWN_SELECTORS matches, and the bytes. */
async function measureLoad(page: Page, url: string): Promise<Load> {
  const sizes: Promise<{ encoded: number; decoded: number }>[] = [];
  const onResponse = (res: import('@playwright/test').Response) => {
    const path = new URL(res.url()).pathname;
    // Static chunks are cached after the first visit; the payload is the page and its data.
    if (path.startsWith('/_next/static')) return;
    sizes.push(
      Promise.all([res.request().sizes(), res.body().catch(() => Buffer.alloc(0))]).then(
        ([s, body]) => ({
          encoded: s.responseBodySize,
          decoded: body.length,
        }),
      ),
    );
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'commit' });
  // A string, evaluated in the page (this package compiles without the DOM's types).
  const drawnMs = await page.evaluate<number>(`new Promise((resolve) => {
    const selectors = ${JSON.stringify(DRAWN_SELECTORS)};
    const check = () => selectors.every((s) => document.querySelector(s)) && (resolve(performance.now()), true);
    if (check()) return;
    const observer = new MutationObserver(() => check() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  })`);
  await page.waitForLoadState('load');
  page.off('response', onResponse);
  const all = await Promise.all(sizes);
  return {
    drawnMs: Math.round(drawnMs),
    payloadBytes: all.reduce((a, s) => a + s.encoded, 0),
    decodedBytes: all.reduce((a, s) => a + s.decoded, 0),
  };
}

export async function run({ json, args }: { json: boolean; args: string[] }): Promise<void> {
  const parsed = parseArgs(args, {
    valued: ['url', 'sweep', 'trials', 'points', 'runs'],
    usage:
      'sweepwise bench dashboard [--json] [--trials 10000] [--points 50] [--runs 3] [--sweep ID] [--url URL]',
  });
  const trials = intFlag(parsed, 'trials', 10_000);
  const points = intFlag(parsed, 'points', 50);
  const runs = intFlag(parsed, 'runs', 3);
  const db = createDb();
  let sweepId = stringFlag(parsed, 'sweep');
  const seeded = !sweepId;
  const givenUrl = stringFlag(parsed, 'url');
  const started = givenUrl ? null : await startDashboard();
  const url = givenUrl ?? started!.url;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    if (!sweepId) {
      const t0 = Date.now();
      const sweep = await seedSyntheticSweep(db, {
        name: `bench-dashboard-${process.pid}`,
        trials,
        pointsPerTrial: points,
      });
      sweepId = sweep.id;
      if (!json)
        console.error(`seeded ${trials} trials x ${points} points in ${Date.now() - t0} ms`);
    }
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, url, started ? BENCH_TOKEN : process.env.SWEEPWISE_API_TOKEN);
    const target = `${url}/sweeps/${sweepId}`;
    const cold = await measureLoad(page, target);
    const loads: Load[] = [];
    for (let i = 0; i < runs; i++) loads.push(await measureLoad(page, target));
    const sorted = [...loads].sort((a, b) => a.drawnMs - b.drawnMs);
    const median = sorted[Math.floor(sorted.length / 2)];
    const result = {
      trials,
      points_per_trial: points,
      first_charts_ms: median.drawnMs,
      payload_bytes: median.payloadBytes,
      decoded_bytes: median.decodedBytes,
      cold_first_charts_ms: cold.drawnMs,
      runs_ms: loads.map((l) => l.drawnMs),
    };
    console.log(json ? JSON.stringify(result) : result);
  } finally {
    await browser.close();
    started?.server.kill('SIGTERM');
    if (seeded && sweepId) await db.sweep.delete({ where: { id: sweepId } }).catch(() => {});
    await db.$disconnect();
  }
}
