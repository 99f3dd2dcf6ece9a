import { MAX_COMPARED_TRIALS, type TrialRef } from '@sweepwise/db';
import { z } from 'zod';

/** Query-string integers: sent as text, checked as numbers. */
export const queryInt = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max);

export const trialStateSchema = z.enum([
  'queued',
  'running',
  'completed',
  'pruned',
  'failed',
  'cancelled',
]);

/** `<sweepId>:<number>` or a trial id: how the compare page and API name trials of any sweep. */
export const trialRefSchema = z
  .string()
  .min(1)
  .transform((text, ctx): TrialRef => {
    const match = /^([^:]+):(\d+)$/.exec(text);
    if (match) return { sweepId: match[1], number: Number(match[2]) };
    if (text.includes(':')) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not <sweepId>:<number> or a trial id`,
      });
      return z.NEVER;
    }
    return { id: text };
  });

/** `trials=a:1,b:2`: between 2 and MAX_COMPARED_TRIALS trial references. */
export const compareQuerySchema = z.object({
  trials: z
    .string({ error: 'is required: a comma-separated list of <sweepId>:<number> or trial ids' })
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z
        .array(trialRefSchema)
        .min(2, 'compare at least 2 trials')
        .max(MAX_COMPARED_TRIALS, `compare at most ${MAX_COMPARED_TRIALS} trials`),
    ),
});
