import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a Sweepwise server keeps its state (the API token `npm start` created):
 * `$SWEEPWISE_STATE_DIR`, else `~/.sweepwise`. Clients on the same machine and account read the
 * token from there, so nothing needs to be copied for local use.
 */
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

/** The API token: SWEEPWISE_API_TOKEN, else the one in the state file; undefined when neither. */
export function findApiToken(env: Record<string, string | undefined> = process.env) {
  return env.SWEEPWISE_API_TOKEN || readServerState(stateDir(env))?.apiToken;
}
