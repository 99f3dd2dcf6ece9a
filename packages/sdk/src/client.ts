/**
 * A typed client of the Sweepwise REST API (`/api/v1`), so a training loop written by the user
 * takes part in a sweep: ask for parameters, report each step, ask whether to stop, tell the result.
 * HTTP only: it runs anywhere `fetch` does.
 */

import type { components, paths } from './api-types.js';

// The API's types, generated from its OpenAPI document (src/api-types.ts, packages/sdk/openapi.json).
type Schemas = components['schemas'];
export type AskedTrial = Schemas['AskedTrial'];
export type StopAdvice = Schemas['StopAdvice'];
/** A sweep as the API takes it (docs/sweep-file.md); the server checks every field. */
export type SweepSpecInput = Schemas['SweepSpec'];
/** A sweep as the API returns it: its SweepSpec and status. */
export type Sweep = Schemas['Sweep'];
/** A sweep with its progress (GET /sweeps/:id). */
export type SweepDetail = Schemas['SweepDetail'];
/** A row of the sweep list: the sweep's metric, algorithm and budget beside its progress. */
export type SweepSummary = Schemas['SweepListItem'];
export type TrialSummary = Schemas['Trial'];
/** A trial with its sweep's header (GET /trials/:id). */
export type TrialWithSweep = Schemas['TrialWithSweep'];
export type FieldIssue = Schemas['FieldIssue'];
export type SweepStatus = Sweep['status'];
export type TrialState = TrialSummary['state'];
export type Direction = SweepSummary['metric']['goal'];
export type Params = AskedTrial['params'];
export type SweepAction = 'start' | 'pause' | 'resume' | 'cancel';

/** The final outcome of a trial: its objective value, or how it ended without one. */
export type TrialOutcome =
  | number
  | { value: number }
  | { state: 'failed' | 'pruned'; /** Why it failed, kept on the trial. */ error?: string };

export interface ClientOptions {
  /** Where the dashboard runs, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /**
   * Sent as a bearer token; every route needs one. Default: SWEEPWISE_API_TOKEN (the sdk reads no
   * files: the server's token is `apiToken` in its state file, ~/.sweepwise/state.json).
   */
  token?: string;
  /** Where that default is looked up (default: process.env). */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const CLIENT_DEFAULTS = { timeoutMs: 30_000 } as const;

/** A non-2xx answer: the status, and the server's message (which names the field at fault). */
export class SweepwiseApiError extends Error {
  override name = 'SweepwiseApiError';
  /** `{ error: { code, message, issues } }` from the API; empty for other answers. */
  readonly code: string | null;
  readonly issues: FieldIssue[];
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
  ) {
    const { code, message, issues } = errorOf(body);
    super(`${method} ${path} failed with ${status}: ${message}`);
    this.code = code;
    this.issues = issues;
  }
}

/** The API's error body `{ error: { code, message, issues } }`, or whatever else came back. */
function errorOf(body: unknown): { code: string | null; message: string; issues: FieldIssue[] } {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; issues?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : null,
      message: typeof e.message === 'string' ? e.message : 'no details',
      issues: Array.isArray(e.issues) ? (e.issues as FieldIssue[]) : [],
    };
  }
  if (typeof error === 'string') return { code: null, message: error, issues: [] };
  return {
    code: null,
    message: typeof body === 'string' && body ? body : 'no details',
    issues: [],
  };
}

export interface SweepwiseClient {
  /**
   * A new trial of the sweep, with the parameters to train with. `client` names who runs it (a
   * host, a notebook) in the trial table.
   */
  ask(sweepId: string, options?: { client?: string }): Promise<AskedTrial>;
  /** One intermediate result; the answer says whether the stopping rule wants the trial ended. */
  report(trialId: string, step: number, metrics: Record<string, number>): Promise<StopAdvice>;
  shouldStop(trialId: string): Promise<StopAdvice>;
  /** Keeps the trial between reports (a step longer than the workers' stale limit); whether to stop. */
  heartbeat(trialId: string): Promise<StopAdvice>;
  tell(trialId: string, outcome: TrialOutcome): Promise<void>;
  /** Creates a sweep from a SweepSpec, or from a YAML sweep file's text (the same keys). */
  createSweep(spec: SweepSpecInput | string, options?: { draft?: boolean }): Promise<Sweep>;
  /** Starts a draft, pauses, resumes or cancels a sweep. */
  setSweepStatus(sweepId: string, action: SweepAction): Promise<Sweep>;
  /** Archives a stopped sweep (it leaves the default list) or, with `false`, brings it back. */
  setSweepArchived(sweepId: string, archived: boolean): Promise<Sweep>;
  /** Deletes a sweep and everything under it; refused (409) while it runs: cancel it first. */
  deleteSweep(sweepId: string): Promise<void>;
  /** The sweep as a YAML sweep file. */
  exportSweep(sweepId: string): Promise<string>;
  listSweeps(): Promise<SweepSummary[]>;
  getSweep(sweepId: string): Promise<SweepDetail>;
  listTrials(sweepId: string): Promise<TrialSummary[]>;
  getTrial(trialId: string): Promise<TrialWithSweep>;
}

