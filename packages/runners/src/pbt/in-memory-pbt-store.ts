import type { TrialRunner } from '../trial-runner.js';
import {
  pbtMemberRunner,
  type PbtExploit,
  type PbtLockedStore,
  type PbtMemberStore,
  type PbtPeerScore,
} from './pbt-member-runner.js';

interface Member {
  number: number;
  params: Record<string, unknown>;
  /** Members still running or completed are peers; others are not (as on the platform). */
  peer: boolean;
  /** metric -> step -> value */
  points: Map<string, Map<number, number>>;
  checkpoints: Map<number, { data: Uint8Array; keep: boolean }>;
  events: PbtExploit[];
}

/**
 * The PBT store of a run in this process, with the platform's rules (packages/db's pbt.ts and
 * checkpoints.ts): a saved checkpoint drops the member's older ones except those kept at
 * perturbation steps; peers are the running and completed members with a score and a checkpoint
 * at the step; a member's params at a step are those of its last exploit up to it.
 */
export class InMemoryPbtStore implements PbtMemberStore {
  private readonly members = new Map<string, Member>();
  private lock: Promise<unknown> = Promise.resolve();

  start(trialId: string, number: number, params: Record<string, unknown>): void {
    const known = this.members.get(trialId);
    if (known) known.peer = true;
    else
      this.members.set(trialId, {
        number,
        params,
        peer: true,
        points: new Map(),
        checkpoints: new Map(),
        events: [],
      });
  }

  end(trialId: string, completed: boolean): void {
    this.member(trialId).peer = completed;
  }

  report(trialId: string, step: number, metrics: Record<string, number>): void {
    const { points } = this.member(trialId);
    for (const [metric, value] of Object.entries(metrics)) {
      if (!points.has(metric)) points.set(metric, new Map());
      points.get(metric)!.set(step, value);
    }
  }

  saveCheckpoint(trialId: string, step: number, data: Uint8Array): void {
    const { checkpoints } = this.member(trialId);
    checkpoints.set(step, { data, keep: checkpoints.get(step)?.keep ?? false });
    for (const [s, c] of checkpoints) if (s < step && !c.keep) checkpoints.delete(s);
  }

  /** Every exploit, in the order they were stored. */
  get events(): PbtExploit[] {
    return [...this.members.values()].flatMap((m) => m.events);
  }

  currentParams(trialId: string): Promise<{ params: Record<string, unknown>; step: number }> {
    const m = this.member(trialId);
    const last = m.events[m.events.length - 1];
    return Promise.resolve(
      last ? { params: last.newParams, step: last.step } : { params: m.params, step: 0 },
    );
  }

  keepCheckpoint(trialId: string, step: number): Promise<boolean> {
    const c = this.member(trialId).checkpoints.get(step);
    if (c) c.keep = true;
    return Promise.resolve(c !== undefined);
  }

  withLock<T>(_sweepId: string, fn: (store: PbtLockedStore) => Promise<T>): Promise<T> {
    const run = this.lock.then(() => fn(this.locked));
    this.lock = run.catch(() => undefined);
    return run;
  }

  private readonly locked: PbtLockedStore = {
    newestSourceStep: (_sweepId, trialId, metric, before) => {
      let newest: number | null = null;
      for (const [id, m] of this.members) {
        if (id === trialId || !m.peer) continue;
        for (const step of m.checkpoints.keys())
          if (step < before && m.points.get(metric)?.has(step) && (newest ?? -1) < step)
            newest = step;
      }
      return Promise.resolve(newest);
    },
    peerScores: (_sweepId, metric, step) => {
      const scores: PbtPeerScore[] = [];
      for (const [trialId, m] of this.members) {
        const value = m.points.get(metric)?.get(step);
        if (!m.peer || value === undefined || !m.checkpoints.has(step)) continue;
        const event = m.events.filter((e) => e.step <= step).pop();
        scores.push({ trialId, number: m.number, params: event?.newParams ?? m.params, value });
      }
      return Promise.resolve(scores.sort((a, b) => a.number - b.number));
    },
    recordExploit: (input) => {
      const source = this.member(input.sourceId).checkpoints.get(input.step);
      if (!source) return Promise.resolve(null);
      const m = this.member(input.trialId);
      for (const step of m.checkpoints.keys()) if (step > input.step) m.checkpoints.delete(step);
      m.checkpoints.set(input.step, { data: source.data, keep: true });
      m.events.push(input);
      return Promise.resolve({ step: input.step, data: source.data });
    },
  };

  private member(trialId: string): Member {
    const m = this.members.get(trialId);
    if (!m) throw new Error(`no PBT member ${trialId} in this run`);
    return m;
  }
}

/**
 * PBT members run in this process (the CLI's --in-memory): the platform's member runner over an
 * InMemoryPbtStore that it fills as the members report and checkpoint.
 */
export function inMemoryPbtRunner(store = new InMemoryPbtStore()): TrialRunner {
  const members = pbtMemberRunner(store);
  return {
    async run(ctx, io) {
      const { id, number, params } = ctx.trial;
      store.start(id, number, params);
      let completed = false;
      try {
        const outcome = await members.run(ctx, {
          report: (step, metrics) => {
            store.report(id, step, metrics);
            return io.report(step, metrics);
          },
          checkpoint: async (step, data) => {
            store.saveCheckpoint(id, step, data);
            await io.checkpoint?.(step, data);
          },
        });
        completed = outcome.status === 'completed';
        return outcome;
      } finally {
        store.end(id, completed);
      }
    },
  };
}
