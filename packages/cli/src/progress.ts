import { violatedConstraints, type SweepSpec } from '@sweepwise/sweeps';
import {
  bestTrial,
  type SweepEvent,
  type SweepRunResult,
  type TrialView,
} from './in-memory/run-sweep.js';

/**
 * The sweep in the terminal: on a TTY a live block (progress bar, best value, leaderboard) redrawn
 * in place; elsewhere (CI logs, pipes) one line per finished trial. Both end with a summary.
 */

export const PROGRESS_DEFAULTS = {
  leaderboardRows: 5,
  redrawIntervalMs: 100,
  barWidth: 24,
} as const;

export function formatValue(value: number | null): string {
  if (value === null) return '-';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(3)
    : Number(value.toPrecision(4)).toString();
}

export function formatParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatValue(v) : String(v)}`)
    .join(' ');
}

/** A completed trial outside the sweep's constraints: never best, listed after the feasible ones. */
function infeasible(t: TrialView, spec: Pick<SweepSpec, 'constraints'>): boolean {
  return t.state === 'completed' && violatedConstraints(spec, t.metrics ?? null).length > 0;
}

/**
 * Best first; feasible completed trials by value, then infeasible completed ones, then the others
 * by their latest report.
 */
export function leaderboard(
  trials: readonly TrialView[],
  spec: Pick<SweepSpec, 'metric' | 'constraints'>,
  rows: number,
): TrialView[] {
  const score = (t: TrialView) =>
    t.value === null || Number.isNaN(t.value)
      ? Number.POSITIVE_INFINITY
      : spec.metric.goal === 'minimize'
        ? t.value
        : -t.value;
  const rank = (t: TrialView) => (t.state !== 'completed' ? 2 : infeasible(t, spec) ? 1 : 0);
  return [...trials].sort((a, b) => rank(a) - rank(b) || score(a) - score(b)).slice(0, rows);
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function leaderboardLines(
  trials: readonly TrialView[],
  body: SweepSpec,
  rows: number,
): string[] {
  const metric = body.metric.name;
  const top = leaderboard(trials, body, rows);
  if (top.length === 0) return [];
  const header = ` #  trial  state      ${metric.padEnd(10)} steps  params`;
  return [
    header,
    ...top.map(
      (t, i) =>
        `${String(i + 1).padStart(2)}  ${String(t.number).padStart(5)}  ${(infeasible(t, body) ? 'infeasible' : t.state).padEnd(9)}  ` +
        `${formatValue(t.value).padEnd(Math.max(10, metric.length))} ${String(t.step ?? '-').padStart(5)}  ` +
        formatParams(t.params),
    ),
  ];
}

export function summaryLines(result: SweepRunResult, body: SweepSpec): string[] {
  const count = (state: string) => result.trials.filter((t) => t.state === state).length;
  const lines = [
    `sweep ${body.name} ended (${result.ended}): ${result.trials.length} trials ` +
      `(${count('completed')} completed, ${count('pruned')} pruned, ${count('failed')} failed` +
      `${count('cancelled') ? `, ${count('cancelled')} cancelled` : ''}) in ${result.wallS.toFixed(1)} s, ` +
      `${result.stepsUsed} steps`,
  ];
  const best = result.best;
  lines.push(
    best
      ? `best ${body.metric.name} ${formatValue(best.value)} (trial ${best.number}): ${formatParams(best.params)}`
      : `no trial completed with a ${body.metric.name}`,
  );
  for (const t of result.trials.filter((t) => t.state === 'failed').slice(0, 3))
    lines.push(`trial ${t.number} failed: ${t.reason ?? 'no reason given'}`);
  return [...lines, ...leaderboardLines(result.trials, body, 10)];
}

export class ProgressView {
  private readonly trials = new Map<number, TrialView>();
  private readonly started = Date.now();
  private drawnLines = 0;
  private lastDraw = 0;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly body: SweepSpec,
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
  ) {}

  private get live(): boolean {
    return this.out.isTTY === true;
  }

  update(event: SweepEvent): void {
    this.trials.set(event.trial.number, event.trial);
    if (!this.live) {
      if (event.type === 'trial-finished') this.out.write(`${this.finishedLine(event.trial)}\n`);
      return;
    }
    const wait = PROGRESS_DEFAULTS.redrawIntervalMs - (Date.now() - this.lastDraw);
    if (wait <= 0) this.draw();
    else this.pending ??= setTimeout(() => this.draw(), wait);
  }

  finish(result: SweepRunResult): void {
    clearTimeout(this.pending);
    this.erase();
    this.out.write(`${summaryLines(result, this.body).join('\n')}\n`);
  }

  private finishedLine(t: TrialView): string {
    const metric = this.body.metric.name;
    const why = t.state === 'completed' || !t.reason ? '' : ` (${t.reason})`;
    return `trial ${t.number} ${t.state}: ${metric}=${formatValue(t.value)} after ${t.steps} steps${why}  ${formatParams(t.params)}`;
  }

  private erase(): void {
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}F\x1b[0J`);
    this.drawnLines = 0;
  }

  private draw(): void {
    this.pending = undefined;
    this.lastDraw = Date.now();
    const trials = [...this.trials.values()];
    const done = trials.filter((t) => t.state !== 'running').length;
    const count = (state: string) => trials.filter((t) => t.state === state).length;
    const total = this.body.budget.maxTrials;
    const filled = Math.round((done / total) * PROGRESS_DEFAULTS.barWidth);
    const bar = '█'.repeat(filled) + '░'.repeat(PROGRESS_DEFAULTS.barWidth - filled);
    const best = bestTrial(trials, this.body);
    const lines = [
      `${this.body.name} [${bar}] ${done}/${total} trials  ${count('running')} running  ` +
        `${count('pruned')} pruned  ${count('failed')} failed  ${elapsed(Date.now() - this.started)}`,
      best
        ? `best ${this.body.metric.name} ${formatValue(best.value)} (trial ${best.number})`
        : `best ${this.body.metric.name} -`,
      ...leaderboardLines(trials, this.body, PROGRESS_DEFAULTS.leaderboardRows),
    ];
    const width = (this.out as { columns?: number }).columns ?? 120;
    this.erase();
    this.out.write(`${lines.map((l) => l.slice(0, width - 1)).join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}
