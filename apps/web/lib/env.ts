import { z } from 'zod';

/** The web app's settings, parsed once at start-up so a bad value fails loudly and early. */
const envSchema = z.object({
  /** When set, every write to the API needs `Authorization: Bearer <token>`. */
  SWEEPWISE_API_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters when set')
    .optional()
    .or(z.literal('').transform(() => undefined)),
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
