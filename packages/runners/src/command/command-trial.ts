import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ARGS_MACROS,
  argText,
  commandEnvValues,
  expandArgsMacro,
  type CommandEnv,
} from '@sweepwise/sweeps';
import { setLongTimeout } from '../long-timeout.js';

/**
 * Runs a user's own training command as one trial: fills `${param}` placeholders in the arguments
 * and environment, passes every parameter as SWEEPWISE_PARAM_<NAME> too, reads the metrics the
 * program prints as JSON lines on stdout (`{"step": 3, "val_loss": 0.41}`), asks the stopping rule
 * after each report and stops the process when the rule (or the time limit, or a cancel) says so.
 *
 * The answers go back on the child's stdin once it asks for them by printing LISTEN_LINE: one line
 * per report, `continue <step>` or `stop <step>`, in report order. A child that listens is trusted
 * to stop itself when told (python's `sweepwise.report` returns True): it gets the kill grace to
 * exit before SIGTERM. Any other child is stopped at once, as W&B's agent does.
 */

export type TrialParams = Record<string, unknown>;
export type ReportDecision = 'stop' | 'continue';

export interface CommandTrialOptions {
  program: string;
  /** Arguments, `${name}` placeholders filled from `params`. */
  args: readonly string[];
  /** The sweep's env (placeholders filled too; secret values given as they are): see childEnv. */
  env?: Readonly<CommandEnv>;
  params: TrialParams;
  trialId: string;
  trialNumber?: number;
  sweepId?: string;
  /** The working directory (default: this process'); see codeDir. */
  cwd?: string;
  /** Time limit in seconds; null or absent for none. */
  timeoutS?: number | null;
  /** Between SIGTERM and SIGKILL when the trial is stopped. */
  killGraceMs?: number;
  /** Called for each metrics line, one at a time, in order; 'stop' ends the process. */
  onReport(step: number, metrics: Record<string, number>): Promise<ReportDecision> | ReportDecision;
  /** Aborting cancels the trial (the process is stopped the same way). */
  signal?: AbortSignal;
}

export type CommandTrialStatus = 'completed' | 'stopped' | 'failed' | 'timeout' | 'cancelled';

export interface CommandTrialResult {
  status: CommandTrialStatus;
  /** The newest value of every metric reported, and the step of the last report. */
  lastMetrics: Record<string, number>;
  lastStep: number | null;
  reports: number;
  exitCode: number | null;
  /** The last lines the program wrote on stderr (kept for failed trials). */
  stderrTail: string[];
  /** Why a trial did not complete, as a sentence. */
  reason: string | null;
}

export const COMMAND_RUNNER_DEFAULTS = {
  killGraceMs: 5_000,
  stderrTailLines: 20,
  maxWaitingReports: 64,
} as const;

/** The line a child prints (once, before its reports) to receive the stop decisions on stdin. */
export const LISTEN_LINE = '{"sweepwise": "listen"}';

const PLACEHOLDER = /\$\{([A-Za-z0-9_.-]+)\}/g;

/** A placeholder naming no parameter of the trial, or another bad command setting. */
export class CommandTrialError extends Error {
  override name = 'CommandTrialError';
}

/** `${name}` replaced by the parameter's value; numbers keep full precision. */
export function fillPlaceholders(text: string, params: TrialParams, field: string): string {
  return text.replace(PLACEHOLDER, (macro: string, name: string) => {
    if ((ARGS_MACROS as readonly string[]).includes(macro) && !(name in params))
      throw new CommandTrialError(`${field}: ${macro} must be an argument of its own`);
    if (!(name in params))
      throw new CommandTrialError(
        `${field}: \${${name}} names no parameter of this trial (it has ${Object.keys(params).join(', ') || 'none'})`,
      );
    return argText(params[name]);
  });
}

/**
 * Where a worker runs commands, so relative paths in a sweep's command (`examples/python/train.py`)
 * mean the same on every machine: SWEEPWISE_CODE_DIR (`npm start` sets the repository root), else
 * the directory the worker or agent was started in.
 */
export function codeDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SWEEPWISE_CODE_DIR || process.cwd());
}

