import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';
import { API_TOKEN, BASE_URL, PORT, STATE_DIR } from '../fixtures/env.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A one-time login link, minted by the same script `npm start` runs, for the server under test. */
function loginLink(): string {
  return execFileSync('node', ['--import', 'tsx', 'apps/web/scripts/login-link.ts', String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, SWEEPWISE_API_TOKEN: API_TOKEN, SWEEPWISE_STATE_DIR: STATE_DIR },
    encoding: 'utf8',
  }).trim();
}

/** Serves one page on another port of 127.0.0.1: another origin, but the same site (cookies go). */
async function serveAttackerPage(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test('a cross-origin text/plain POST with the session cookie is refused and creates nothing', async ({
  page,
  request,
  db,
  uniqueName,
}) => {
  // The classic CSRF form: text/plain needs no preflight, and the field is shaped to read as JSON.
  const body = JSON.stringify({
    name: uniqueName,
    workload: { command: { argv: ['touch', '/tmp/pwned'] } },
  });
  // Sent as `<field>=<value>`: `{..., "pad":"="}`, valid JSON.
  const [field, value] = [`${body.slice(0, -1)},"pad":"`, '"}'];
  const { server, url } = await serveAttackerPage(`<form method="post" enctype="text/plain"
    action="${BASE_URL}/api/v1/sweeps"><input name='${field}' value='${value}'></form>
    <script>document.forms[0].submit()</script>`);
  try {
    const answer = page.waitForResponse(`${BASE_URL}/api/v1/sweeps`);
    await page.goto(url);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect((await res.json()).error.issues[0]).toMatchObject({ field: 'origin' });
    // The browser did send the session: this was a signed-in user's tab.
    expect(await res.request().headerValue('cookie')).toMatch(/sweepwise_session=/);
  } finally {
    server.close();
  }
  expect(await db.sweep.count({ where: { name: { startsWith: uniqueName } } })).toBe(0);
  const listed = await request.get('/api/v1/sweeps', {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  const names = ((await listed.json()).sweeps as { name: string }[]).map((s) => s.name);
  expect(names).not.toContain(uniqueName);
});

test('without a session a page leads to the login page, which takes the token once', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  const refused = await page.request.get('/api/v1/sweeps');
  expect(refused.status()).toBe(401);
  await page.goto('/sweeps');
  await expect(page).toHaveURL(/\/login\?next=%2Fsweeps$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Sweepwise' })).toBeVisible();
  await page.getByLabel('API token').fill('not-the-token-0123456789');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not the API token' })).toBeVisible();
  await page.getByLabel('API token').fill(API_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sweeps$/);
  await expect(page.getByRole('heading', { name: 'Sweeps' })).toBeVisible();
  await context.close();
});

test('the login link signs a browser in once; the dashboard then creates a sweep', async ({
  browser,
  db,
  uniqueName,
}) => {
  const link = loginLink();
  expect(link).toMatch(new RegExp(`^${BASE_URL}/api/auth/login\\?secret=[\\w-]{43}$`));
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/sweeps$/);
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: 'sweepwise_session', httpOnly: true, sameSite: 'Strict' });
  expect(await page.evaluate('document.cookie')).toBe('');

  await page.goto('/sweeps/new');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName);
  await page.getByLabel('Max trials').fill('2');
  await page.getByRole('button', { name: 'Create sweep' }).click();
  await expect(page.getByRole('heading', { name: uniqueName })).toBeVisible();
  expect(await db.sweep.count({ where: { name: uniqueName } })).toBe(1);
  await page.screenshot({ path: `${ARTIFACTS}/login-link-sweep.png`, fullPage: true });
  await context.close();

  // The same link in another browser: used up.
  const other = await browser.newContext({ baseURL: BASE_URL });
  const again = await other.newPage();
  await again.goto(link);
  await expect(again).toHaveURL(/\/login\?error=link$/);
  await expect(again.getByText('This login link was already used or has expired.')).toBeVisible();
  expect(await other.cookies()).toEqual([]);
  await other.close();
});

test('every response carries the browser protections', async ({ page }) => {
  for (const path of ['/sweeps', '/login', '/api/health', '/api/v1/nope']) {
    const res = await page.request.get(path);
    const headers = res.headers();
    expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
  }
  const health = await page.request.get('/api/health');
  expect(await health.json()).toEqual({ ok: true });
});
