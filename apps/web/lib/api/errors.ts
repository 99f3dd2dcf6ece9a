import { Prisma } from '@sweepwise/db';
import { webLog } from '../log';
import { ZodError } from 'zod';
import { errorBody as body, type FieldIssue } from './error-body';

export type { FieldIssue };

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
  'WandbFileError',
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
export function errorResponse(err: unknown, fields: Record<string, string> = {}): Response {
  if (err instanceof ApiError) return body(err.status, err.code, err.message, err.issues);
  if (err instanceof ZodError) {
    // An unknown key is named itself; an issue with the body as a whole (an array where an
    // object belongs) is at `body`.
    const issues = err.issues.map((i) => {
      const path = i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]] : i.path;
      return { field: clip(path.join('.')) || 'body', reason: clip(i.message) };
    });
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
      // An error about the whole input (a file too deep to parse) is about the body.
      const issue = (e: Error) => ({ field: errorField(e) || 'body', reason: e.message });
      // A W&B file with several fields that cannot be mapped: one issue each.
      const all = (err as Error & { all?: unknown }).all;
      const issues = Array.isArray(all) ? (all as Error[]).map(issue) : [issue(err)];
      return body(422, 'invalid_request', err.message, issues);
    }
    if (NOT_FOUND_ERROR_NAMES.has(err.name)) return body(404, 'not_found', err.message);
    if (CONFLICT_ERROR_NAMES.has(err.name)) return body(409, 'conflict', err.message);
  }
  // A driver's message may quote DATABASE_URL or REDIS_URL: the log never gets their password.
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  webLog().error(fields, `api: unexpected error ${detail}`);
  return body(500, 'internal', 'internal error; the server log has the details');
}

/** A key or message quoting a huge input is cut short: the answer need not echo the request. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.reason}` : i.reason)).join('; ');
}
