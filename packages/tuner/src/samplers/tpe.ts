// Tree-structured Parzen estimator (Bergstra et al. 2011; the components and defaults as Watanabe
// 2023, arXiv:2304.11127, describes them and Optuna's TPESampler implements them). Each ask:
//   1. splits the observed trials into the γ-best "below" and the rest "above": one objective by
//      value (pruned trials after completed ones, deeper first), several objectives by
//      non-domination rank with the last rank cut by greedy hypervolume subset selection (MOTPE:
//      Ozaki et al. 2020, "Multiobjective tree-structured Parzen estimator for computationally
//      expensive optimization problems", GECCO; 2022, JAIR 73); with constraints, feasible trials
//      first and the least violating after them (Optuna's constraints_func rule);
//   2. fits a Parzen estimator l to below (MOTPE: each weighted by its hypervolume contribution)
//      and g to above (older trials ramped down);
//   3. draws `candidates` points from l and returns the one maximizing log l − log g.
// Multivariate by default, per group of parameters that always appear together (Optuna's group
// decomposition), so a conditional space is one joint model per branch; the split is made once over
// all trials and each group models the trials of each side that have it. Running trials join
// "above" (the constant liar), so parallel workers are sent elsewhere. State: the start-up sampler.

import { decodeCompact, encodeCompact, encodingOf } from '../encoding.js';
import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings, type OptionsOf } from '../settings.js';
import { nonDominatedSort } from '../pareto/dominance.js';
import { hypervolume } from '../pareto/hypervolume.js';
import { levels } from '../space.js';
import { ParzenEstimator, type ParzenDim, type ParzenOptions } from '../tpe/parzen-estimator.js';
import { lossesOf, type CurvePoint, type Direction, type FrozenTrial } from '../trial.js';
import { createStartupSampler, startupSetting } from './gp.js';
import { avoidPending } from './pending.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';

// Maxima keep one ask within milliseconds: each candidate costs one pass over the kernels.
export const TPE_SETTINGS = defineSettings({
  startup: startupSetting('random', 'Sampler of the first trials; Optuna draws them at random.'),
  startupTrials: {
    kind: 'int',
    default: 10,
    min: 1,
    max: OPTION_LIMITS.trials,
    help: "Finished trials before TPE takes over (Optuna's n_startup_trials: 10).",
  },
  candidates: {
    kind: 'int',
    default: 24,
    min: 1,
    max: 10_000,
    help: "Points drawn from l per ask (Optuna's n_ei_candidates: 24).",
  },
  gamma: {
    kind: 'real',
    default: 0.1,
    above: 0,
    max: 1,
    help: '"below" holds min(⌈gamma · n⌉, gammaMax) trials (Optuna\'s default_gamma: 0.1).',
  },
  gammaMax: {
    kind: 'int',
    default: 25,
    min: 1,
    max: OPTION_LIMITS.trials,
    help: 'Most trials in "below" (Optuna\'s default_gamma: 25).',
  },
  priorWeight: {
    kind: 'real',
    default: 1.0,
    above: 0,
    max: 1e6,
    help: "Weight of the prior kernel (Optuna's prior_weight: 1).",
  },
  magicClip: { kind: 'bool', default: true, help: "Optuna's consider_magic_clip (default on)." },
  endpoints: {
    kind: 'bool',
    default: false,
    help: "Optuna's consider_endpoints (univariate bandwidths only; default off).",
  },
  // Optuna defaults to false; Watanabe 2023 (§4) finds multivariate kernels better on most benchmarks.
  multivariate: {
    kind: 'bool',
    default: true,
    help: 'One joint kernel per group of parameters (Watanabe 2023, §4: better on most benchmarks).',
  },
  constantLiar: {
    kind: 'bool',
    default: true,
    help: "Running trials count as the worst results (Optuna's constant_liar).",
  },
  // Off by default (Optuna 3.1's rule). 'hyperopt' is the bandwidth of Watanabe 2023's recommended
  // setting (Table 6; the default bandwidth_strategy of its OptunaHub tpe_tutorial sampler, which
  // applies it to multivariate kernels too).
  bandwidth: {
    kind: 'enum',
    choices: ['optuna', 'hyperopt'] as const,
    default: 'optuna',
    help: "'optuna': Optuna 3.1's multivariate 0.2 · n^(-1/(d+4)); 'hyperopt': gaps to sorted neighbours in every mode (Watanabe 2023).",
  },
});

export const TPE_DEFAULTS = defaultsOf(TPE_SETTINGS);
export type TpeOptions = OptionsOf<typeof TPE_SETTINGS>;

/** Observations after this many get full weight in "above"; older ones ramp down (Optuna). */
const FLAT_WEIGHTS = 25;
/** Zero in a reference point or a weight becomes this (Optuna's EPS). */
const EPS = 1e-12;

