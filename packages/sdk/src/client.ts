/**
 * A typed client of the Sweepwise REST API (`/api/v1`), so a training loop written by the user
 * takes part in a sweep: ask for parameters, report each step, ask whether to stop, tell the result.
 * HTTP only: it runs anywhere `fetch` does.
 */

export type Direction = 'minimize' | 'maximize';
export type SweepStatus = 'draft' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
export type TrialState = 'queued' | 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
export type Params = Record<string, unknown>;
export type SweepAction = 'start' | 'pause' | 'resume' | 'cancel';

export interface AskedTrial {
  trialId: string;
  number: number;
  params: Params;
}

export interface StopAdvice {
  stop: boolean;
  rule: string | null;
  reason: string | null;
}

/**
 * A sweep as the API takes it: the server's SweepSpec (docs/sweep-file.md), which checks every
 * field; this type only helps a caller write one.
 */
export interface SweepSpecInput {
  name: string;
  workload:
    | { engine: Record<string, unknown> }
    | {
        command: {
          program: string;
          args?: string[];
          env?: Record<string, string>;
          timeoutS?: number | null;
        };
      }
    | { builtin: { objective: string; steps?: number; stepSeconds?: number } }
    /** Ask/tell only: this client's loop runs the trials, no worker claims them. */
    | { external: Record<string, never> };
  metric: { name: string; goal: Direction };
  parameters: Record<string, Record<string, unknown>>;
  algorithm: { type: string; seed?: number; [setting: string]: unknown };
  stopper?: { type: string; [setting: string]: unknown } | null;
  budget: { maxTrials: number; maxConcurrentTrials?: number; maxWallTimeS?: number | null };
}

export interface SweepSummary {
  id: string;
  name: string;
  status: SweepStatus;
  metric: { name: string; goal: Direction };
  algorithm: { type: string };
  budget: { maxTrials: number };
  createdAt: string;
  [field: string]: unknown;
}

export interface TrialSummary {
  id: string;
  sweepId: string;
  number: number;
  params: Params;
  state: TrialState;
  value: number | null;
  metrics: Record<string, unknown> | null;
  [field: string]: unknown;
}

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

/** One reason the server refused a request, pointing at the field at fault. */
export interface FieldIssue {
  field: string;
  reason: string;
}

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
  tell(trialId: string, outcome: TrialOutcome): Promise<void>;
  /** Creates a sweep from a SweepSpec, or from a YAML sweep file's text (the same keys). */
  createSweep(spec: SweepSpecInput | string, options?: { draft?: boolean }): Promise<SweepSummary>;
  /** Starts a draft, pauses, resumes or cancels a sweep. */
  setSweepStatus(sweepId: string, action: SweepAction): Promise<SweepSummary>;
  /** Archives a stopped sweep (it leaves the default list) or, with `false`, brings it back. */
  setSweepArchived(sweepId: string, archived: boolean): Promise<SweepSummary>;
  /** Deletes a sweep and everything under it; refused (409) while it runs: cancel it first. */
  deleteSweep(sweepId: string): Promise<void>;
  /** The sweep as a YAML sweep file. */
  exportSweep(sweepId: string): Promise<string>;
  listSweeps(): Promise<SweepSummary[]>;
  getSweep(sweepId: string): Promise<SweepSummary>;
  listTrials(sweepId: string): Promise<TrialSummary[]>;
  getTrial(trialId: string): Promise<TrialSummary>;
}

export function createClient(options: ClientOptions): SweepwiseClient {
  const base = new URL('/api/v1/', options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  const token = options.token ?? (options.env ?? process.env).SWEEPWISE_API_TOKEN;

  /** JSON in and out; a string body is sent as YAML (a sweep file). */
  async function request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    answer: 'json' | 'text' = 'json',
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined)
      headers['content-type'] = typeof body === 'string' ? 'application/yaml' : 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await doFetch(new URL(path, base), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.ok && answer === 'text') return text as T;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the message.
    }
    if (!response.ok)
      throw new SweepwiseApiError(response.status, method, `/api/v1/${path}`, parsed);
    return parsed as T;
  }

  const id = (value: string) => encodeURIComponent(value);
  const advice = (answer: Partial<StopAdvice> | null): StopAdvice => ({
    stop: answer?.stop === true,
    rule: answer?.rule ?? null,
    reason: answer?.reason ?? null,
  });

  return {
    ask: (sweepId, askOptions) =>
      request<AskedTrial>('POST', `sweeps/${id(sweepId)}/ask`, { ...askOptions }),
    report: async (trialId, step, metrics) =>
      advice(await request('POST', `trials/${id(trialId)}/report`, { step, metrics })),
    shouldStop: async (trialId) =>
      advice(await request('GET', `trials/${id(trialId)}/should-stop`)),
    tell: async (trialId, outcome) => {
      const body = typeof outcome === 'number' ? { value: outcome } : outcome;
      await request('POST', `trials/${id(trialId)}/tell`, body);
    },
    createSweep: (spec, createOptions) =>
      request('POST', `sweeps${createOptions?.draft ? '?status=draft' : ''}`, spec),
    setSweepStatus: (sweepId, action) => request('POST', `sweeps/${id(sweepId)}/${action}`, {}),
    setSweepArchived: (sweepId, archived) =>
      request('POST', `sweeps/${id(sweepId)}/${archived ? 'archive' : 'unarchive'}`, {}),
    deleteSweep: async (sweepId) => {
      await request('DELETE', `sweeps/${id(sweepId)}`);
    },
    exportSweep: (sweepId) =>
      request<string>('GET', `sweeps/${id(sweepId)}/export`, undefined, 'text'),
    listSweeps: async () => unwrap(await request('GET', 'sweeps'), 'sweeps'),
    getSweep: async (sweepId) => unwrapOne(await request('GET', `sweeps/${id(sweepId)}`), 'sweep'),
    listTrials: async (sweepId) => {
      // The API pages trials by number: `next` goes back as `after` until it is null.
      const trials: TrialSummary[] = [];
      let after: number | null = null;
      do {
        const query: string = after === null ? '' : `?after=${after}`;
        const page = await request<unknown>('GET', `sweeps/${id(sweepId)}/trials${query}`);
        trials.push(...unwrap<TrialSummary>(page, 'trials'));
        const next = (page as { next?: unknown } | null)?.next;
        after = typeof next === 'number' ? next : null;
      } while (after !== null);
      return trials;
    },
    getTrial: async (trialId) => unwrapOne(await request('GET', `trials/${id(trialId)}`), 'trial'),
  };
}

/** Lists come as a bare array or as `{ <name>: [...] }`. */
function unwrap<T>(answer: unknown, key: string): T[] {
  if (Array.isArray(answer)) return answer as T[];
  const inner = (answer as Record<string, unknown> | null)?.[key];
  if (Array.isArray(inner)) return inner as T[];
  throw new Error(`unexpected answer: expected a list of ${key}`);
}

function unwrapOne<T>(answer: unknown, key: string): T {
  const inner = (answer as Record<string, unknown> | null)?.[key];
  return (typeof inner === 'object' && inner !== null ? inner : answer) as T;
}

/**
 * The client and trial of a command started by a Sweepwise agent: the runner sets
 * SWEEPWISE_API_URL, SWEEPWISE_API_TOKEN and SWEEPWISE_TRIAL_ID for the program it starts.
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
