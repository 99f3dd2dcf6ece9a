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
