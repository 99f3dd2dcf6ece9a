// A PBT sweep's lineages and replayable schedules, read from its stored history (the exploit
// events, the members' own params, the best member) with the tuner's walk over the event log.
// The store only fetches the history; what it means lives here, once.
import { lineageOf, scheduleOf, type Params } from '@sweepwise/tuner';

/** What a lineage needs of a stored exploit event: member `trialId` copied `sourceId` at `step`. */
export interface PbtHistoryEvent {
  step: number;
  trialId: string;
  sourceId: string;
  newParams: Record<string, unknown>;
}

/** A sweep's PBT history as the store keeps it; events in the order they happened. */
export interface PbtHistory<E extends PbtHistoryEvent = PbtHistoryEvent> {
  events: E[];
  members: { id: string; number: number; params: Record<string, unknown> }[];
  /** The best completed member, by the sweep's goal; null until one completed. */
  bestTrialId: string | null;
}

export interface PbtMemberSchedule {
  trialId: string;
  number: number;
  /** The member whose initialization (and seed) the weights started from. */
  originTrialId: string;
  originNumber: number;
  /** Params from `fromStep` on; each segment runs until the next one starts. */
  segments: readonly { readonly fromStep: number; readonly params: Params }[];
}

/** What the dashboard's PBT panel needs besides the members' curves. */
export interface PbtOverview<E extends PbtHistoryEvent = PbtHistoryEvent> {
  /** Exploit markers for the population chart. */
  events: E[];
  /** The best completed member's lineage and schedule; null until a member completed. */
  best: { lineage: E[]; schedule: PbtMemberSchedule } | null;
}

/** A PBT question about a trial the history does not hold, or before any member completed. */
export class PbtHistoryError extends Error {
  override name = 'PbtHistoryError';
}

/**
 * The events that shaped a member's weights, oldest first: its last exploit, then its source's
 * last exploit at or before that step (earlier in the log), and so on.
 */
export function pbtLineage<E extends PbtHistoryEvent>(
  history: PbtHistory<E>,
  trialId: string,
): E[] {
  return lineageOf(asLineage(history.events), trialId).map(({ event }) => event);
}

/**
 * The replayable hyperparameter schedule of a member (by default the best completed one): the
 * origin's params from epoch 1, then each lineage event's new params from the epoch after its
 * copied checkpoint. Re-running it from scratch with the origin's seed, resuming with the next
 * params at each segment start, reproduces the member's curve.
 */
export function pbtSchedule(history: PbtHistory, trialId?: string): PbtMemberSchedule {
  const member = trialId ?? history.bestTrialId;
  if (member === null) throw new PbtHistoryError('no member of the sweep has completed');
  const byId = new Map(history.members.map((m) => [m.id, m]));
  const memberOf = (id: string) => {
    const m = byId.get(id);
    if (!m) throw new PbtHistoryError(`trial ${id} is not a member of the sweep`);
    return m;
  };
  const target = memberOf(member);
  const events = asLineage(history.events).map((e) => ({
    ...e,
    newParams: e.event.newParams as Params,
  }));
  const { origin, segments } = scheduleOf(events, (id) => memberOf(id).params as Params, member);
  return {
    trialId: member,
    number: target.number,
    originTrialId: origin,
    originNumber: memberOf(origin).number,
    segments,
  };
}

export function pbtOverview<E extends PbtHistoryEvent>(history: PbtHistory<E>): PbtOverview<E> {
  const best = history.bestTrialId;
  if (best === null) return { events: history.events, best: null };
  return {
    events: history.events,
    best: { lineage: pbtLineage(history, best), schedule: pbtSchedule(history, best) },
  };
}

/** Stored events in the tuner's lineage shape (members named by trial id). */
function asLineage<E extends PbtHistoryEvent>(events: E[]) {
  return events.map((event) => ({
    step: event.step,
    memberId: event.trialId,
    sourceId: event.sourceId,
    event,
  }));
}
