import { webEnv } from '../env';
import { hostAllowList, isLoopbackHost, type HostAllowList } from './request-guards';
import { sessionKey } from './session';
import { ensureApiToken, stateDir } from './state-file';

/** How this server authenticates, settled once per process from the environment. */
export type AuthConfig = {
  hosts: HostAllowList;
  stateDir: string;
} & ({ mode: 'on'; apiToken: string; sessionKey: Buffer } | { mode: 'off' });

let config: AuthConfig | undefined;

export function authConfig(): AuthConfig {
  config ??= loadAuthConfig();
  return config;
}

function loadAuthConfig(): AuthConfig {
  const { SWEEPWISE_AUTH, SWEEPWISE_HOST, SWEEPWISE_ALLOWED_HOSTS, SWEEPWISE_API_TOKEN } = webEnv();
  const common = {
    hosts: hostAllowList(SWEEPWISE_HOST, SWEEPWISE_ALLOWED_HOSTS),
    stateDir: stateDir(process.env),
  };
  if (SWEEPWISE_AUTH === 'off') {
    if (!isLoopbackHost(SWEEPWISE_HOST)) {
      throw new Error(
        `SWEEPWISE_AUTH=off is refused: the server binds ${SWEEPWISE_HOST}, which other machines ` +
          'can reach. Turn authentication off only on a loopback address (127.0.0.1, ::1, localhost).',
      );
    }
    return { ...common, mode: 'off' };
  }
  const apiToken = SWEEPWISE_API_TOKEN ?? ensureApiToken(common.stateDir);
  return { ...common, mode: 'on', apiToken, sessionKey: sessionKey(apiToken) };
}

export const AUTH_OFF_WARNING =
  'WARNING: authentication is OFF (SWEEPWISE_AUTH=off): any program or web page on this ' +
  'machine can create sweeps, and sweeps run commands.';
