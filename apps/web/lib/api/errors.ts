import { Prisma } from '@sweepwise/db';
import { ZodError } from 'zod';

/** One reason a request was refused, pointing at the field at fault. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** A refusal the handler meant: status, machine code, message, and the fields at fault. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export const invalid = (field: string, reason: string) =>
  new ApiError(422, 'invalid_request', `${field}: ${reason}`, [{ field, reason }]);

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** Error classes of our packages, recognized by name so they survive bundling and processes. */
const VALIDATION_ERROR_NAMES = new Set([
  'SweepFileError',
  'SpaceError',
  'ValidationError',
  'PromotionError',
  'TestMetricLeakError',
]);
const NOT_FOUND_ERROR_NAMES = new Set(['NotFoundError']);
const CONFLICT_ERROR_NAMES = new Set(['SweepStateError', 'ConflictError']);

function errorField(err: Error): string {
  const e = err as Error & { field?: unknown; param?: unknown; path?: unknown };
  if (typeof e.field === 'string') return e.field;
  if (typeof e.param === 'string') return `space.${e.param}`;
  if (Array.isArray(e.path)) return e.path.join('.');
  return '';
}

/**
 * Maps anything a handler throws to a response: validation errors 422 with the field path,
 * not-found 404, unique violations and illegal state changes 409, the rest a plain 500 whose
 * detail goes to the log only (a stack trace tells a client nothing and an attacker too much).
 */
export function errorResponse(err: unknown): Response {
  if (err instanceof ApiError) return body(err.status, err.code, err.message, err.issues);
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ field: i.path.join('.'), reason: i.message }));
    return body(422, 'invalid_request', describeIssues(issues), issues);
  }
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === 'P2025') return body(404, 'not_found', 'not found');
    if (err.code === 'P2002') {
      const target = (err.meta?.target as string[] | string | undefined) ?? '';
      return body(409, 'conflict', `already exists (${[target].flat().join(', ')})`);
    }
  }
  if (err instanceof Error) {
    if (VALIDATION_ERROR_NAMES.has(err.name)) {
      const issue = { field: errorField(err), reason: err.message };
      return body(422, 'invalid_request', err.message, [issue]);
    }
    if (NOT_FOUND_ERROR_NAMES.has(err.name)) return body(404, 'not_found', err.message);
    if (CONFLICT_ERROR_NAMES.has(err.name)) return body(409, 'conflict', err.message);
  }
  console.error('api: unexpected error', err);
  return body(500, 'internal', 'internal error; the server log has the details');
}

function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.reason}` : i.reason)).join('; ');
}

function body(status: number, code: string, message: string, issues: FieldIssue[] = []) {
  return Response.json({ error: { code, message, issues } }, { status });
}
