// Pending-awareness for samplers that draw independent candidates: in a small discrete space two
// workers could otherwise be handed the same configuration while the first still runs.

import type { Params } from '../space.js';
import type { FrozenTrial } from '../trial.js';
import type { SamplerContext } from './sampler.js';

/** Redraws before giving up and returning a duplicate (a tiny space may have no fresh point). */
export const MAX_REDRAWS = 32;

// Keys of the params objects the study holds, so each ask costs one key per new trial, not one per
// running trial (a controller with 256 open trials spent seconds re-serializing them).
const keys = new WeakMap<Params, string>();

/**
 * A canonical string for a configuration, equal exactly when the params are equal. Cached per
 * object: callers must not mutate params after asking for their key (the study never does).
 */
export function paramsKey(params: Params): string {
  let key = keys.get(params);
  if (key === undefined) {
    key = JSON.stringify(
      Object.keys(params)
        .sort()
        .map((k) => [k, params[k]]),
    );
    keys.set(params, key);
  }
  return key;
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
    pending ??= pendingKeys(ctx.running ?? ctx.trials);
    if (!pending.has(paramsKey(params))) break;
    params = draw();
  }
  return params;
}
