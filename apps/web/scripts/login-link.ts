// `npm start`'s authentication step, run before the server starts: settles the settings the
// server will use (creating the state file's token on a first start, refusing SWEEPWISE_AUTH=off
// on a non-loopback bind) and prints the dashboard URL to open, with a one-time login secret.
//   node --import tsx apps/web/scripts/login-link.ts <port>
import { authConfig, AUTH_OFF_WARNING } from '../lib/auth/auth-config';
import { isWildcardBind } from '../lib/auth/request-guards';
import { mintLoginSecret } from '../lib/auth/state-file';
import { webEnv } from '../lib/env';

try {
  const port = process.argv[2] ?? '3000';
  const bind = webEnv().SWEEPWISE_HOST;
  // A wildcard bind answers on loopback too, and the link is for this machine's browser.
  const host = isWildcardBind(bind)
    ? '127.0.0.1'
    : bind.includes(':') && !bind.startsWith('[')
      ? `[${bind}]`
      : bind;
  const base = `http://${host}:${port}`;
  const config = authConfig();
  if (config.mode === 'off') {
    console.error(`sweepwise: ${AUTH_OFF_WARNING}`);
    console.log(base);
  } else {
    console.log(`${base}/api/auth/login?secret=${mintLoginSecret(config.stateDir)}`);
  }
} catch (err) {
  console.error(`sweepwise: ${(err as Error).message}`);
  process.exit(1);
}
