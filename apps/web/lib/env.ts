import { z } from 'zod';

/** The web app's settings, parsed once at start-up so a bad value fails loudly and early. */
const envSchema = z.object({
  /** The API token; when unset, the one in the state file (created on first start). */
  SWEEPWISE_API_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters when set')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** `off` turns authentication off; refused unless the server binds a loopback address. */
  SWEEPWISE_AUTH: z.enum(['on', 'off']).default('on'),
  /** The address the server binds (`next start --hostname`, set by `npm start`). */
  SWEEPWISE_HOST: z.string().default('127.0.0.1'),
  /** More Host names the server answers to, comma-separated (`*`: any). */
  SWEEPWISE_ALLOWED_HOSTS: z.string().default(''),
  /** The server log's level (JSON lines, lib/log.ts). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body accepted, in bytes. */
  SWEEPWISE_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
});

export type WebEnv = z.infer<typeof envSchema>;

let parsed: WebEnv | undefined;

export function webEnv(): WebEnv {
  if (!parsed) {
    const result = envSchema.safeParse(process.env);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${issue.path.join('.')} ${issue.message}`);
    }
    parsed = result.data;
  }
  return parsed;
}
