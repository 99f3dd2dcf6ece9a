import { commandSweepWaiting } from '@sweepwise/queue';
import { programToAllow } from '@sweepwise/sweeps';
import { getRedis, redisPrefix } from './redis';

/**
 * Why a running sweep's trials wait, or null: a command sweep that no live worker accepts (none
 * started with --allow-commands, or none allowing its program). It runs once one appears.
 */
export async function sweepWaiting(sweep: {
  spec: unknown;
  status: string;
}): Promise<string | null> {
  const program = programToAllow(sweep);
  if (program === null) return null;
  // Redis down: the page and the API still answer; the workers' state is then unknown.
  return commandSweepWaiting(getRedis(), redisPrefix(), program).catch(() => null);
}
