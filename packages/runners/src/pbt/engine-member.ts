// A PBT member trained by the built-in engine, in this process: the sweep's base config with the
// member's current params, continued from a checkpoint (its own, or the one it copied) to the next
// perturbation step. The engine resumes with changed hyperparameters as is (see the engine's
// pbt-resume tests), so a member is a sequence of ordinary resumed runs.
import {
  fitArrays,
  validateConfig,
  withParams,
  type EpochMetrics,
  type FitConfig,
  type Samples,
  type TrainedModel,
  type TrainResult,
} from '@sweepwise/engine';
import { nodeShardThreads } from '@sweepwise/engine/threads';
import type { MemberTraining, TrainMember } from '@sweepwise/tuner';

/** The data every member trains on: one split, loaded once for the population. */
export interface MemberData {
  classes: number;
  train: Samples;
  validation: Samples;
}

/** What a member carries from one interval to the next. */
export interface EngineMemberState {
  /**
   * The engine checkpoint after the member's last finished epoch (weights, optimizer, RNG,
   * curves); null only when a fresh member diverged in its first epoch.
   */
  checkpoint: Uint8Array | null;
  /** The curve of the weights' whole history (copied epochs included), as the engine keeps it. */
  curves: EpochMetrics[];
  result: TrainResult;
  model: TrainedModel;
}

/**
 * The engine config of a member at an interval: base + params, trained to `toStep` epochs, never
 * early-stopped (PBT decides who continues), seeded per member so members start differently.
 */
export function memberConfig(
  base: object,
  params: Record<string, unknown>,
  toStep: number,
  seed: number,
): FitConfig {
  const withMember = withParams(base, params) as Record<string, unknown>;
  const { dataset: _dataset, ...config } = validateConfig({
    ...withMember,
    epochs: toStep,
    seed,
    earlyStopping: { metric: 'val_loss', patience: null },
  });
  return config;
}

/**
 * A trainer for `runPopulation`: scores are the last epoch's `metric` (PBT ranks members by their
 * current performance, not their best past epoch), NaN for a diverged member, which ranks last
 * and so copies another member at the next step; member i is seeded `seed + i`.
 */
export function engineMemberTrainer(args: {
  base: object;
  data: MemberData;
  metric: keyof EpochMetrics;
  seed: number;
}): TrainMember<EngineMemberState> {
  return async (t: MemberTraining<EngineMemberState>) => {
    const seed = args.seed + t.memberId;
    const state = await trainEngineMember(
      args,
      t.params,
      t.from?.checkpoint ?? null,
      t.toStep,
      seed,
    );
    const last = state.curves[state.curves.length - 1];
    const score = state.result.status === 'diverged' || !last ? NaN : (last[args.metric] ?? NaN);
    return { score, checkpoint: state };
  };
}

/**
 * Trains base + params from `from` (null: fresh) up to epoch `toStep`. A diverged run keeps the
 * checkpoint of its last finite epoch (or `from`), so the member can still be continued.
 */
export async function trainEngineMember(
  args: { base: object; data: MemberData },
  params: Record<string, unknown>,
  from: Uint8Array | null,
  toStep: number,
  seed: number,
): Promise<EngineMemberState> {
  let checkpoint: Uint8Array | null = from;
  const { result, model } = await fitArrays({
    config: memberConfig(args.base, params, toStep, seed),
    ...args.data,
    ...(from ? { resumeFrom: from } : {}),
    // a config with parallel.workers > 1 trains on that many threads, as its trials do
    threads: nodeShardThreads(),
    onEpoch: (_m, ctx) => void (checkpoint = ctx.checkpoint()),
  });
  return { checkpoint, curves: result.curves, result, model };
}
