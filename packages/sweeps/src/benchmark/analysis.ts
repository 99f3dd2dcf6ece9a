// What a benchmark sweep's trials say, the AlgoPerf way (Dahl et al. 2023, "Benchmarking Neural
// Network Training Algorithms", §4): per workload and training algorithm, the time each seed
// takes to reach the workload's validation target, the median over seeds, mean ± sd curves, final
// generalization and its spread, sensitivity to the learning rate; across workloads, performance
// profiles and the benchmark score. Pure arithmetic over plain data, browser-safe.

/** One curve point of a trial: an epoch's metrics and the training seconds it ended at. */
export interface BenchmarkPoint {
  step: number;
  wallS: number;
  metrics: Readonly<Record<string, number>>;
}

/** A trial of a benchmark sweep, named by its (algorithm, workload, seed, lrFactor). */
export interface BenchmarkTrial {
  id: string;
  number: number;
  algorithm: string;
  workload: string;
  seed: number;
  lrFactor: number;
  state: string;
  /** In step order. */
  curve: readonly BenchmarkPoint[];
  /** The trial's final metrics (the engine's best epoch); null while it runs. */
  final: Readonly<Record<string, number>> | null;
}

/** A workload's validation target: its metric at or above `min`, or at or below `max`. */
export interface BenchmarkTarget {
  metric: string;
  min?: number;
  max?: number;
}

/** The trials of one algorithm on one workload, by how they did. */
export interface SeedResult {
  seed: number;
  trialId: string;
  number: number;
  state: string;
  /** First step (epoch) whose validation metric met the target; null if none did. */
  stepsToTarget: number | null;
  secondsToTarget: number | null;
  /** The target metric's final value. */
  finalVal: number | null;
}

/** One learning-rate factor's seeds of a (workload, algorithm) pair, summarized. */
interface FactorSummary {
  lrFactor: number;
  seeds: SeedResult[];
  reached: number;
  /** Medians over the seeds, a miss counting as infinite (AlgoPerf's rule): null when infinite. */
  medianStepsToTarget: number | null;
  medianSecondsToTarget: number | null;
  finalValMean: number | null;
  finalValSd: number | null;
}

/** A (workload, algorithm) pair at the best learning-rate factor tried (see bestFactor). */
export interface BenchmarkRow extends FactorSummary {
  workload: string;
  algorithm: string;
  /** The final metric's mean per learning-rate factor tried, and their spread (max - min). */
  sensitivity: { lrFactor: number; finalValMean: number | null }[];
  sensitivitySpread: number | null;
}

/** Trials that have ended count as seeds; running and cancelled ones do not (yet). */
const ENDED = new Set(['completed', 'pruned', 'failed']);

/** Whether `value` meets `target`. */
export function meetsTarget(target: BenchmarkTarget, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return target.min !== undefined ? value >= target.min : value <= target.max!;
}

/** The first curve point that meets the target, or null. */
export function reachedAt(
  curve: readonly BenchmarkPoint[],
  target: BenchmarkTarget,
): BenchmarkPoint | null {
  return (
    curve.find(
      (p) =>
        p.metrics[target.metric] !== undefined && meetsTarget(target, p.metrics[target.metric]),
    ) ?? null
  );
}

