import { pino, type DestinationStream, type Logger } from 'pino';
import { redactUrlPasswords } from '@sweepwise/sweeps';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What a log line may carry besides its message: the ids to filter by, and its level. */
export interface LogFields {
  sweepId?: string;
  trialId?: string;
  level?: 'debug' | 'info' | 'warn' | 'error';
}

/** How the worker's parts log: a message, and the sweep or trial it is about. */
export type Log = (message: string, fields?: LogFields) => void;

/**
 * The worker process's logger: one JSON object per line (pino) with `workerId` on every line, at
 * `LOG_LEVEL` (default info). Messages never carry a URL's password (drivers' errors may quote
 * DATABASE_URL or REDIS_URL).
 */
export function createLogger(
  workerId: string,
  env: NodeJS.ProcessEnv = process.env,
  destination?: DestinationStream,
): Logger {
  const level = env.LOG_LEVEL || 'info';
  if (!(LEVELS as readonly string[]).includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  return pino(
    {
      level,
      base: { workerId },
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

/** The `Log` of a logger: fields become JSON fields of the line. */
export function logTo(logger: Logger): Log {
  return (message, { level = 'info', ...fields } = {}) => logger[level](fields, message);
}
