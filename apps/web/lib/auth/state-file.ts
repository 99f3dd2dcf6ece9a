import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The server's state directory: the API token, created once, and one file per unused one-time
 * login link. Files, not memory, so every process of the server (and `npm start`, which prints
 * the link) sees the same state.
 */

/** `$SWEEPWISE_STATE_DIR`, else `~/.sweepwise`. */
export function stateDir(env: Record<string, string | undefined> = process.env): string {
  return env.SWEEPWISE_STATE_DIR || join(homedir(), '.sweepwise');
}

export const STATE_FILE = 'state.json';

/** What the state file holds. */
export interface ServerState {
  apiToken: string;
}

/** The state file's content, or null when there is none yet; a malformed file is an error. */
export function readServerState(dir: string): ServerState | null {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON: delete it and restart the server to make a new token`);
  }
  const token = (state as Partial<ServerState> | null)?.apiToken;
  if (typeof token !== 'string' || token.length === 0)
    throw new Error(
      `${path} has no apiToken: delete it and restart the server to make a new token`,
    );
  return { apiToken: token };
}

/** 32 random bytes: 256 bits, far over the 128 an unguessable secret needs. */
export const newSecret = () => randomBytes(32).toString('base64url');

/** How long a printed login link stays valid if nobody uses it. */
export const LOGIN_LINK_TTL_MS = 24 * 3600_000;

const LOGINS = 'logins';

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * The API token of the state file in `dir`, created (mode 0600) when there is none. The exclusive
 * create makes two processes starting at once agree on one token.
 */
export function ensureApiToken(dir: string): string {
  const existing = readServerState(dir);
  if (existing) {
    restrictMode(join(dir, STATE_FILE));
    return existing.apiToken;
  }
  ensureDir(dir);
  const state: ServerState = { apiToken: newSecret() };
  try {
    writeFileSync(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    return state.apiToken;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readServerState(dir)!.apiToken;
  }
}

/** A state file someone made readable by others is closed again: it holds the key to the server. */
function restrictMode(path: string): void {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
}

/** A login link's file is named by the secret's hash, so the directory holds no usable secret. */
const loginFile = (dir: string, secret: string) =>
  join(dir, LOGINS, createHash('sha256').update(secret).digest('hex'));

/** A new one-time login secret, valid for `ttlMs`; expired unused ones are cleared meanwhile. */
export function mintLoginSecret(dir: string, nowMs = Date.now(), ttlMs = LOGIN_LINK_TTL_MS) {
  ensureDir(join(dir, LOGINS));
  for (const name of readdirSync(join(dir, LOGINS))) {
    const path = join(dir, LOGINS, name);
    if (expiryOf(path) <= nowMs) unlinkQuietly(path);
  }
  const secret = newSecret();
  writeFileSync(loginFile(dir, secret), String(nowMs + ttlMs), { flag: 'wx', mode: 0o600 });
  return secret;
}

/**
 * Uses up a login secret: true once for a minted, unexpired secret, false ever after. Deleting
 * the file is the atomic step: of two requests racing with one link, only one unlink succeeds.
 */
export function consumeLoginSecret(dir: string, secret: string, nowMs = Date.now()): boolean {
  if (!/^[\w-]{16,128}$/.test(secret)) return false;
  const path = loginFile(dir, secret);
  const expiry = expiryOf(path);
  return unlinkQuietly(path) && expiry > nowMs;
}

function expiryOf(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
