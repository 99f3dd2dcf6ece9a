import { z } from 'zod';
import { trialStateSchema } from './params';

/**
 * What the API's routes answer, in one home: the OpenAPI document (openapi.ts) publishes these as
 * its components, the SDK's types are generated from that document, and e2e/specs/openapi.spec.ts
 * checks real answers against it. Dates travel as JSON does them (toISOString). A row of a table
 * with columns that only workers and controllers read (a sweep's tuner state, lease) is a loose
 * object: the fields named here are promised, the others may change.
 */

/** The response components by name (`#/components/schemas/<name>`); openapi.ts converts them. */
export const responseRegistry = z.registry<{ id: string; description?: string }>();
const named = <S extends z.ZodType>(id: string, schema: S, description?: string): S => {
  responseRegistry.add(schema, { id, description });
  return schema;
};

/** JSON's dates (toISOString); `format` rather than zod's long date-time pattern. */
const dateTime = z.string().meta({ format: 'date-time' });
const json = z.record(z.string(), z.unknown());
const sweepStatus = z.enum(['draft', 'running', 'paused', 'finished', 'cancelled', 'failed']);
const goal = z.enum(['minimize', 'maximize']);

export const FieldIssue = named(
  'FieldIssue',
  z.object({ field: z.string(), reason: z.string() }),
  'One reason the request was refused, naming the field at fault (`body` for the body as a whole)',
);

export const ErrorBody = named(
  'Error',
  z.object({
    error: z.object({
      code: z.string().meta({
        description:
          'unauthorized, cross_origin, misdirected, not_found, conflict, no_trial, payload_too_large, unsupported_media_type, invalid_request, promotion_failed or internal',
      }),
      message: z.string(),
      issues: z.array(FieldIssue),
    }),
  }),
  'Every 4xx and 5xx answer of the API',
);

/**
 * A SweepSpec as the server stores and returns it: a body the create route takes back. Its JSON
 * Schema is SweepSpec's own (openapi.ts puts it here): the zod schema ends in a transform, whose
 * output side has no JSON Schema.
 */
export const SweepSpecRef = named('SweepSpec', z.unknown());

export const Sweep = named(
  'Sweep',
  z.looseObject({
    id: z.string(),
    name: z.string(),
    spec: SweepSpecRef,
    status: sweepStatus,
    /** The data split fixed at creation (engine sweeps), or null. */
    split: json.nullable(),
    error: z.string().nullable(),
    createdAt: dateTime,
    startedAt: dateTime.nullable(),
    finishedAt: dateTime.nullable(),
  }),
  'A sweep: its SweepSpec (secret env values left out) and status',
);

/** The columns the list and the live updates compute per sweep (packages/db SweepSummary). */
const progressFields = {
  id: z.string(),
  name: z.string(),
  status: sweepStatus,
  trialsDone: z.int(),
  trialsRunning: z.int(),
  bestValue: z.number().nullable(),
  createdAt: dateTime,
  startedAt: dateTime.nullable(),
  finishedAt: dateTime.nullable(),
  archivedAt: dateTime.nullable(),
};

export const SweepProgress = named(
  'SweepProgress',
  z.object({
    ...progressFields,
    algorithm: z.string(),
    objectiveMetric: z.string(),
    direction: goal,
    maxTrials: z.int(),
  }),
  'Progress of a sweep: finished and running trials, best completed value',
);

export const SweepListItem = named(
  'SweepListItem',
  z.object({
    ...progressFields,
    metric: z.object({ name: z.string(), goal }),
    algorithm: z.object({ type: z.string() }),
    budget: z.object({ maxTrials: z.int() }),
  }),
);

export const SweepDetail = named(
  'SweepDetail',
  z.looseObject({
    ...Sweep.shape,
    progress: SweepProgress,
    waiting: z.string().nullable().meta({
      description:
        "Why the sweep's trials wait for a worker (no worker allows its command), or null",
    }),
  }),
);

export const Trial = named(
  'Trial',
  z.object({
    id: z.string(),
    sweepId: z.string(),
    number: z.int(),
    tunerTrialId: z.string().nullable(),
    params: json,
    state: trialStateSchema,
    attempts: z.int(),
    workerId: z.string().nullable(),
    heartbeatAt: dateTime.nullable(),
    queuedAt: dateTime,
    startedAt: dateTime.nullable(),
    finishedAt: dateTime.nullable(),
    /** null also when the objective diverged (NaN). */
    value: z.number().nullable(),
    metrics: json.nullable(),
    stoppedAt: z.int().nullable(),
    stopReason: z.string().nullable(),
    error: z.string().nullable(),
  }),
);

/** A trial with its sweep's header, as the trial page and the comparison read it. */
const TrialWithSweep = named(
  'TrialWithSweep',
  z.object({
    ...Trial.shape,
    sweep: z.object({ id: z.string(), name: z.string(), spec: SweepSpecRef, status: sweepStatus }),
    _count: z.object({ checkpoints: z.int() }),
  }),
);

export const TrialPage = named(
  'TrialPage',
  z.object({
    trials: z.array(Trial),
    next: z.int().nullable().meta({ description: 'Pass back as `after` for the next page' }),
  }),
);

const cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const TrialTable = named(
  'TrialTable',
  z.object({
    paramNames: z.array(z.string()),
    numbers: z.array(z.int()),
    states: z.array(trialStateSchema),
    values: z.array(z.number().nullable()),
    durationsS: z.array(z.number().nullable()),
    stoppedAt: z.array(z.int().nullable()),
    params: z.record(z.string(), z.array(cell)),
    metrics: z.record(z.string(), z.array(z.number().nullable())).meta({
      description:
        'The final value of each objective and bounded metric the sweep names (empty with one objective and no constraints)',
    }),
  }),
  "Trials as columns, index i of every array is one trial's",
);

const Series = z.object({ steps: z.array(z.number()), values: z.array(z.number()) });
const TrialCurves = z.record(z.string(), Series).meta({ description: 'Each metric by name' });

export const DrawnCurve = named(
  'DrawnCurve',
  z.object({
    number: z.int(),
    state: trialStateSchema,
    steps: z.array(z.number()),
    values: z.array(z.number()),
    stoppedAt: z.int().nullable(),
    stopReason: z.string().nullable(),
  }),
);

export const StopDecision = named(
  'StopDecision',
  z.object({
    id: z.string().meta({ description: 'The paging cursor (`before`)' }),
    trialNumber: z.int(),
    step: z.int(),
    rule: z.string(),
    decision: z.enum(['stop', 'continue']),
    value: z.number().nullable(),
    threshold: z.number().nullable(),
    rank: z.int().nullable(),
    peers: z.int().nullable(),
    reason: z.string(),
    createdAt: dateTime,
  }),
);

export const TestEvaluation = named(
  'TestEvaluation',
  z.object({
    id: z.string(),
    sweepId: z.string(),
    trialId: z.string(),
    sequence: z.int().meta({ description: "1 for the sweep's first use of its test set" }),
    config: json,
    metrics: json,
    splitHash: z.string(),
    trainedOn: z.string(),
    epochs: z.int(),
    requestedBy: z.string(),
    createdAt: dateTime,
  }),
);

export const StopAdvice = named(
  'StopAdvice',
  z.object({ stop: z.boolean(), rule: z.string().nullable(), reason: z.string().nullable() }),
  'Whether the stopping rule (or a cancel) ended the trial, and why',
);

export const AskedTrial = named(
  'AskedTrial',
  z.object({ trialId: z.string(), number: z.int(), params: json }),
);

export const ToldTrial = named(
  'ToldTrial',
  z.object({ trialId: z.string(), state: z.enum(['completed', 'failed', 'pruned']) }),
);

export const SweepList = named('SweepList', z.object({ sweeps: z.array(SweepListItem) }));
export const DeletedSweep = named('DeletedSweep', z.object({ deleted: z.string() }));
export const SweepCurves = named(
  'SweepCurves',
  z.object({ metric: z.string(), curves: z.array(DrawnCurve) }),
);
export const SweepUpdates = named(
  'SweepUpdates',
  z.object({
    cursor: dateTime.meta({ description: 'Pass back as `after` on the next poll' }),
    summary: SweepProgress,
    trials: TrialTable,
    curves: z.array(DrawnCurve),
    decisions: z.array(StopDecision),
    pbt: z
      .looseObject({ events: z.array(json), best: json.nullable() })
      .nullable()
      .meta({ description: "A PBT sweep's exploit events and best member's lineage, else null" }),
    waiting: z.string().nullable(),
  }),
);
export const ParameterImportance = named(
  'ParameterImportance',
  z.object({
    completedTrials: z.int(),
    importances: z.array(z.object({ param: z.string(), importance: z.number() })),
  }),
);
export const DecisionPage = named(
  'DecisionPage',
  z.object({
    decisions: z.array(StopDecision),
    next: z.string().nullable().meta({ description: 'Pass back as `before` for the next page' }),
  }),
);
export const TrialDecisions = named(
  'TrialDecisions',
  z.object({ decisions: z.array(StopDecision) }),
);
export const Promotions = named(
  'Promotions',
  z.object({
    evaluations: z.array(
      z.object({
        ...TestEvaluation.shape,
        trial: z.object({
          number: z.int(),
          value: z.number().nullable(),
          metrics: json.nullable(),
        }),
      }),
    ),
    uses: z.int(),
    warning: z.string().nullable(),
  }),
);
export const Promoted = named(
  'Promoted',
  z.object({ evaluation: TestEvaluation, created: z.boolean() }),
  '201 when this request ran the evaluation, 200 when the trial was promoted before',
);
export const PromotionRunning = named(
  'PromotionRunning',
  z.object({ status: z.literal('running'), jobId: z.string(), trialId: z.string() }),
  'The retrain outlasted the request: the evaluation lands later (GET promotions)',
);
export const ParsedSweepFile = named('ParsedSweepFile', z.object({ body: SweepSpecRef }));
export const FormattedSweepFile = named('FormattedSweepFile', z.object({ yaml: z.string() }));
export const TrialDetail = named(
  'TrialDetail',
  z.object({
    trial: TrialWithSweep,
    curves: TrialCurves,
    decisions: z.array(StopDecision),
    testEvaluation: TestEvaluation.nullable(),
  }),
);
export const TrialCurveSet = named('TrialCurveSet', z.object({ curves: TrialCurves }));
export const Comparison = named(
  'Comparison',
  z.object({ trials: z.array(z.object({ trial: TrialWithSweep, curves: TrialCurves })) }),
);
