import { pino, type DestinationStream, type Logger } from 'pino';
import { redactUrlPasswords } from '@sweepwise/sweeps';
import { webEnv } from './env';

/**
 * The web server's logger: one JSON object per line (pino) at LOG_LEVEL, with the request's
 * method, path and the sweep or trial it names as fields. No message carries a URL's password.
 */
export function createWebLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'web' },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactUrlPasswords(a) : a)) as typeof args,
          );
        },
      },
    },
    destination,
  );
}

// On globalThis: Next.js may load this module once per server bundle.
const holder = globalThis as unknown as { __sweepwiseLog?: Logger };

export function webLog(): Logger {
  holder.__sweepwiseLog ??= createWebLogger(webEnv().LOG_LEVEL);
  return holder.__sweepwiseLog;
}

/** A request's log fields: `/api/v1/sweeps/:id/...` names a sweep, `/api/v1/trials/:id/...` a trial. */
export function requestLogFields(
  req: Request,
  params: Record<string, string> = {},
): Record<string, string> {
  const path = new URL(req.url).pathname;
  const fields: Record<string, string> = { method: req.method, path };
  if (params.id && path.startsWith('/api/v1/sweeps/')) fields.sweepId = params.id;
  if (params.id && path.startsWith('/api/v1/trials/')) fields.trialId = params.id;
  return fields;
}