type Method = 'get' | 'post' | 'delete';
/** The operation at a path and method of the generated `paths`. */
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
/** What the operation takes as its JSON body (nothing: never). */
type BodyOf<O> = O extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
/** What it answers on success (200 or 201). */
type AnswerOf<O> = O extends { responses: infer R }
  ? { [S in keyof R & (200 | 201)]: JsonOf<R[S]> }[keyof R & (200 | 201)]
  : never;

interface Call<B> {
  /** Replaces `{id}` in the path. */
  id?: string;
  query?: Record<string, string | number | undefined>;
  body?: B;
  /** A YAML sweep file's text, sent instead of a JSON body. */
  yaml?: string;
  answer?: 'json' | 'text';
}

export function createClient(options: ClientOptions): SweepwiseClient {
  const base = new URL('/api/v1/', options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  const token = options.token ?? (options.env ?? process.env).SWEEPWISE_API_TOKEN;

  /**
   * One operation of the API, its path, body and answer typed by the generated `paths`: a change
   * of the API that the SDK does not follow fails its typecheck.
   */
  async function request<P extends keyof paths, M extends Method, O = Operation<P, M>>(
    method: M,
    path: P,
    call: Call<BodyOf<O>> = {},
  ): Promise<AnswerOf<O>> {
    let url = path.slice(1).replace('{id}', encodeURIComponent(call.id ?? ''));
    const query = Object.entries(call.query ?? {}).filter(([, v]) => v !== undefined);
    if (query.length > 0)
      url += `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)]))}`;
    const body = call.yaml ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined)
      headers['content-type'] = call.yaml === undefined ? 'application/json' : 'application/yaml';
    if (token) headers.authorization = `Bearer ${token}`;
    const verb = method.toUpperCase();
    const response = await doFetch(new URL(url, base), {
      method: verb,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = await response.text();
    if (response.ok && call.answer === 'text') return answer as AnswerOf<O>;
    let parsed: unknown = answer;
    try {
      parsed = answer ? JSON.parse(answer) : null;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the message.
    }
    if (!response.ok) throw new SweepwiseApiError(response.status, verb, `/api/v1/${url}`, parsed);
    return parsed as AnswerOf<O>;
  }

  const advice = (answer: Partial<StopAdvice> | null): StopAdvice => ({
    stop: answer?.stop === true,
    rule: answer?.rule ?? null,
    reason: answer?.reason ?? null,
  });

  return {
    ask: (sweepId, askOptions) =>
      request('post', '/sweeps/{id}/ask', { id: sweepId, body: { ...askOptions } }),
    report: async (trialId, step, metrics) =>
      advice(
        await request('post', '/trials/{id}/report', { id: trialId, body: { step, metrics } }),
      ),
    heartbeat: async (trialId) =>
      advice(await request('post', '/trials/{id}/heartbeat', { id: trialId })),
    shouldStop: async (trialId) =>
      advice(await request('get', '/trials/{id}/should-stop', { id: trialId })),
    tell: async (trialId, outcome) => {
      const body = typeof outcome === 'number' ? { value: outcome } : outcome;
      await request('post', '/trials/{id}/tell', { id: trialId, body });
    },
    createSweep: (spec, createOptions) =>
      request('post', '/sweeps', {
        query: { status: createOptions?.draft ? 'draft' : undefined },
        ...(typeof spec === 'string' ? { yaml: spec } : { body: spec }),
      }),
    setSweepStatus: (sweepId, action) =>
      request('post', `/sweeps/{id}/${action}`, { id: sweepId, body: {} }),
    setSweepArchived: (sweepId, archived) =>
      request('post', archived ? '/sweeps/{id}/archive' : '/sweeps/{id}/unarchive', {
        id: sweepId,
        body: {},
      }),
    deleteSweep: async (sweepId) => {
      await request('delete', '/sweeps/{id}', { id: sweepId });
    },
    exportSweep: (sweepId) =>
      request('get', '/sweeps/{id}/export', { id: sweepId, answer: 'text' }) as Promise<string>,
    listSweeps: async () => (await request('get', '/sweeps')).sweeps,
    getSweep: (sweepId) => request('get', '/sweeps/{id}', { id: sweepId }),
    listTrials: async (sweepId) => {
      // The API pages trials by number: `next` goes back as `after` until it is null.
      const trials: TrialSummary[] = [];
      let after: number | undefined;
      do {
        const page = await request('get', '/sweeps/{id}/trials', { id: sweepId, query: { after } });
        trials.push(...page.trials);
        after = page.next ?? undefined;
      } while (after !== undefined);
      return trials;
    },
    getTrial: async (trialId) => (await request('get', '/trials/{id}', { id: trialId })).trial,
  };
}

/**
 * The client and trial of a command trial: the runner sets SWEEPWISE_TRIAL_ID; it passes on none
 * of the worker's settings, so SWEEPWISE_API_URL and SWEEPWISE_API_TOKEN come from the sweep's
 * `command.env` (the token as a secret value).
 */
export function trialFromEnv(env: Record<string, string | undefined> = process.env): {
  client: SweepwiseClient;
  trialId: string;
} {
  const baseUrl = env.SWEEPWISE_API_URL;
  const trialId = env.SWEEPWISE_TRIAL_ID;
  if (!baseUrl) throw new Error('SWEEPWISE_API_URL is not set');
  if (!trialId) throw new Error('SWEEPWISE_TRIAL_ID is not set');
  return { client: createClient({ baseUrl, env }), trialId };
}
