import { SweepSpec } from '@sweepwise/sweeps';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session';
import { compareQuerySchema } from './params';
import { promoteBodySchema } from './promotions';
import {
  askBody,
  cloneBody,
  decisionsQuery,
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

type Method = 'get' | 'post' | 'delete';

type Operation = {
  summary: string;
  write?: boolean;
  /** The zod object the handler reads its query string with (request-schemas.ts). */
  query?: z.ZodObject;
  /** The zod schema the handler reads its body with. */
  body?: z.ZodType;
  bodyTypes?: string[];
};

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, reason: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** What a client sends: the schema's input side, without the draft's $schema key. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** One query parameter per key of the handler's schema: its type, bounds and whether required. */
function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
}

/** Every route of /api/v1 (test/openapi.test.ts checks this against the route files). */
export const OPERATIONS: Record<string, Partial<Record<Method, Operation>>> = {
  '/sweeps': {
    get: {
      summary: 'Sweeps with progress and best value, newest first',
      query: sweepListQuery,
    },
    post: {
      summary: 'Create a sweep from JSON or a YAML sweep file (Content-Type: application/yaml)',
      write: true,
      query: sweepCreateQuery,
      body: SweepSpec,
      bodyTypes: ['application/json', 'application/yaml'],
    },
  },
  '/sweeps/{id}': {
    get: { summary: 'A sweep: settings and progress' },
    delete: {
      summary:
        'Delete the sweep and everything under it (409 while it runs or has running trials: cancel it first)',
      write: true,
    },
  },
  '/sweeps/{id}/archive': {
    post: { summary: 'Archive: the sweep leaves the default list (409 while active)', write: true },
  },
  '/sweeps/{id}/unarchive': {
    post: { summary: 'Bring an archived sweep back to the default list', write: true },
  },
  '/sweeps/{id}/start': { get: undefined, post: { summary: 'Start a draft sweep', write: true } },
  '/sweeps/{id}/pause': {
    get: undefined,
    post: { summary: 'Pause: no new trials start', write: true },
  },
  '/sweeps/{id}/resume': {
    get: undefined,
    post: { summary: 'Resume a paused sweep', write: true },
  },
  '/sweeps/{id}/cancel': {
    get: undefined,
    post: { summary: 'Cancel: running trials stop at their next report', write: true },
  },
  '/sweeps/{id}/clone': {
    get: undefined,
    post: {
      summary: 'A new sweep with the same settings',
      write: true,
      body: cloneBody,
    },
  },
  '/sweeps/{id}/export': { get: { summary: 'The sweep as a YAML sweep file' }, post: undefined },
  '/sweeps/{id}/trials': {
    get: {
      summary: 'Trials as objects, paged by number',
      query: sweepTrialsQuery,
    },
    post: undefined,
  },
  '/sweeps/{id}/table': {
    get: { summary: 'Every trial as columns (what the dashboard draws)' },
    post: undefined,
  },
  '/sweeps/{id}/curves': {
    get: {
      summary: 'Downsampled learning curves of one metric',
      query: sweepCurvesQuery,
    },
    post: undefined,
  },
  '/sweeps/{id}/updates': {
    get: {
      summary: 'What changed since a cursor (live updates)',
      query: sweepUpdatesQuery,
    },
    post: undefined,
  },
  '/sweeps/{id}/importance': {
    get: { summary: 'Parameter importance, cached by completed trials' },
    post: undefined,
  },
  '/sweeps/{id}/decisions': {
    get: {
      summary: 'Early-stopping log, newest first',
      query: decisionsQuery,
    },
    post: undefined,
  },
  '/sweeps/{id}/promotions': {
    get: { summary: 'Test evaluations, the test-set use count and its warning' },
    post: {
      summary: 'Promote a trial (default: the best) to the held-out test evaluation',
      write: true,
      body: promoteBodySchema,
    },
  },
  '/sweep-files/parse': {
    get: undefined,
    post: {
      summary: '{ yaml } -> { body }',
      write: true,
      body: sweepFileBody,
    },
  },
  '/sweep-files/format': {
    get: undefined,
    post: {
      summary: 'create body -> { yaml }',
      write: true,
      body: SweepSpec,
    },
  },
  '/trials/{id}': {
    get: { summary: 'A trial: config, curves, decisions, test evaluation' },
    post: undefined,
  },
  '/trials/{id}/curves': {
    get: { summary: 'Every metric of the trial, downsampled', query: trialCurvesQuery },
    post: undefined,
  },
  '/trials/{id}/decisions': { get: { summary: "The trial's stopping decisions" }, post: undefined },
  '/trials/{id}/promote': {
    get: undefined,
    post: {
      summary: 'Promote this trial',
      write: true,
      body: promoteBodySchema.omit({ trialId: true }),
    },
  },
  '/sweeps/{id}/ask': {
    get: undefined,
    post: {
      summary: "The next trial for the caller's own training loop: { trialId, number, params }",
      write: true,
      body: askBody,
    },
  },
  '/trials/{id}/report': {
    get: undefined,
    post: {
      summary: "One step's metrics; answers { stop, rule, reason } as known so far",
      write: true,
      body: reportBody,
    },
  },
  '/trials/{id}/should-stop': {
    get: { summary: 'Whether the stopping rule stopped the trial: { stop, rule, reason }' },
    post: undefined,
  },
  '/trials/{id}/tell': {
    get: undefined,
    post: {
      summary: "The trial's end: { value }, or { state: failed | pruned, error? }",
      write: true,
      body: tellBody,
    },
  },
  '/compare': {
    get: {
      summary: '2-10 trials side by side',
      query: compareQuerySchema,
    },
    post: undefined,
  },
};

/** The OpenAPI 3.1 document of /api/v1, request bodies derived from the same schemas the handlers use. */
export function openApiDocument() {
  const paths: Record<string, object> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    const item: Record<string, object> = {};
    for (const [method, op] of Object.entries(methods)) {
      if (!op) continue;
      item[method] = {
        summary: op.summary,
        parameters: [
          ...(path.includes('{id}')
            ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
            : []),
          ...(op.query ? queryParameters(op.query) : []),
        ],
        ...(op.body && {
          requestBody: {
            content: Object.fromEntries(
              (op.bodyTypes ?? ['application/json']).map((t) => [
                t,
                { schema: jsonSchema(op.body!) },
              ]),
            ),
          },
        }),
        responses: {
          200: { description: 'OK' },
          401: {
            description: 'No session cookie and no (or a wrong) bearer token',
            content: { 'application/json': { schema: errorSchema } },
          },
          ...(op.write && {
            403: {
              description: 'A write with the session cookie from another origin',
              content: { 'application/json': { schema: errorSchema } },
            },
          }),
          404: {
            description: 'Not found',
            content: { 'application/json': { schema: errorSchema } },
          },
          409: {
            description: 'Conflict (state change not allowed, already exists)',
            content: { 'application/json': { schema: errorSchema } },
          },
          413: {
            description: 'Body over the size limit',
            content: { 'application/json': { schema: errorSchema } },
          },
          ...(op.body && {
            415: {
              description: 'Body not sent as one of the request body media types',
              content: { 'application/json': { schema: errorSchema } },
            },
          }),
          421: {
            description: 'Host name not allowed (SWEEPWISE_ALLOWED_HOSTS)',
            content: { 'application/json': { schema: errorSchema } },
          },
          422: {
            description: 'Invalid request: issues name the field and the reason',
            content: { 'application/json': { schema: errorSchema } },
          },
        },
      };
    }
    paths[path] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sweepwise REST API', version: '1' },
    servers: [{ url: '/api/v1' }],
    components: {
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