/** `optimizer.lr` -> `SWEEPWISE_PARAM_OPTIMIZER_LR`. */
export function paramEnvName(name: string): string {
  return `SWEEPWISE_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * A metrics report from one stdout line, or null for any other output (the program's own logs).
 * The step is `step` (or `epoch`); without one, it follows the previous report.
 */
export function parseReportLine(
  line: string,
  previousStep: number | null,
): { step: number; metrics: Record<string, number> } | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = parsed as Record<string, unknown>;
  const declared = fields.step ?? fields.epoch;
  const step = typeof declared === 'number' ? declared : (previousStep ?? 0) + 1;
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'step' || key === 'epoch') continue;
    // JSON has no NaN: a diverged run prints "NaN" or null; keep it as NaN so the rules see it.
    if (typeof value === 'number') metrics[key] = value;
    else if (value === 'NaN' || value === null) metrics[key] = Number.NaN;
  }
  return Object.keys(metrics).length > 0 ? { step, metrics } : null;
}

/**
 * What a child inherits from the worker: enough to find programs, format text and write temporary
 * files. Nothing else: the worker's DATABASE_URL, REDIS_URL, SWEEPWISE_API_TOKEN and any other
 * setting stay out of reach of the code a sweep runs.
 */
const INHERITED = new Set(['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'TMP', 'TEMP']);
const inherited = (name: string) => INHERITED.has(name) || name.startsWith('LC_');

/** The child's environment: the inherited part, the trial's SWEEPWISE_* variables, the sweep's env. */
export function childEnv(
  options: Pick<CommandTrialOptions, 'env' | 'params' | 'trialId' | 'trialNumber' | 'sweepId'>,
  parent: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(parent).filter(([name]) => inherited(name)),
  );
  for (const [name, value] of Object.entries(options.params))
    env[paramEnvName(name)] = typeof value === 'string' ? value : JSON.stringify(value);
  env.SWEEPWISE_PARAMS = JSON.stringify(options.params);
  env.SWEEPWISE_TRIAL_ID = options.trialId;
  // Tells the child that its stdin carries the answers once it prints LISTEN_LINE.
  env.SWEEPWISE_ANSWERS = 'stdin';
  if (options.trialNumber !== undefined) env.SWEEPWISE_TRIAL_NUMBER = String(options.trialNumber);
  if (options.sweepId !== undefined) env.SWEEPWISE_SWEEP_ID = options.sweepId;
  for (const [key, value] of Object.entries(commandEnvValues(options.env)))
    env[key] = fillPlaceholders(value, options.params, `env.${key}`);
  return env;
}

export async function runCommandTrial(options: CommandTrialOptions): Promise<CommandTrialResult> {
  const args = options.args.flatMap(
    (a, i) =>
      expandArgsMacro(a, options.params) ?? fillPlaceholders(a, options.params, `args[${i}]`),
  );
  const env = childEnv(options);
  const graceMs = options.killGraceMs ?? COMMAND_RUNNER_DEFAULTS.killGraceMs;

  const result: CommandTrialResult = {
    status: 'completed',
    lastMetrics: {},
    lastStep: null,
    reports: 0,
    exitCode: null,
    stderrTail: [],
    reason: null,
  };
  if (options.signal?.aborted) return { ...result, status: 'cancelled', reason: 'cancelled' };

  // Its own process group, so stopping a shell script also stops what the script started.
  const child = spawn(options.program, args, {
    cwd: options.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let ending: CommandTrialStatus | null = null;
  let exited = false;
  let killTimer: NodeJS.Timeout | undefined;
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  // A child that exited before reading its answers closes the pipe: nothing left to tell it.
  child.stdin.on('error', () => {});
  let listening = false;
  const answer = (decision: ReportDecision, step: number) => {
    if (listening && child.stdin.writable) child.stdin.write(`${decision} ${step}\n`);
  };
  const terminate = () => {
    signalGroup('SIGTERM');
    killTimer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  };
  /** `selfStop`: the child was told to stop and may exit on its own within the grace. */
  const end = (status: CommandTrialStatus, reason: string, selfStop = false) => {
    if (ending) return;
    ending = status;
    result.reason = reason;
    child.stdin.end();
    if (selfStop) killTimer = setTimeout(terminate, graceMs);
    else terminate();
  };

  const timeoutS = options.timeoutS ?? null;
  const timeLimit =
    timeoutS === null
      ? undefined
      : setLongTimeout(
          () => end('timeout', `time limit of ${timeoutS} s reached`),
          timeoutS * 1000,
        );
  const onAbort = () => end('cancelled', 'cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const stderrLines = createInterface({ input: child.stderr });
  stderrLines.on('line', (line) => {
    result.stderrTail.push(line);
    if (result.stderrTail.length > COMMAND_RUNNER_DEFAULTS.stderrTailLines)
      result.stderrTail.shift();
  });

  // Reports are handled one at a time, in order, while the program keeps running. Past a few
  // waiting reports (stored points stalled on Postgres), stdout is paused: the program blocks on
  // its next write instead of the reports piling up in memory.
  let reportChain: Promise<void> = Promise.resolve();
  let waitingReports = 0;
  let previousStep: number | null = null;
  const stdoutLines = createInterface({ input: child.stdout });
  stdoutLines.on('line', (line) => {
    if (line.trim() === LISTEN_LINE) {
      listening = true;
      return;
    }
    const report = parseReportLine(line, previousStep);
    if (!report) return;
    previousStep = report.step;
    if (++waitingReports >= COMMAND_RUNNER_DEFAULTS.maxWaitingReports) child.stdout.pause();
    reportChain = reportChain.then(async () => {
      if (--waitingReports === 0) child.stdout.resume();
      // Lines printed after a stop was decided are not part of the trial.
      if (ending) return;
      result.lastStep = report.step;
      result.reports += 1;
      Object.assign(result.lastMetrics, report.metrics);
      let decision: ReportDecision;
      try {
        decision = await options.onReport(report.step, report.metrics);
      } catch (err) {
        // A failing stopping rule fails the trial, not the runner.
        end('failed', `report handler failed: ${(err as Error).message}`);
        return;
      }
      answer(decision, report.step);
      // A program that already finished has nothing left to stop.
      if (decision === 'stop' && !exited)
        end('stopped', `stopped by the stopping rule at step ${report.step}`, listening);
    });
  });

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => {
      child.once('error', (err) => {
        result.stderrTail.push(err.message);
        resolve({ code: null, signal: null });
      });
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  exited = true;
  timeLimit?.clear();
  clearTimeout(killTimer);
  child.stdin.destroy();
  options.signal?.removeEventListener('abort', onAbort);
  await reportChain;

  result.exitCode = exit.code;
  if (ending) return { ...result, status: ending };
  if (exit.code === 0) return result;
  const how =
    exit.code === null
      ? exit.signal
        ? `killed by ${exit.signal}`
        : `could not start ${options.program}`
      : `exited with code ${exit.code}`;
  const last = result.stderrTail[result.stderrTail.length - 1];
  return { ...result, status: 'failed', reason: last ? `${how}: ${last}` : how };
}