/** The median, misses being +Infinity; null when it is infinite or there is nothing. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Number.isFinite(median) ? median : null;
}

/** Mean and sample standard deviation (n - 1; 0 for one value); nulls for none. */
export function meanSd(values: readonly number[]): { mean: number | null; sd: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

function finalValOf(trial: BenchmarkTrial, metric: string): number | null {
  const v = trial.final?.[metric] ?? trial.curve.at(-1)?.metrics[metric];
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function seedResult(trial: BenchmarkTrial, target: BenchmarkTarget): SeedResult {
  const at = reachedAt(trial.curve, target);
  return {
    seed: trial.seed,
    trialId: trial.id,
    number: trial.number,
    state: trial.state,
    stepsToTarget: at?.step ?? null,
    secondsToTarget: at?.wallS ?? null,
    finalVal: finalValOf(trial, target.metric),
  };
}

function summarizeFactor(lrFactor: number, seeds: SeedResult[]): FactorSummary {
  const inf = (v: number | null) => v ?? Infinity;
  const finals = seeds.flatMap((s) => (s.finalVal === null ? [] : [s.finalVal]));
  const { mean, sd } = meanSd(finals);
  return {
    lrFactor,
    seeds,
    reached: seeds.filter((s) => s.stepsToTarget !== null).length,
    medianStepsToTarget: medianOf(seeds.map((s) => inf(s.stepsToTarget))),
    medianSecondsToTarget: medianOf(seeds.map((s) => inf(s.secondsToTarget))),
    finalValMean: mean,
    finalValSd: sd,
  };
}

/**
 * The factor a row reports, as AlgoPerf's external tuning keeps the best of its tuning trials: the
 * most seeds at target, then the shortest median time, then the best final metric.
 */
function bestFactor(factors: FactorSummary[], target: BenchmarkTarget): FactorSummary {
  const sign = target.min !== undefined ? -1 : 1;
  const key = (f: FactorSummary) => [
    -f.reached,
    f.medianSecondsToTarget ?? Infinity,
    f.finalValMean === null ? Infinity : sign * f.finalValMean,
  ];
  return [...factors].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const i = ka.findIndex((v, j) => v !== kb[j]);
    return i < 0 ? 0 : ka[i] - kb[i];
  })[0];
}

/**
 * One row per (workload, algorithm) that has ended trials, in the order given: ended trials count
 * as seeds (a failed or pruned one that never met the target is a miss).
 */
export function benchmarkRows(
  workloads: readonly { name: string; target: BenchmarkTarget }[],
  algorithms: readonly string[],
  trials: readonly BenchmarkTrial[],
): BenchmarkRow[] {
  const rows: BenchmarkRow[] = [];
  for (const w of workloads) {
    for (const algorithm of algorithms) {
      const mine = trials.filter(
        (t) => t.workload === w.name && t.algorithm === algorithm && ENDED.has(t.state),
      );
      if (mine.length === 0) continue;
      const factors = [...new Set(mine.map((t) => t.lrFactor))]
        .sort((a, b) => a - b)
        .map((f) =>
          summarizeFactor(
            f,
            mine
              .filter((t) => t.lrFactor === f)
              .sort((a, b) => a.seed - b.seed)
              .map((t) => seedResult(t, w.target)),
          ),
        );
      const best = bestFactor(factors, w.target);
      const means = factors.flatMap((f) => (f.finalValMean === null ? [] : [f.finalValMean]));
      rows.push({
        workload: w.name,
        algorithm,
        ...best,
        sensitivity: factors.map((f) => ({ lrFactor: f.lrFactor, finalValMean: f.finalValMean })),
        sensitivitySpread: means.length > 1 ? Math.max(...means) - Math.min(...means) : null,
      });
    }
  }
  return rows;
}

/** A mean ± sd curve: at each x, over the seeds that have a value there. */
export interface BandPoint {
  x: number;
  mean: number;
  sd: number;
  n: number;
}

/** Points of the wall-time grid a band is drawn on. */
export const WALL_GRID_POINTS = 50;

/**
 * The mean ± sd of `metric` over trials, by step (the seeds that ran that epoch) or by wall time (on
 * an even grid up to the longest run; each seed's latest point at or before t, its final one past
 * its end, since the run's model stays what it was).
 */
