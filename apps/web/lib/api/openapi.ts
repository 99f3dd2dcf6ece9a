import { SweepSpec } from '@sweepwise/sweeps';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session';
import { compareQuerySchema } from './params';
import { promoteBodySchema } from './promotions';
import {
  askBody,
  cloneBody,
  decisionsQuery,
  noOptions,
  reportBody,
  sweepCreateQuery,
  sweepCurvesQuery,
  sweepFileBody,
  sweepListQuery,
  sweepTrialsQuery,
  sweepUpdatesQuery,
  tellBody,
  trialCurvesQuery,
} from './request-schemas';
import * as R from './response-schemas';

type Method = 'get' | 'post' | 'delete';

type Operation = {
  summary: string;
  write?: boolean;
  /** The zod object the handler reads its query string with (request-schemas.ts). */
  query?: z.ZodObject;
  /** The zod schema the handler reads its body with. */
  body?: z.ZodType;
  bodyTypes?: string[];
  /** What a success answers (response-schemas.ts); `yaml`: a YAML sweep file. */
  ok: z.ZodType | 'yaml';
  /** The success status: 201 for what creates a sweep. */
  created?: true;
  /** Other successes by status (a promotion: 201 new, 202 still running). */
  also?: Record<number, z.ZodType>;
  /** Refused with 409 when the sweep's or trial's state does not allow it. */
  conflict?: true;
};

const ref = (schema: z.ZodType) => {
  const id = R.responseRegistry.get(schema)?.id;
  if (!id) throw new Error('openapi: a response schema must be registered in response-schemas.ts');
  return { $ref: `#/components/schemas/${id}` };
};

/** What a client sends: the schema's input side, without the draft's $schema key. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  if (schema === SweepSpec) return ref(R.SweepSpecRef);
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/**
 * The response components: one conversion of the registry, so they refer to each other by
 * $ref. SweepSpec is its input side (see SweepSpecRef).
 */
function components(): Record<string, object> {
  const { schemas } = z.toJSONSchema(R.responseRegistry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const { $schema: _, ...sweepSpec } = z.toJSONSchema(SweepSpec, {
    io: 'input',
    unrepresentable: 'any',
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [
      id,
      id === 'SweepSpec' ? { ...sweepSpec, description: SWEEP_SPEC_DESCRIPTION } : schema,
    ]),
  );
}

const SWEEP_SPEC_DESCRIPTION =
  'A sweep: workload, metric, parameters, algorithm, stopper and budget (docs/sweep-file.md)';

/** One query parameter per key of the handler's schema: its type, bounds and whether required. */
function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
}

const json = (schema: object) => ({ content: { 'application/json': { schema } } });

/** The refusals, shared by the operations as `#/components/responses/<name>`. */
const REFUSALS = {
  Unauthorized: 'No session cookie and no (or a wrong) bearer token',
  CrossOrigin: 'A write with the session cookie from another origin',
  NotFound: 'No such sweep or trial',
  Conflict: "The sweep's or trial's state does not allow it",
  TooLarge: 'Body over the size limit (SWEEPWISE_MAX_BODY_BYTES)',
  UnsupportedMediaType: 'Body not sent as one of the request body media types',
  Misdirected: 'Host name not allowed (SWEEPWISE_ALLOWED_HOSTS)',
  Invalid: 'Invalid request: issues name each field at fault and the reason',
  Internal: 'Unexpected error; the server log has the details',
};
const refusal = (name: keyof typeof REFUSALS) => ({ $ref: `#/components/responses/${name}` });

/** The statuses an operation answers, and their bodies. */
function responses(path: string, method: Method, op: Operation) {
  const post = method === 'post';
  const ok =
    op.ok === 'yaml'
      ? { content: { 'application/yaml': { schema: { type: 'string' } } } }
      : json(ref(op.ok));
  return {
    [op.created ? 201 : 200]: { description: op.created ? 'Created' : 'OK', ...ok },
    ...Object.fromEntries(
      Object.entries(op.also ?? {}).map(([status, schema]) => [
        status,
        { description: R.responseRegistry.get(schema)?.description ?? 'OK', ...json(ref(schema)) },
      ]),
    ),
    401: refusal('Unauthorized'),
    ...(op.write && { 403: refusal('CrossOrigin') }),
    ...(path.includes('{id}') && { 404: refusal('NotFound') }),
    ...(op.conflict && { 409: refusal('Conflict') }),
    ...(post && {
      413: refusal('TooLarge'),
      415: refusal('UnsupportedMediaType'),
    }),
    421: refusal('Misdirected'),
    ...((post || op.query) && {
      422: refusal('Invalid'),
    }),
    500: refusal('Internal'),
  };
}

