// A synchronous PBT driver for one process (the CLI's in-memory runs, benchmarks, tests): every
// member trains one interval, then each member of the bottom quantile copies a top member's
// checkpoint and explores its params, and so on until the last epoch. What a checkpoint is and
// how a member trains are the caller's (the tuner knows nothing of the engine).

import { OptionsError } from '../options.js';
import { Rng } from '../rng.js';
import { validateSpace, type Params } from '../space.js';
import type { Direction } from '../trial.js';
import { uniformPoint } from '../samplers/random.js';
import { mutableNames } from './explore.js';
import { pbtOptions } from './options.js';
import { Population } from './population.js';

export interface MemberTraining<C> {
  readonly memberId: number;
  readonly params: Params;
  /** The checkpoint to continue from (the member's own, or the one it copied); null: start fresh. */
  readonly from: C | null;
  /** Train until this epoch (inclusive). */
  readonly toStep: number;
}

/** Trains a member to `toStep`; its objective there and a checkpoint to continue from. */
export type TrainMember<C> = (t: MemberTraining<C>) => Promise<{ score: number; checkpoint: C }>;

export interface RunPopulationOptions<C> {
  space: unknown;
  direction: Direction;
  /** PBT options (populationSize, perturbationInterval, ...), see PBT_DEFAULTS. */
  pbt?: Readonly<Record<string, unknown>>;
  /** Epochs each member trains in all. */
  epochs: number;
  seed: number;
  train: TrainMember<C>;
}

export interface PopulationRun<C> {
  population: Population;
  /** Each member's latest checkpoint. */
  checkpoints: C[];
}

/** Runs PBT to the end; the population holds every event, the lineage and the final scores. */
export async function runPopulation<C>(o: RunPopulationOptions<C>): Promise<PopulationRun<C>> {
  const space = validateSpace(o.space);
  if (mutableNames(space).length === 0) {
    throw new OptionsError('space', 'pbt needs at least one parameter declared "mutable": true');
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 1) {
    throw new OptionsError('epochs', `epochs must be an integer >= 1, got ${o.epochs}`);
  }
  const rng = Rng.fromSeed(o.seed);
  const { populationSize } = pbtOptions(o.pbt ?? {});
  const initial = Array.from({ length: populationSize }, () => uniformPoint(space, rng));
  const population = Population.create({
    space: o.space,
    direction: o.direction,
    options: o.pbt,
    initial,
  });
  const interval = population.options.perturbationInterval;
  const checkpoints: (C | null)[] = initial.map(() => null);
  for (let step = Math.min(interval, o.epochs); ; step = Math.min(step + interval, o.epochs)) {
    for (const m of population.members) {
      const r = await o.train({
        memberId: m.id,
        params: m.params,
        from: checkpoints[m.id],
        toStep: step,
      });
      population.record(m.id, step, r.score);
      checkpoints[m.id] = r.checkpoint;
    }
    if (step === o.epochs) return { population, checkpoints: checkpoints as C[] };
    // Decisions at a step all see the scores of that step: copies go bottom <- top only, so
    // no member is copied after it changed.
    const copied = [...checkpoints];
    for (const m of population.members) {
      const d = population.exploitExplore(m.id, rng);
      if (d.exploit) checkpoints[m.id] = copied[d.event.sourceId];
    }
  }
}
