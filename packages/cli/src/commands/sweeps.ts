import {
  checkpointStoreFromEnv,
  deleteSweep,
  getSweepOrThrow,
  listSweeps,
  pickBestTrial,
  setSweepArchived,
  setSweepStatus,
  type Trial,
} from '@sweepwise/db';
import {
  commandSweepWaiting,
  createRedis,
  createTrialQueue,
  pingRedis,
  queuePrefix,
  redisUrl,
  removeSweepJobs,
} from '@sweepwise/queue';
import {
  objectivesOf,
  paretoFrontOf,
  programToAllow,
  sweepSpecOf,
  toSweepFile,
} from '@sweepwise/sweeps';
import { bestTrial } from '../in-memory/run-sweep.js';
import { formatParams, formatValue, leaderboardLines } from '../progress.js';
import { followSweep, sweepSnapshot } from './follow.js';
import { withDb } from './platform.js';

/** The read and control commands on stored sweeps: ls, status, best, export, cancel, archive, delete. */

export async function ls({
  json,
  archived,
}: {
  json?: boolean;
  archived?: boolean;
}): Promise<void> {
  await withDb(async (db) => {
    const sweeps = await listSweeps(db, 200, archived ?? false);
    if (json) return console.log(JSON.stringify(sweeps));
    if (sweeps.length === 0)
      return console.log(
        archived ? 'no archived sweeps' : 'no sweeps yet; start one with: sweepwise run FILE',
      );
    for (const s of sweeps)
      console.log(
        `${s.id}  ${s.status.padEnd(9)}  ${s.algorithm.padEnd(9)}  ${s.objectiveMetric} (${s.direction})  ` +
          `${s.maxTrials} trials  ${s.createdAt.toISOString().slice(0, 16).replace('T', ' ')}  ${s.name}`,
      );
  });
}

export async function status(
  sweepId: string,
  { follow, json = false }: { follow?: boolean; json?: boolean },
): Promise<void> {
  if (follow) return followSweep(sweepId, { json });
  await withDb(async (db) => {
    const { sweep, trials, stepsUsed } = await sweepSnapshot(db, sweepId);
    const spec = sweepSpecOf(sweep);
    const { maxTrials } = spec.budget;
    const count = (state: string) => trials.filter((t) => t.state === state).length;
    const best = bestTrial(trials, spec);
    const waiting = await waitingReason(sweep);
    if (json)
      return console.log(
        JSON.stringify({
          id: sweep.id,
          name: sweep.name,
          status: sweep.status,
          trials: trials.length,
          maxTrials,
          stepsUsed,
          best,
          waiting,
        }),
      );
    console.log(
      `${sweep.name} (${sweep.id}) ${sweep.status}: ${trials.length}/${maxTrials} trials, ` +
        `${count('running')} running, ${count('completed')} completed, ${count('pruned')} pruned, ` +
        `${count('failed')} failed; ${stepsUsed} steps`,
    );
    if (waiting) console.log(waiting);
    if (sweep.error) console.log(`error: ${sweep.error}`);
    if (best)
      console.log(`best ${spec.metric.name} ${formatValue(best.value)} (trial ${best.number})`);
    for (const line of leaderboardLines(trials, spec, 10)) console.log(line);
  });
}

export async function best(sweepId: string, { json }: { json?: boolean }): Promise<void> {
  await withDb(async (db) => {
    const spec = sweepSpecOf(await getSweepOrThrow(db, sweepId));
    const { metric, constraints } = spec;
    const trials = await db.trial.findMany({ where: { sweepId, state: 'completed' } });
    const objectives = objectivesOf(spec);
    if (objectives.length > 1)
      return printFront(sweepId, objectives, paretoFrontOf(spec, trials), json);
    const top = pickBestTrial(trials, metric.goal, constraints);
    if (!top) throw new Error(`sweep ${sweepId} has no completed trial yet`);
    if (json)
      return console.log(
        JSON.stringify({
          trialId: top.id,
          number: top.number,
          value: top.value,
          params: top.params,
          metrics: top.metrics,
        }),
      );
    console.log(
      `trial ${top.number} (${top.id}): ${metric.name} ${formatValue(top.value)}\n` +
        `params: ${formatParams(top.params as Record<string, unknown>)}`,
    );
  });
}

/** A sweep with several objectives has a front, not one best: each trial on it, by number. */
function printFront(
  sweepId: string,
  objectives: readonly { name: string }[],
  front: readonly Trial[],
  json: boolean | undefined,
): void {
  if (front.length === 0) throw new Error(`sweep ${sweepId} has no feasible completed trial yet`);
  const valuesOf = (t: Trial) => {
    const metrics = (t.metrics ?? {}) as Record<string, number>;
    return Object.fromEntries(objectives.map((o) => [o.name, metrics[o.name]]));
  };
  if (json) {
    const rows = front.map((t) => ({
      trialId: t.id,
      number: t.number,
      values: valuesOf(t),
      params: t.params,
      metrics: t.metrics,
    }));
    return console.log(JSON.stringify({ front: rows }));
  }
  console.log(`Pareto front: ${front.length} trial(s)`);
  for (const t of front) {
    const values = Object.entries(valuesOf(t))
      .map(([name, v]) => `${name} ${formatValue(v)}`)
      .join(', ');
    console.log(
      `trial ${t.number} (${t.id}): ${values}; params: ${formatParams(t.params as Record<string, unknown>)}`,
    );
  }
}

export async function exportSweep(sweepId: string): Promise<void> {
  await withDb(async (db) => {
    const sweep = await getSweepOrThrow(db, sweepId);
    process.stdout.write(toSweepFile(sweepSpecOf(sweep)));
  });
}

export async function cancel(sweepId: string): Promise<void> {
  await withDb(async (db) => {
    const sweep = await setSweepStatus(db, sweepId, 'cancel');
    console.log(`sweep ${sweep.id} ${sweep.status}; running trials stop at their next report`);
  });
}

export async function archive(sweepId: string, { undo }: { undo?: boolean }): Promise<void> {
  await withDb(async (db) => {
    const sweep = await setSweepArchived(db, sweepId, !undo);
    console.log(
      undo
        ? `sweep ${sweep.id} unarchived; \`sweepwise ls\` lists it again`
        : `sweep ${sweep.id} archived; \`sweepwise ls --archived\` lists it`,
    );
  });
}

/** Deletes the sweep, then its waiting jobs (left to be skipped by the workers when Redis is down). */
export async function remove(sweepId: string): Promise<void> {
  await withDb(async (db) => {
    const deleted = await deleteSweep(db, sweepId, checkpointStoreFromEnv());
    console.log(`sweep ${deleted.id} deleted with its trials, curves and checkpoints`);
    const url = redisUrl();
    const ping = await pingRedis(url);
    if (!ping.ok) {
      console.error(`sweepwise: its queued jobs stay in Redis (${ping.error}); workers skip them`);
      return;
    }
    const redis = createRedis(url);
    const queue = createTrialQueue(redis, queuePrefix());
    try {
      await removeSweepJobs(queue, redis, queuePrefix(), deleted.id, deleted.openTrials);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
}

/** Why a running command sweep waits for a worker (the workers' registry in Redis), or null. */
async function waitingReason(sweep: { spec: unknown; status: string }): Promise<string | null> {
  const program = programToAllow(sweep);
  if (program === null) return null;
  const redis = createRedis(redisUrl(), { maxRetriesPerRequest: 1, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    return await commandSweepWaiting(redis, queuePrefix(), program);
  } catch {
    return null; // Redis unreachable: the status from Postgres is still worth printing.
  } finally {
    redis.disconnect();
  }
}
