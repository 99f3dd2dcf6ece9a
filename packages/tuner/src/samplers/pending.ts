// Pending-awareness for samplers that draw independent candidates: in a small discrete space two
// workers could otherwise be handed the same configuration while the first still runs.

import type { Params } from '../space.js';
import type { FrozenTrial } from '../trial.js';
import type { SamplerContext } from './sampler.js';

/** Redraws before giving up and returning a duplicate (a tiny space may have no fresh point). */
export const MAX_REDRAWS = 32;

/** A canonical string for a configuration, equal exactly when the params are equal. */
export function paramsKey(params: Params): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  );
}

export function pendingKeys(trials: readonly FrozenTrial[]): Set<string> {
  const keys = new Set<string>();
  for (const t of trials) if (t.state === 'running') keys.add(paramsKey(t.params));
  return keys;
}

/** Draws until the result is not the params of a running trial (at most MAX_REDRAWS times). */
export function avoidPending(ctx: SamplerContext, draw: () => Params): Params {
  let params = draw();
  let pending: Set<string> | undefined;
  for (let i = 0; i < MAX_REDRAWS; i++) {
    pending ??= pendingKeys(ctx.trials);
    if (!pending.has(paramsKey(params))) break;
    params = draw();
  }
  return params;
}
