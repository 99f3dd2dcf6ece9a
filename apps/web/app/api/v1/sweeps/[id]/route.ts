import { checkpointStoreFromEnv, deleteSweep, getDb, getSweepOverview } from '@sweepwise/db';
import { removeSweepJobs } from '@sweepwise/queue';
import { route } from '@/lib/api/route';
import { sweepView } from '@/lib/api/sweep-view';
import { getRedis, getTrialQueue, redisPrefix } from '@/lib/redis';
import { sweepWaiting } from '@/lib/sweep-waiting';

export const dynamic = 'force-dynamic';

/** The sweep, its progress, and `waiting`: why its trials wait for a worker, or null. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const sweep = await getSweepOverview(getDb(), id);
  return { ...sweepView(sweep), waiting: await sweepWaiting(sweep) };
});

/**
 * Deletes the sweep and everything under it; 409 while it runs or has running trials (cancel it
 * first). Its waiting jobs leave the queue.
 */
export const DELETE = route<{ id: string }>(async (_req, { id }) => {
  const deleted = await deleteSweep(getDb(), id, checkpointStoreFromEnv());
  await removeSweepJobs(getTrialQueue(), getRedis(), redisPrefix(), id, deleted.openTrials);
  return { deleted: id };
});
