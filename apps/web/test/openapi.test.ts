import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../lib/api/openapi';

const API = join(import.meta.dirname, '../app/api/v1');

/** Every handler the route files export: `/sweeps/{id}/ask post`, from app/api/v1/sweeps/[id]/ask/route.ts. */
function routeOperations(dir = API): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeOperations(path);
    if (name !== 'route.ts') return [];
    const route = `/${relative(API, dir)}`.replace(/\[(\w+)\]/g, '{$1}');
    const methods = [
      ...readFileSync(path, 'utf8').matchAll(/export const (GET|POST|DELETE|PUT|PATCH)\b/g),
    ];
    return methods.map((m) => `${route} ${m[1].toLowerCase()}`);
  });
}

type Doc = ReturnType<typeof openApiDocument>;
type Op = {
  parameters: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: object }>;
};
const operation = (doc: Doc, path: string, method: string) =>
  (doc.paths[path] as Record<string, Op>)[method];

describe('the OpenAPI document', () => {
  const doc = openApiDocument();

  it('has every operation the route files export, and no other', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${path} ${method}`),
    );
    // openapi.json serves the document itself.
    const routes = routeOperations().filter((op) => !op.startsWith('/openapi.json'));
    expect(routes.length).toBeGreaterThan(25);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('types query parameters from the schemas the handlers read them with', () => {
    const limit = operation(doc, '/sweeps', 'get').parameters.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
    });
    const after = operation(doc, '/sweeps/{id}/updates', 'get').parameters.find(
      (p) => p.name === 'after',
    );
    expect(after).toMatchObject({
      required: true,
      schema: { type: 'string', format: 'date-time' },
    });
  });

  it('gives the bodies of the routes an external training loop needs', () => {
    const body = (path: string) =>
      operation(doc, path, 'post').requestBody?.content['application/json'].schema;
    expect(body('/sweeps/{id}/ask')).toMatchObject({ properties: { client: { type: 'string' } } });
    expect(body('/trials/{id}/report')).toMatchObject({
      required: ['step', 'metrics'],
      properties: { step: { type: 'integer' } },
    });
    expect(body('/trials/{id}/tell')).toMatchObject({
      properties: { value: { type: 'number' }, state: { enum: ['failed', 'pruned'] } },
    });
    expect(Object.keys(operation(doc, '/sweeps', 'post').requestBody!.content)).toEqual([
      'application/json',
      'application/yaml',
    ]);
  });
});

describe('the answers the document gives', () => {
  const doc = openApiDocument();
  const text = JSON.stringify(doc);

  it('gives every operation a success answer with a schema, and refers only to components it has', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, Op>)) {
        const { responses } = op;
        const ok = Object.keys(responses).filter((status) => status.startsWith('2'));
        expect(ok.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const status of ok)
          expect(responses[status].content, `${method} ${path}`).toBeDefined();
      }
    }
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(100);
    for (const [, kind, name] of refs) {
      expect(
        (doc.components as Record<string, Record<string, unknown>>)[kind][name],
        `${kind}/${name}`,
      ).toBeDefined();
    }
  });

  it('documents the error shape and which refusals each route gives', () => {
    expect(doc.components.schemas.Error).toMatchObject({
      required: ['error'],
      properties: {
        error: {
          required: ['code', 'message', 'issues'],
          properties: { issues: { items: { $ref: '#/components/schemas/FieldIssue' } } },
        },
      },
    });
    const statuses = (path: string, method: string) =>
      Object.keys(operation(doc, path, method).responses);
    // A read of the list: no path id, no body, no state to conflict with.
    expect(statuses('/sweeps', 'get')).toEqual(['200', '401', '421', '422', '500']);
    expect(statuses('/trials/{id}/tell', 'post')).toEqual([
      '200',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '421',
      '422',
      '500',
    ]);
    expect(statuses('/sweeps', 'post')[0]).toBe('201');
  });

  it('types the answers of an external training loop', () => {
    const schemas = doc.components.schemas as Record<string, Record<string, unknown>>;
    expect(schemas.AskedTrial).toMatchObject({ required: ['trialId', 'number', 'params'] });
    expect(schemas.StopAdvice).toMatchObject({
      properties: { stop: { type: 'boolean' }, rule: { type: ['string', 'null'] } },
    });
    expect(schemas.Trial).toMatchObject({
      properties: {
        state: { enum: ['queued', 'running', 'completed', 'pruned', 'failed', 'cancelled'] },
      },
      additionalProperties: false,
    });
    // The sweep a route returns is the SweepSpec the create route takes.
    expect(schemas.Sweep).toMatchObject({
      properties: { spec: { $ref: '#/components/schemas/SweepSpec' } },
    });
    expect(schemas.SweepSpec).toMatchObject({
      required: expect.arrayContaining(['name', 'workload']),
    });
  });
});
