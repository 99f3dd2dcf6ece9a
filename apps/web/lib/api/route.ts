import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { webEnv } from '../env';
import { ApiError, errorResponse, invalid } from './errors';

type Params = Record<string, string>;
type Handler<P extends Params> = (req: Request, params: P) => Promise<unknown>;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps a route handler: refuses unauthenticated writes when a token is configured, turns the
 * handler's result into JSON (a Response passes through) and every error into the API's error
 * shape (see errorResponse).
 */
export function route<P extends Params = Params>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      if (!READ_METHODS.has(req.method)) requireToken(req);
      const result = await handler(req, await ctx.params);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

function requireToken(req: Request): void {
  const token = webEnv().SWEEPWISE_API_TOKEN;
  if (!token) return;
  const header = req.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ApiError(
      401,
      'unauthorized',
      'writes need Authorization: Bearer <SWEEPWISE_API_TOKEN>',
      [{ field: 'authorization', reason: given ? 'token does not match' : 'missing bearer token' }],
    );
  }
}

/** Reads a request body as text, refusing it past SWEEPWISE_MAX_BODY_BYTES. */
export async function readText(req: Request): Promise<string> {
  const limit = webEnv().SWEEPWISE_MAX_BODY_BYTES;
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const text = await req.text();
  if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
  return text;
}

/**
 * Deepest nesting of a body. Real bodies nest about 6 levels; V8 parses any depth but cloning or
 * serializing 10,000 levels overflows the stack, so deeper text is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests arrays and objects deeper than `max`: one pass, no recursion. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip a string, escapes included
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Parses a JSON body; an empty body is an empty object (POSTs with no options). */
export function parseJson(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw invalid('body', `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw invalid('body', `is not JSON (${(err as Error).message})`);
  }
}

/** Reads a JSON body within the size limit and validates it with `schema`. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return schema.parse(parseJson(await readText(req)));
}

const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `request body over ${limit} bytes`, [
    { field: 'body', reason: `larger than ${limit} bytes` },
  ]);

/** Validates the query string with `schema` (every value a string, as sent). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}