export function bandOf(
  trials: readonly Pick<BenchmarkTrial, 'curve'>[],
  metric: string,
  axis: 'step' | 'wall',
): BandPoint[] {
  const curves = trials.map((t) =>
    t.curve.filter((p) => p.metrics[metric] !== undefined && Number.isFinite(p.metrics[metric])),
  );
  const band = (x: number, values: number[]): BandPoint[] => {
    const { mean, sd } = meanSd(values);
    return mean === null ? [] : [{ x, mean, sd: sd!, n: values.length }];
  };
  if (axis === 'step') {
    const steps = [...new Set(curves.flatMap((c) => c.map((p) => p.step)))].sort((a, b) => a - b);
    return steps.flatMap((s) =>
      band(
        s,
        curves.flatMap((c) => c.filter((p) => p.step === s).map((p) => p.metrics[metric])),
      ),
    );
  }
  const end = Math.max(0, ...curves.flatMap((c) => c.map((p) => p.wallS)));
  if (end === 0) return [];
  return Array.from(
    { length: WALL_GRID_POINTS },
    (_, i) => (end * (i + 1)) / WALL_GRID_POINTS,
  ).flatMap((t) =>
    band(
      t,
      curves.flatMap((c) => {
        const last = c.filter((p) => p.wallS <= t).at(-1);
        return last ? [last.metrics[metric]] : [];
      }),
    ),
  );
}

/**
 * AlgoPerf's largest performance ratio: profiles are drawn and scored for τ in [1, r_max] (Dahl et
 * al. 2023, §4.5, r_max = 4).
 */
export const PROFILE_MAX_RATIO = 4;

export interface PerformanceProfile {
  algorithm: string;
  /** Per workload, time / the fastest algorithm's time (Infinity: missed, or nobody reached). */
  ratios: Record<string, number>;
  /** Where ρ(τ) steps up, τ in [1, r_max], with its value from there on. */
  steps: { tau: number; rho: number }[];
  /** The area under ρ over [1, r_max], divided by r_max - 1: 1 is fastest on every workload. */
  score: number;
}

/**
 * Performance profiles (Dolan & Moré 2002, as AlgoPerf uses them): for each algorithm, ρ(τ) is the
 * fraction of workloads on which its time to target is within a factor τ of the fastest
 * algorithm's; a miss is infinite. The benchmark score is (1 / (r_max - 1)) ∫_1^{r_max} ρ(τ) dτ
 * (Dahl et al. 2023, §4.5), here exact: each workload at ratio r <= r_max adds (r_max - r) / (r_max - 1).
 * `times` holds every (workload, algorithm); one absent counts as a miss.
 */
export function performanceProfiles(
  workloads: readonly string[],
  algorithms: readonly string[],
  times: readonly { workload: string; algorithm: string; time: number | null }[],
): PerformanceProfile[] {
  const timeOf = (w: string, a: string) =>
    times.find((t) => t.workload === w && t.algorithm === a)?.time ?? Infinity;
  const fastest = new Map(
    workloads.map((w) => [w, Math.min(...algorithms.map((a) => timeOf(w, a)))]),
  );
  const r = PROFILE_MAX_RATIO;
  return algorithms.map((algorithm) => {
    const ratios: Record<string, number> = {};
    for (const w of workloads) {
      const best = fastest.get(w)!;
      ratios[w] = Number.isFinite(best) ? timeOf(w, algorithm) / best : Infinity;
    }
    const within = Object.values(ratios)
      .filter((x) => x <= r)
      .sort((a, b) => a - b);
    const n = workloads.length;
    const steps = [...new Set(within)].map((tau) => ({
      tau,
      rho: within.filter((x) => x <= tau).length / n,
    }));
    const score = n === 0 ? 0 : within.reduce((s, x) => s + (r - x) / (r - 1), 0) / n;
    return { algorithm, ratios, steps, score };
  });
}

/** ρ(τ) of a profile. */
export function profileAt(profile: Pick<PerformanceProfile, 'steps'>, tau: number): number {
  return profile.steps.filter((s) => s.tau <= tau).at(-1)?.rho ?? 0;
}
