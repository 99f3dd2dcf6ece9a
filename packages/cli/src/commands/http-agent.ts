import { hostname } from 'node:os';
import { createClient, SweepwiseApiError, type SweepwiseClient } from '@sweepwise/sdk';
import {
  commandRunner,
  describeError,
  trialSweepOf,
  type TrialOutcome,
  type TrialSweep,
} from '@sweepwise/runners';
import type { CommandEnv, CommandWorkload, SweepSpec } from '@sweepwise/sweeps';
import { UsageError } from '../args.js';

/**
 * `sweepwise agent SWEEP --url URL`: runs a command sweep's trials on this machine through the
 * REST API alone (no Postgres or Redis settings), as W&B's agent does: ask for a trial, run the
 * command with its parameters here, as `run --in-memory` and a worker do (the same runner), report each JSON line it prints (the answer
 * stops it when the stopping rule prunes it) and tell how it ended. A worker's controller on the
 * platform samples and judges the trials; N loops run at once.
 */
/**
 * beatMs: a running trial's heartbeat between its reports, SWEEPWISE_HEARTBEAT_INTERVAL_MS as for
 * a worker (apps/worker/src/options.ts), well inside the stale limit (5 beats by default).
 */
export const HTTP_AGENT_DEFAULTS = { askWaitMs: 500, beatMs: 2_000 } as const;

export interface HttpAgentOptions {
  url: string;
  parallel: number;
  env?: NodeJS.ProcessEnv;
}

interface StoredSweep {
  name: string;
  status: string;
  spec: SweepSpec;
}

/**
 * The API leaves secret env values out of every answer; the agent takes each from its own
 * environment, under the same name.
 */
function commandEnvHere(env: CommandEnv, own: NodeJS.ProcessEnv): CommandEnv {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      if (typeof value === 'string' || value.value !== undefined) return [name, value];
      const here = own[name];
      if (here === undefined)
        throw new UsageError(
          `workload.command.env.${name}: a secret the API does not give out; set ${name} in the agent's environment`,
        );
      return [name, { value: here, secret: true }];
    }),
  );
}

export async function httpAgent(sweepId: string, options: HttpAgentOptions): Promise<void> {
  const env = options.env ?? process.env;
  const client = createClient({ baseUrl: options.url, env });
  const sweep = (await client.getSweep(sweepId)) as unknown as StoredSweep;
  const command = (sweep.spec.workload as { command?: CommandWorkload }).command;
  if (!command)
    throw new UsageError(
      `sweep ${sweepId} has no command workload (it has ${Object.keys(sweep.spec.workload).join(', ')}): --url runs commands`,
    );
  const here = trialSweepOf(sweepId, {
    ...sweep.spec,
    workload: { command: { ...command, env: commandEnvHere(command.env ?? {}, env) } },
  });
  const name = `agent-${hostname().replace(/[^\w.@-]/g, '-')}`;
  console.error(
    `agent: running trials of ${sweep.name} (${sweepId}) over ${options.url}, ${options.parallel} at a time`,
  );
  const beatMs = Number(env.SWEEPWISE_HEARTBEAT_INTERVAL_MS) || HTTP_AGENT_DEFAULTS.beatMs;
  const loops = Array.from({ length: options.parallel }, () =>
    trialLoop(client, here, name, beatMs),
  );
  const ran = (await Promise.all(loops)).reduce((a, b) => a + b, 0);
  console.error(`agent: sweep ${sweepId} hands out no more trials; ran ${ran}`);
}

/** Asks for trials until the sweep hands out no more; the number run. */
async function trialLoop(
  client: SweepwiseClient,
  sweep: TrialSweep,
  name: string,
  beatMs: number,
): Promise<number> {
  const { id: sweepId, objectiveMetric: metric } = sweep;
  let ran = 0;
  for (;;) {
    let trial;
    try {
      trial = await client.ask(sweepId, { client: name });
    } catch (err) {
      // Nothing queued right now: the controller queues the next one as trials end.
      if (err instanceof SweepwiseApiError && err.code === 'no_trial') {
        await new Promise((r) => setTimeout(r, HTTP_AGENT_DEFAULTS.askWaitMs));
        continue;
      }
      // The sweep is over (finished, cancelled, paused): this loop is done.
      if (err instanceof SweepwiseApiError && err.code === 'conflict') return ran;
      throw err;
    }
    ran += 1;
    console.error(`agent: trial ${trial.number} ${JSON.stringify(trial.params)}`);
    const { trialId } = trial;
    // A step may take longer than the stale limit: the trial is kept between its reports. A
    // failed beat is not fatal: the next report or beat tries again.
    const beat = setInterval(() => void client.heartbeat(trialId).catch(() => undefined), beatMs);
    const outcome = await commandRunner
      .run(
        {
          sweep,
          trial: { id: trialId, number: trial.number, params: trial.params, attempt: 1 },
          resumeFrom: null,
          signal: new AbortController().signal,
        },
        {
          report: async (step, metrics) =>
            (await client.report(trialId, step, metrics)).stop ? 'stop' : 'continue',
        },
      )
      .catch((err: unknown): TrialOutcome => ({
        status: 'failed',
        value: null,
        metrics: {},
        error: describeError(err),
      }))
      .finally(() => clearInterval(beat));
    // Stopped: only the answer to a report stops a trial here.
    if (outcome.status === 'completed' && outcome.value !== null)
      await client.tell(trialId, { value: outcome.value });
    else if (outcome.status === 'stopped') await client.tell(trialId, { state: 'pruned' });
    else
      await client.tell(trialId, {
        state: 'failed',
        error:
          outcome.status === 'completed'
            ? `the command never reported ${metric}`
            : (outcome.error ?? outcome.status),
      });
  }
}
