/** Runs once as the server starts (see lib/auth/startup.ts); Node only, as the check reads files. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/auth/startup');
}
