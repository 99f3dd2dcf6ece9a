import { AUTH_OFF_WARNING, authConfig } from './auth-config';

// Settles authentication before the first request: creates the state file's token on a first
// start, warns on every start when auth is off, and stops the server when auth is turned off on
// an address other machines can reach.
try {
  if (authConfig().mode === 'off') console.warn(`sweepwise web: ${AUTH_OFF_WARNING}`);
} catch (err) {
  console.error(`sweepwise web: ${(err as Error).message}`);
  process.exit(1);
}