/** Every route of /api/v1 (test/openapi.test.ts checks this against the route files). */
export const OPERATIONS: Record<string, Partial<Record<Method, Operation>>> = {
  '/sweeps': {
    get: {
      summary: 'Sweeps with progress and best value, newest first',
      query: sweepListQuery,
      ok: R.SweepList,
    },
    post: {
      summary: 'Create a sweep from JSON or a YAML sweep file (Content-Type: application/yaml)',
      write: true,
      query: sweepCreateQuery,
      body: SweepSpec,
      bodyTypes: ['application/json', 'application/yaml'],
      ok: R.Sweep,
      created: true,
    },
  },
  '/sweeps/{id}': {
    get: { summary: 'A sweep: settings and progress', ok: R.SweepDetail },
    delete: {
      summary:
        'Delete the sweep and everything under it (409 while it runs or has running trials: cancel it first)',
      write: true,
      ok: R.DeletedSweep,
      conflict: true,
    },
  },
  '/sweeps/{id}/archive': {
    post: {
      summary: 'Archive: the sweep leaves the default list (409 while active)',
      write: true,
      body: noOptions,
      ok: R.Sweep,
      conflict: true,
    },
  },
  '/sweeps/{id}/unarchive': {
    post: {
      summary: 'Bring an archived sweep back to the default list',
      write: true,
      body: noOptions,
      ok: R.Sweep,
    },
  },
  '/sweeps/{id}/start': {
    post: {
      summary: 'Start a draft sweep',
      write: true,
      body: noOptions,
      ok: R.Sweep,
      conflict: true,
    },
  },
  '/sweeps/{id}/pause': {
    post: {
      summary: 'Pause: no new trials start',
      write: true,
      body: noOptions,
      ok: R.Sweep,
      conflict: true,
    },
  },
  '/sweeps/{id}/resume': {
    post: {
      summary: 'Resume a paused sweep',
      write: true,
      body: noOptions,
      ok: R.Sweep,
      conflict: true,
    },
  },
  '/sweeps/{id}/cancel': {
    post: {
      summary: 'Cancel: running trials stop at their next report',
      write: true,
      body: noOptions,
      ok: R.Sweep,
      conflict: true,
    },
  },
  '/sweeps/{id}/clone': {
    post: {
      summary: 'A new sweep with the same settings',
      write: true,
      body: cloneBody,
      ok: R.Sweep,
      created: true,
    },
  },
  '/sweeps/{id}/export': { get: { summary: 'The sweep as a YAML sweep file', ok: 'yaml' } },
  '/sweeps/{id}/trials': {
    get: {
      summary: 'Trials as objects, paged by number',
      query: sweepTrialsQuery,
      ok: R.TrialPage,
    },
  },
  '/sweeps/{id}/table': {
    get: { summary: 'Every trial as columns (what the dashboard draws)', ok: R.TrialTable },
  },
  '/sweeps/{id}/curves': {
    get: {
      summary: 'Downsampled learning curves of one metric',
      query: sweepCurvesQuery,
      ok: R.SweepCurves,
    },
  },
  '/sweeps/{id}/updates': {
    get: {
      summary: 'What changed since a cursor (live updates)',
      query: sweepUpdatesQuery,
      ok: R.SweepUpdates,
    },
  },
  '/sweeps/{id}/importance': {
    get: { summary: 'Parameter importance, cached by completed trials', ok: R.ParameterImportance },
  },
  '/sweeps/{id}/decisions': {
    get: { summary: 'Early-stopping log, newest first', query: decisionsQuery, ok: R.DecisionPage },
  },
  '/sweeps/{id}/promotions': {
    get: {
      summary: 'Test evaluations, the test-set use count and its warning',
      ok: R.Promotions,
    },
    post: {
      summary: 'Promote a trial (default: the best) to the held-out test evaluation',
      write: true,
      body: promoteBodySchema,
      ok: R.Promoted,
      also: { 201: R.Promoted, 202: R.PromotionRunning },
      conflict: true,
    },
  },
  '/sweep-files/parse': {
    post: {
      summary: '{ yaml } -> { body }',
      write: true,
      body: sweepFileBody,
      ok: R.ParsedSweepFile,
    },
  },
  '/sweep-files/format': {
    post: {
      summary: 'create body -> { yaml }',
      write: true,
      body: SweepSpec,
      ok: R.FormattedSweepFile,
    },
  },
  '/trials/{id}': {
    get: { summary: 'A trial: config, curves, decisions, test evaluation', ok: R.TrialDetail },
  },
  '/trials/{id}/curves': {
    get: {
      summary: 'Every metric of the trial, downsampled',
      query: trialCurvesQuery,
      ok: R.TrialCurveSet,
    },
  },
  '/trials/{id}/decisions': {
    get: { summary: "The trial's stopping decisions", ok: R.TrialDecisions },
  },
  '/trials/{id}/promote': {
    post: {
      summary: 'Promote this trial',
      write: true,
      body: promoteBodySchema.omit({ trialId: true }),
      ok: R.Promoted,
      also: { 201: R.Promoted, 202: R.PromotionRunning },
      conflict: true,
    },
  },
  '/sweeps/{id}/ask': {
    post: {
      summary: "The next trial for the caller's own training loop (409 no_trial: none queued now)",
      write: true,
      body: askBody,
      ok: R.AskedTrial,
      conflict: true,
    },
  },
  '/trials/{id}/report': {
    post: {
      summary: "One step's metrics; answers whether to stop as known so far",
      write: true,
      body: reportBody,
      ok: R.StopAdvice,
      conflict: true,
    },
  },
  '/trials/{id}/heartbeat': {
    post: {
      summary: 'Keeps a running trial between reports; answers whether to stop',
      write: true,
      ok: R.StopAdvice,
      conflict: true,
    },
  },
  '/trials/{id}/should-stop': {
    get: { summary: 'Whether the stopping rule stopped the trial', ok: R.StopAdvice },
  },
  '/trials/{id}/tell': {
    post: {
      summary: "The trial's end: { value }, or { state: failed | pruned, error? }",
      write: true,
      body: tellBody,
      ok: R.ToldTrial,
      conflict: true,
    },
  },
  '/compare': {
    get: { summary: '2-10 trials side by side', query: compareQuerySchema, ok: R.Comparison },
  },
};

