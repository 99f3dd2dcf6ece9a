import { TRIAL_CURVE_POINTS } from '@sweepwise/db';
import { z } from 'zod';
import { queryInt, trialStateSchema } from './params';
import type { TellBody } from './external-trials';

/**
 * The query and body schemas of the API's routes, in one home: each handler reads its request
 * with its schema, and the OpenAPI document (openapi.ts) is derived from the same objects, so
 * the reference cannot drift from what the server checks.
 */

/** A status change takes no options: an empty body or `{}`, anything else is a mistake. */
export const noOptions = z.object({}).strict();

export const sweepListQuery = z.object({
  limit: queryInt(1, 1000).default(200),
  /** false: the default list; true: archived only; all: both. */
  archived: z.enum(['false', 'true', 'all']).default('false'),
});

export const sweepCreateQuery = z.object({
  status: z.enum(['running', 'draft']).default('running'),
});

export const cloneBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  status: z.enum(['running', 'draft']).default('draft'),
});

export const sweepTrialsQuery = z.object({
  after: queryInt(-1).optional(),
  state: trialStateSchema.optional(),
  limit: queryInt(1, 1000).default(100),
});

export const sweepCurvesQuery = z.object({
  metric: z.string().min(1).optional(),
  trials: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be comma-separated trial numbers')
    .transform((s) => s.split(',').map(Number))
    .optional(),
  maxPoints: queryInt(3, 1000).optional(),
});

export const sweepUpdatesQuery = z.object({
  after: z.iso.datetime({ message: 'must be an ISO date-time (the previous cursor)' }),
});

export const decisionsQuery = z.object({
  before: z.string().regex(/^\d+$/, 'must be a decision id').optional(),
  decision: z.enum(['stop', 'continue']).optional(),
  trial: queryInt(0).optional(),
  limit: queryInt(1, 1000).default(100),
});

export const trialCurvesQuery = z.object({
  maxPoints: queryInt(3, 10_000).default(TRIAL_CURVE_POINTS),
});

export const sweepFileBody = z.object({ yaml: z.string().min(1, 'is empty') });

export const askBody = z.object({
  /** Who runs the trial (shown as its worker): a host name, a notebook... */
  client: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.@-]+$/, 'letters, digits, _ . @ - only')
    .default('client'),
});

/** Each metric of a report is a curve point row: a report holds a training loop's few, not thousands. */
const MAX_METRICS_PER_REPORT = 100;

export const reportBody = z.object({
  step: z.number().int().min(0).max(1e9),
  metrics: z
    .record(z.string().min(1).max(200), z.number())
    .refine((m) => Object.keys(m).length > 0, 'needs at least one metric')
    .refine(
      (m) => Object.keys(m).length <= MAX_METRICS_PER_REPORT,
      `must have <= ${MAX_METRICS_PER_REPORT} metrics`,
    ),
});

/** One object rather than a union, so a wrong field is named (`value`), not the body as a whole. */
export const tellBody = z
  .object({
    value: z.number().optional(),
    state: z.enum(['failed', 'pruned']).optional(),
    error: z.string().max(10_000).optional(),
  })
  .refine((b) => (b.value === undefined) !== (b.state === undefined), {
    message: "give the trial's value, or its state (failed or pruned), not both",
    path: ['value'],
  })
  .transform((b): TellBody =>
    b.value !== undefined ? { value: b.value } : { state: b.state!, error: b.error },
  );