function resolveTpeOptions(given: Readonly<Record<string, unknown>>): TpeOptions {
  return resolveSettings('tpe sampler', TPE_SETTINGS, given);
}

/** Optuna's default_weights: ones for the newest 25, a linear ramp from 1/n for the older ones. */
export function tpeWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  const ramp = n - FLAT_WEIGHTS;
  for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + (i * (1 - 1 / n)) / (ramp - 1);
  return w;
}

/** Size of "below" among n observed trials: Optuna's default_gamma, min(⌈gamma · n⌉, gammaMax). */
export function belowCount(n: number, gamma: number, gammaMax: number): number {
  return Math.min(Math.ceil(gamma * n), gammaMax);
}

/** One observed trial as TPE sees it. */
export interface TpeObservation {
  readonly trial: FrozenTrial;
  /** Losses (minimized) when completed. */
  readonly losses?: readonly number[];
}

/**
 * The indices of `observations` that form "below" (ascending), the γ-best under the rules in the
 * file comment. Running trials must not be passed: they always go above.
 */
export function splitBelow(
  observations: readonly TpeObservation[],
  nBelow: number,
  direction: Direction = 'minimize',
): number[] {
  const n = observations.length;
  if (nBelow >= n) return observations.map((_, i) => i);
  const violation = observations.map((o) => o.trial.violation ?? 0);
  const indices = violation.map((_, i) => i);
  if (violation.some((v) => v > 0)) {
    // Fewer than nBelow + 1 feasible: below is the least violating (feasible ones first).
    const byViolation = [...indices].sort((a, b) => violation[a] - violation[b] || a - b);
    if (violation[byViolation[nBelow]] > 0) {
      return byViolation.slice(0, nBelow).sort((a, b) => a - b);
    }
  }
  const feasible = indices.filter((i) => violation[i] === 0);
  const objectives = observations.find((o) => o.losses)?.losses?.length ?? 1;
  if (objectives > 1) {
    const completed = feasible.filter((i) => observations[i].losses);
    return splitByRank(completed, observations, nBelow).sort((a, b) => a - b);
  }
  // Completed by loss, then pruned deeper first and by their value at the deepest step (as a loss:
  // Optuna's sampler.py `_get_observation_pairs` scores `signs[0] * intermediate_value`), then
  // pruned unreported.
  const sign = direction === 'minimize' ? 1 : -1;
  const tier = new Float64Array(n);
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  observations.forEach((o, i) => {
    if (o.losses) {
      second[i] = o.losses[0];
      return;
    }
    let deepest: CurvePoint | undefined;
    for (const p of o.trial.intermediate) if (!deepest || p[0] >= deepest[0]) deepest = p;
    if (!deepest) tier[i] = 2;
    else {
      tier[i] = 1;
      first[i] = -deepest[0];
      second[i] = Number.isNaN(deepest[1]) ? Infinity : sign * deepest[1];
    }
  });
  const before = (a: number, b: number) =>
    tier[a] - tier[b] || first[a] - first[b] || second[a] - second[b] || a - b;
  // The nBelow smallest by insertion into a short sorted list: one pass, since nBelow <= gammaMax.
  const best: number[] = [];
  for (const i of feasible) {
    if (best.length === nBelow && before(i, best[nBelow - 1]) >= 0) continue;
    let at = best.length === nBelow ? nBelow - 1 : best.length;
    while (at > 0 && before(i, best[at - 1]) < 0) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best.sort((a, b) => a - b);
}

/** Whole non-domination ranks while they fit, the next rank cut by greedy HSSP (Optuna's MOTPE). */
function splitByRank(
  candidates: readonly number[],
  observations: readonly TpeObservation[],
  nBelow: number,
): number[] {
  const losses = candidates.map((i) => observations[i].losses!);
  const chosen: number[] = [];
  for (const front of nonDominatedSort(losses)) {
    if (chosen.length + front.length <= nBelow) {
      chosen.push(...front.map((f) => candidates[f]));
      continue;
    }
    const need = nBelow - chosen.length;
    if (need > 0) {
      const picked = greedyHypervolumeSubset(
        front.map((f) => losses[f]),
        need,
      );
      chosen.push(...picked.map((p) => candidates[front[p]]));
    }
    break;
  }
  return chosen;
}

/** Optuna's reference for local hypervolumes: the worst point pushed out by 10%, zeros to EPS. */
function localReference(points: readonly (readonly number[])[]): number[] {
  return points[0].map((_, k) => {
    const worst = Math.max(...points.map((p) => p[k]));
    const r = Math.max(1.1 * worst, 0.9 * worst);
    return r === 0 ? EPS : r;
  });
}

/**
 * Greedy hypervolume subset selection (Guerreiro, Fonseca & Paquete 2016, "Greedy hypervolume
 * subset selection in low dimensions", the (1 − 1/e)-approximation Optuna's `_solve_hssp` uses):
 * repeatedly the point adding the most hypervolume, contributions updated exactly.
 */
export function greedyHypervolumeSubset(
  points: readonly (readonly number[])[],
  k: number,
): number[] {
  const reference = localReference(points);
  const contribution = points.map((p) => hypervolume([p], reference));
  const selected: (readonly number[])[] = [];
  const picked: number[] = [];
  let volume = 0;
  while (picked.length < k) {
    let best = -1;
    for (let i = 0; i < points.length; i++) {
      if (contribution[i] >= 0 && (best < 0 || contribution[i] > contribution[best])) best = i;
    }
    contribution[best] = -1;
    const s = points[best];
    for (let j = 0; j < points.length; j++) {
      if (contribution[j] < 0) continue;
      const overlap = points[j].map((v, m) => Math.max(v, s[m]));
      contribution[j] -= hypervolume([...selected, overlap], reference) - volume;
    }
    selected.push(s);
    picked.push(best);
    volume = hypervolume(selected, reference);
  }
  return picked;
}

/**
 * MOTPE's weights of the below trials (Optuna's `_calculate_weights_below_for_multi_objective`):
 * each feasible one's exclusive hypervolume contribution over the largest, infeasible ones EPS.
 */
export function hypervolumeWeights(below: readonly TpeObservation[]): Float64Array {
  const weights = new Float64Array(below.length).fill(EPS);
  const feasible = below.flatMap((o, i) => ((o.trial.violation ?? 0) === 0 && o.losses ? [i] : []));
  if (feasible.length === 1) weights[feasible[0]] = 1;
  if (feasible.length < 2) return weights;
  const points = feasible.map((i) => below[i].losses!);
  const reference = localReference(points);
  const total = hypervolume(points, reference);
  const contributions = points.map(
    (_, i) =>
      total -
      hypervolume(
        points.filter((__, j) => j !== i),
        reference,
      ) +
      EPS,
  );
  const max = Math.max(...contributions);
  feasible.forEach((i, r) => (weights[i] = Math.min(1, Math.max(0, contributions[r] / max))));
  return weights;
}

/**
 * Groups of compact dimensions that are present in exactly the same trials (Optuna's
 * _GroupDecomposedSearchSpace): partition refinement over the trials' sets of parameters.
 */
export function parameterGroups(encoded: readonly Float64Array[], dims: number): number[][] {
  let groups: number[][] = dims > 0 ? [Array.from({ length: dims }, (_, j) => j)] : [];
  for (const u of encoded) {
    if (!u.some(Number.isNaN)) continue; // every parameter present: splits nothing
    const next: number[][] = [];
    for (const g of groups) {
      const present = g.filter((j) => !Number.isNaN(u[j]));
      const absent = g.filter((j) => Number.isNaN(u[j]));
      if (present.length) next.push(present);
      if (absent.length) next.push(absent);
    }
    groups = next;
  }
  return groups;
}

/** What TPE keeps of one trial, rebuilt only when the study replaces the trial's (frozen) object. */
interface TrialRecord extends TpeObservation {
  readonly state: FrozenTrial['state'];
  /** The trial's point in the compact cube, NaN where a parameter is inactive. */
  readonly u: Float64Array;
  /** Some parameter is inactive (the point matters to group decomposition). */
  readonly partial: boolean;
}

function recordOf(ctx: SamplerContext, trial: FrozenTrial): TrialRecord {
  const u = encodeCompact(ctx.space, trial.params);
  const losses = trial.state === 'completed' ? lossesOf(ctx.directions, trial) : undefined;
  return { trial, losses, state: trial.state, u, partial: u.some(Number.isNaN) };
}

export const tpeSampler: SamplerFactory = {
  type: 'tpe',
  settings: TPE_SETTINGS,
  defaults: TPE_DEFAULTS,
  multiObjective: true,
  create({ options, space, seed, state }): Sampler {
    const o = resolveTpeOptions(options);
    const startup = createStartupSampler(
      o.startup,
      space,
      seed,
      (state as { startup?: unknown })?.startup,
    );
    const encoding = encodingOf(space);
    const dimsOf: ParzenDim[] = encoding.params.map(({ param }) => {
      if (param.type === 'categorical')
        return { kind: 'categorical', choices: param.choices.length };
      const n = levels(param);
      return n === null ? { kind: 'continuous' } : { kind: 'discrete', levels: n };
    });
    const parzen: ParzenOptions = {
      priorWeight: o.priorWeight,
      magicClip: o.magicClip,
      endpoints: o.endpoints,
      multivariate: o.multivariate,
      bandwidth: o.bandwidth,
    };

    // Per position in ctx.trials: a record is reused while the study keeps the same trial object.
    const records: TrialRecord[] = [];
    // Per parameter group: its l and g, refitted in place each ask; and one buffer for their rows.
    const models = new Map<string, { l: ParzenEstimator; g: ParzenEstimator }>();
    let rowBuffer = new Float64Array(0);

    /**
     * One group's dimensions drawn by TPE into `out`: l from the below trials that have the group's
     * parameters, g from the others (Optuna 3.1 sampler.py `_sample_relative`: the split is made
     * over all trials, then each side masked to the trials where the group is present).
     */
    function sampleGroup(
      ctx: SamplerContext,
      group: readonly number[],
      below: readonly TrialRecord[],
      belowWeights: Float64Array | null,
      above: readonly TrialRecord[],
      out: Float64Array,
    ): void {
      const d = group.length;
      const lead = group[0];
      // The rows of `side` where the group is present (valid until the next call), and which.
      const rows = (side: readonly TrialRecord[], keep: number[]) => {
        for (let i = 0; i < side.length; i++) if (!Number.isNaN(side[i].u[lead])) keep.push(i);
        if (rowBuffer.length < keep.length * d) rowBuffer = new Float64Array(side.length * d);
        for (let i = 0; i < keep.length; i++) {
          const u = side[keep[i]].u;
          for (let r = 0; r < d; r++) rowBuffer[i * d + r] = u[group[r]];
        }
        return rowBuffer.subarray(0, keep.length * d);
      };
      const key = group.join();
      let model = models.get(key);
      if (!model) {
        const dims = group.map((j) => dimsOf[j]);
        const empty = new Float64Array(0);
        model = {
          l: new ParzenEstimator(dims, empty, empty, parzen),
          g: new ParzenEstimator(dims, empty, empty, parzen),
        };
        models.set(key, model);
      }
      const keepBelow: number[] = [];
      const belowRows = rows(below, keepBelow);
      const l = model.l.fit(
        belowRows,
        belowWeights ? keepBelow.map((i) => belowWeights[i]) : tpeWeights(keepBelow.length),
      );
      const keepAbove: number[] = [];
      const g = model.g.fit(rows(above, keepAbove), tpeWeights(keepAbove.length));
      const candidates = new Float64Array(o.candidates * d);
      for (let c = 0; c < o.candidates; c++)
        l.sample(ctx.rng, candidates.subarray(c * d, c * d + d));
      const logL = new Float64Array(o.candidates);
      const logG = new Float64Array(o.candidates);
      l.logPdfMany(candidates, logL);
      g.logPdfMany(candidates, logG);
      let best = 0;
      for (let c = 1; c < o.candidates; c++)
        if (logL[c] - logG[c] > logL[best] - logG[best]) best = c;
      for (let r = 0; r < d; r++) out[group[r]] = candidates[best * d + r];
    }

    return {
      type: 'tpe',
      sample(ctx) {
        const multi = ctx.directions.length > 1;
        // One pass: the observed trials (Optuna's n: completed, and pruned with one objective),
        // and in trial order the trials g may hold (observed, and running under constant liar).
        const observed: TrialRecord[] = [];
        const pool: TrialRecord[] = [];
        const partial: Float64Array[] = [];
        let anyRunning = false;
        records.length = ctx.trials.length;
        for (let i = 0; i < ctx.trials.length; i++) {
          const t = ctx.trials[i];
          let r = records[i];
          if (r?.trial !== t) records[i] = r = recordOf(ctx, t);
          if (r.partial) partial.push(r.u);
          if (r.state === 'completed' || (r.state === 'pruned' && !multi)) {
            observed.push(r);
            pool.push(r);
          } else if (r.state === 'running') {
            anyRunning = true;
            if (o.constantLiar) pool.push(r);
          }
        }
        if (observed.length < o.startupTrials) return startup.sample(ctx);
        const nBelow = belowCount(observed.length, o.gamma, o.gammaMax);
        const below = splitBelow(observed, nBelow, ctx.direction).map((i) => observed[i]);
        const inBelow = new Set<TrialRecord>(below);
        const above = pool.filter((r) => !inBelow.has(r));
        const belowWeights = multi ? hypervolumeWeights(below) : null;
        const groups = o.multivariate
          ? parameterGroups(partial, encoding.params.length)
          : encoding.params.map((_, j) => [j]);
        const draw = () => {
          const u = new Float64Array(encoding.params.length);
          for (const group of groups) sampleGroup(ctx, group, below, belowWeights, above, u);
          return decodeCompact(ctx.space, u);
        };
        return anyRunning ? avoidPending(ctx, draw) : draw();
      },
      toJSON: () => ({ startup: startup.toJSON() }),
    };
  },
};
