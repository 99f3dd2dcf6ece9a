import { mkdtempSync, readdirSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  consumeLoginSecret,
  ensureApiToken,
  LOGIN_LINK_TTL_MS,
  mintLoginSecret,
  readServerState,
  stateDir,
} from '../lib/auth/state-file';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sweepwise-state-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the state file', () => {
  it('is created once, readable by its owner only, with a token of 256 bits', () => {
    const dir = join(root, 'state');
    const token = ensureApiToken(dir);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(ensureApiToken(dir)).toBe(token);
    expect(ensureApiToken(join(root, 'other'))).not.toBe(token);
  });

  it('is closed again when someone opened it to others', () => {
    const token = ensureApiToken(root);
    chmodSync(join(root, 'state.json'), 0o644);
    expect(ensureApiToken(root)).toBe(token);
    expect(statSync(join(root, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('lives in SWEEPWISE_STATE_DIR, else ~/.sweepwise, and a damaged one is an error', () => {
    expect(stateDir({ SWEEPWISE_STATE_DIR: root })).toBe(root);
    expect(stateDir({})).toMatch(/\.sweepwise$/);
    expect(readServerState(join(root, 'none'))).toBeNull();
    writeFileSync(join(root, 'state.json'), 'not json');
    expect(() => readServerState(root)).toThrow(/not JSON/);
  });
});

describe('one-time login secrets', () => {
  it('work once, and never again', () => {
    const secret = mintLoginSecret(root);
    expect(consumeLoginSecret(root, secret)).toBe(true);
    expect(consumeLoginSecret(root, secret)).toBe(false);
  });

  it('are stored by hash only', () => {
    const secret = mintLoginSecret(root);
    const names = readdirSync(join(root, 'logins'));
    expect(names).toHaveLength(1);
    expect(names[0]).not.toContain(secret);
    expect(statSync(join(root, 'logins', names[0])).mode & 0o777).toBe(0o600);
  });

  it('expire unused, and expired ones are cleared at the next mint', () => {
    const now = Date.UTC(2026, 0, 1);
    const old = mintLoginSecret(root, now);
    expect(consumeLoginSecret(root, old, now + LOGIN_LINK_TTL_MS)).toBe(false);
    mintLoginSecret(root, now);
    mintLoginSecret(root, now + LOGIN_LINK_TTL_MS);
    expect(readdirSync(join(root, 'logins'))).toHaveLength(1);
  });

  it('refuse made-up and malformed secrets', () => {
    mintLoginSecret(root);
    expect(consumeLoginSecret(root, 'x'.repeat(43))).toBe(false);
    expect(consumeLoginSecret(root, '../state.json')).toBe(false);
    expect(consumeLoginSecret(root, '')).toBe(false);
  });
});
