import type { z } from 'zod';
import { refusalOf } from '../auth/guard';
import { mediaType } from '../auth/request-guards';
import { webEnv } from '../env';
import { requestLogFields } from '../log';
import { ApiError, errorResponse, invalid } from './errors';

type Params = Record<string, string>;
type Handler<P extends Params> = (req: Request, params: P) => Promise<unknown>;

/**
 * Wraps a route handler: checks the request's Host, credential and origin (the proxy did too;
 * a handler does not rely on it alone), turns the handler's result into JSON (a Response passes
 * through) and every error into the API's error shape (see errorResponse). `public` routes
 * (health, login) need no credential.
 */
export function route<P extends Params = Params>(
  handler: Handler<P>,
  options: { public?: boolean } = {},
) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    let params: P | undefined;
    try {
      const refusal = refusalOf(req, options.public ?? false);
      if (refusal) {
        const { status, code, message, field, reason } = refusal;
        throw new ApiError(status, code, message, [{ field, reason }]);
      }
      params = await ctx.params;
      const result = await handler(req, params);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err, requestLogFields(req, params));
    }
  };
}

/** Media types of JSON bodies; a route taking other kinds names them (see readSweepSpec). */
export const JSON_TYPES = ['application/json'];

/**
 * Reads a request body as text, refusing it past SWEEPWISE_MAX_BODY_BYTES, and refusing (415) a
 * body not sent as one of `types`: a browser sends another site's form or `text/plain` fetch
 * without asking first, JSON only after a preflight this server never approves.
 */
export async function readText(req: Request, types: readonly string[] = JSON_TYPES) {
  const type = mediaType(req.headers.get('content-type'));
  if (type && !types.includes(type)) throw unsupportedType(type, types);
  const limit = webEnv().SWEEPWISE_MAX_BODY_BYTES;
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const text = await req.text();
  if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
  if (!type && text.trim() !== '') throw unsupportedType('none', types);
  return text;
}

const unsupportedType = (type: string, types: readonly string[]) =>
  new ApiError(415, 'unsupported_media_type', `send the body as ${types.join(' or ')}`, [
    { field: 'content-type', reason: `${type} is not ${types.join(' or ')}` },
  ]);

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
