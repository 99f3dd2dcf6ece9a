// NSGA-II (Deb, Pratap, Agarwal & Meyarivan 2002, "A fast and elitist multiobjective genetic
// algorithm: NSGA-II", IEEE TEC 6(2)) behind one-at-a-time ask/tell, as Optuna's NSGAIISampler
// runs it. Each asked trial belongs to a generation: generation 0 is drawn at random; once
// `populationSize` trials of generation g have completed, the elite of g (its completed trials plus
// the elite of g − 1, cut to `populationSize` by non-dominated sort and crowding distance, with
// Deb's constrained domination when the study has constraints) becomes the parents of generation
// g + 1. A child is a uniform crossover of two parents picked by binary tournament (probability
// `crossoverProb`; else a copy of a random parent), then each parameter is redrawn uniformly with
// probability `mutationProb`. State: each trial's generation and the elites computed so far, so a
// reloaded study picks the same parents.

import { decodeCompact, encodeCompact, encodingOf } from '../encoding.js';
import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import { constrainedDominates, crowdingDistance, nonDominatedSort } from '../pareto/dominance.js';
import type { Rng } from '../rng.js';
import { lossesOf, type Direction, type FrozenTrial } from '../trial.js';
import { avoidPending } from './pending.js';
import { uniformPoint } from './random.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';

export const NSGA2_SETTINGS = defineSettings({
  populationSize: {
    kind: 'int',
    default: 50,
    min: 2,
    max: OPTION_LIMITS.trials,
    help: "Trials per generation (Optuna's NSGAIISampler population_size: 50).",
  },
  mutationProb: {
    kind: 'real',
    default: null,
    nullable: true,
    min: 0,
    max: 1,
    help: 'Per-parameter probability of a uniform redraw; empty: 1 / number of parameters (Optuna).',
  },
  crossoverProb: {
    kind: 'real',
    default: 0.9,
    min: 0,
    max: 1,
    help: 'Probability that a child is a crossover rather than a copy of one parent (Optuna: 0.9).',
  },
  swappingProb: {
    kind: 'real',
    default: 0.5,
    min: 0,
    max: 1,
    help: 'Uniform crossover: probability of taking each parameter from the second parent (Optuna: 0.5).',
  },
});

export const NSGA2_DEFAULTS = defaultsOf(NSGA2_SETTINGS);

interface Nsga2State {
  /** Generation of each trial this sampler proposed, by trial id; -1 for the others. */
  generations: number[];
  /** Trial ids of the elite of generation 0, 1, ... (the parents of the next generation). */
  elites: number[][];
}

/** The elite of `population`: whole fronts while they fit, the next front by crowding distance. */
export function selectElite(
  population: readonly FrozenTrial[],
  directions: readonly Direction[],
  size: number,
): FrozenTrial[] {
  const losses = population.map((t) => lossesOf(directions, t));
  const violations = population.some((t) => t.violation !== undefined)
    ? population.map((t) => t.violation ?? 0)
    : undefined;
  const elite: FrozenTrial[] = [];
  for (const front of nonDominatedSort(losses, violations)) {
    if (elite.length + front.length <= size) {
      elite.push(...front.map((i) => population[i]));
      if (elite.length === size) break;
      continue;
    }
    const distance = crowdingDistance(losses, front);
    const order = front.map((_, r) => r).sort((a, b) => distance[b] - distance[a] || a - b);
    elite.push(...order.slice(0, size - elite.length).map((r) => population[front[r]]));
    break;
  }
  return elite;
}

/** Binary tournament (Optuna's _select_parent): of two random members, one dominating the other wins, else the second. */
function tournament(
  parents: readonly FrozenTrial[],
  directions: readonly Direction[],
  rng: Rng,
): FrozenTrial {
  const a = parents[rng.int(parents.length)];
  const b = parents[rng.int(parents.length)];
  const beats = constrainedDominates(
    lossesOf(directions, a),
    a.violation ?? 0,
    lossesOf(directions, b),
    b.violation ?? 0,
  );
  return beats ? a : b;
}

export const nsga2Sampler: SamplerFactory = {
  type: 'nsga2',
  settings: NSGA2_SETTINGS,
  defaults: NSGA2_DEFAULTS,
  multiObjective: true,
  create({ options, space, state }): Sampler {
    const o = resolveSettings('nsga2 sampler', NSGA2_SETTINGS, options);
    const size = o.populationSize;
    const saved = state as Nsga2State | undefined;
    const generations = saved?.generations.slice() ?? [];
    const elites = saved?.elites.map((e) => e.slice()) ?? [];
    const dims = encodingOf(space).params.length;
    const mutationProb = o.mutationProb ?? 1 / Math.max(1, dims);

    /** The current parents (the newest elite), computing elites of generations now complete. */
    function parents(ctx: SamplerContext): FrozenTrial[] {
      for (;;) {
        const g = elites.length;
        const members = ctx.trials.filter(
          (t) => generations[t.id] === g && t.state === 'completed',
        );
        if (members.length < size) break;
        const previous = g > 0 ? elites[g - 1].map((id) => ctx.trials[id]) : [];
        elites.push(selectElite([...members, ...previous], ctx.directions, size).map((t) => t.id));
      }
      return elites.length ? elites[elites.length - 1].map((id) => ctx.trials[id]) : [];
    }

    function child(ctx: SamplerContext, pool: readonly FrozenTrial[]): Float64Array {
      const { rng } = ctx;
      let u: Float64Array;
      if (rng.uniform() < o.crossoverProb) {
        const first = tournament(pool, ctx.directions, rng);
        const rest = pool.filter((t) => t !== first);
        const second = tournament(rest.length ? rest : pool, ctx.directions, rng);
        const [a, b] = [
          encodeCompact(ctx.space, first.params),
          encodeCompact(ctx.space, second.params),
        ];
        u = a.map((v, j) => (rng.uniform() < o.swappingProb ? b[j] : v));
      } else {
        u = encodeCompact(ctx.space, pool[rng.int(pool.length)].params);
      }
      // Mutation, and parameters neither parent had (inactive there), are uniform redraws.
      for (let j = 0; j < u.length; j++) {
        if (rng.uniform() < mutationProb || Number.isNaN(u[j])) u[j] = rng.uniform();
      }
      return u;
    }

    return {
      type: 'nsga2',
      sample(ctx) {
        const pool = parents(ctx);
        generations.length = Math.max(generations.length, ctx.trials.length);
        for (let i = 0; i < ctx.trials.length; i++) generations[i] ??= -1;
        generations[ctx.trials.length] = elites.length;
        if (pool.length === 0 || dims === 0) {
          return avoidPending(ctx, () => uniformPoint(ctx.space, ctx.rng));
        }
        return avoidPending(ctx, () => decodeCompact(ctx.space, child(ctx, pool)));
      },
      toJSON: (): Nsga2State => ({
        generations: generations.slice(),
        elites: elites.map((e) => e.slice()),
      }),
    };
  },
};