/**
 * The OpenAPI 3.1 document of /api/v1: queries and bodies from the schemas the handlers read them
 * with, answers from response-schemas.ts.
 */
export function openApiDocument() {
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    const item: Record<string, object> = {};
    for (const [method, op] of Object.entries(methods) as [Method, Operation][]) {
      item[method] = {
        summary: op.summary,
        operationId: operationId(path, method),
        parameters: [
          ...(path.includes('{id}')
            ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
            : []),
          ...(op.query ? queryParameters(op.query) : []),
        ],
        ...(op.body && {
          requestBody: {
            // An empty body is `{}` (parseJson): optional where `{}` is a whole request.
            required: !op.body.safeParse({}).success,
            content: Object.fromEntries(
              (op.bodyTypes ?? ['application/json']).map((t) => [
                t,
                { schema: jsonSchema(op.body!) },
              ]),
            ),
          },
        }),
        responses: responses(path, method, op),
      };
    }
    paths[path] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sweepwise REST API', version: '1' },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: components(),
      responses: Object.fromEntries(
        Object.entries(REFUSALS).map(([name, description]) => [
          name,
          { description, ...json(ref(R.ErrorBody)) },
        ]),
      ),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
    },
    // Every operation: the API token as a bearer token, or the dashboard's session cookie.
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}

/** `post /sweeps/{id}/ask` -> `postSweepsIdAsk`: stable names for generated clients. */
function operationId(path: string, method: Method): string {
  const words = path.split(/[/{}-]+/).filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
