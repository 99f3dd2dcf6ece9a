// PBT's population as data: members with their current hyperparameters and latest score, and every
// exploit/explore event (who copied whom at which step, old and new values). It serializes to JSON,
// so a driver can stop and any process can rebuild it; the lineage and the replayable
// hyperparameter schedule of any member are derived from the events alone.

import { OptionsError, checkOneOf } from '../options.js';
import type { Rng } from '../rng.js';
import {
  validateParams,
  validateSpace,
  type Params,
  type Space,
  type SpaceJSON,
} from '../space.js';
import { DIRECTIONS, isBetter, type Direction } from '../trial.js';
import { explore, type ParamChange } from './explore.js';
import { pbtOptions, type PbtOptions } from './options.js';

export interface PbtMember {
  readonly id: number;
  readonly initialParams: Params;
  /** Current hyperparameters (changed by exploit/explore). */
  readonly params: Params;
  /** Last step (epoch) the member reported, 0 before its first report. */
  readonly step: number;
  /** Objective at `step`; NaN when it diverged; null before the first report. */
  readonly score: number | null;
}

/** One exploit/explore step: `memberId` took `sourceId`'s weights at `step` and new params. */
export interface PbtEvent {
  readonly step: number;
  readonly memberId: number;
  readonly sourceId: number;
  readonly oldParams: Params;
  readonly newParams: Params;
  readonly changes: Readonly<Record<string, ParamChange>>;
  readonly memberScore: number;
  readonly sourceScore: number;
}

export type PbtDecision =
  | { readonly exploit: false; readonly reason: string }
  | { readonly exploit: true; readonly event: PbtEvent; readonly reason: string };

/** The hyperparameters a member's weights were trained with: segment i covers epochs from..next. */
export interface PbtSchedule<Id = number> {
  /** The member whose initialization (and seed) the weights started from. */
  readonly origin: Id;
  readonly segments: readonly { readonly fromStep: number; readonly params: Params }[];
}

/** A number in JSON: NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity". */
export type JsonNumber = number | string;

export interface PopulationJSON {
  readonly format: 'sweepwise.pbt/1';
  readonly space: SpaceJSON;
  readonly direction: Direction;
  readonly options: PbtOptions;
  readonly members: readonly (Omit<PbtMember, 'score'> & { readonly score: JsonNumber | null })[];
  readonly events: readonly (Omit<PbtEvent, 'memberScore' | 'sourceScore'> & {
    readonly memberScore: JsonNumber;
    readonly sourceScore: JsonNumber;
  })[];
}

/** A peer as the exploit step sees it: its id, params and score at the step being decided. */
export interface PbtPeer {
  readonly id: number;
  readonly params: Params;
  readonly score: number;
}

/**
 * Truncation selection (Jaderberg et al. 2017, §4; Ray Tune's `_quantiles`): peers sorted worst to
 * best, a non-finite score counting as worst; the bottom and top ceil(n * fraction) members, at most
 * half the population each, none when fewer than two peers have reported.
 */
export function quantiles(
  peers: readonly PbtPeer[],
  direction: Direction,
  fraction: number,
): { bottom: PbtPeer[]; top: PbtPeer[] } {
  const worstFirst = [...peers].sort((a, b) => {
    const fa = Number.isFinite(a.score);
    const fb = Number.isFinite(b.score);
    if (fa !== fb) return fa ? 1 : -1;
    if (fa && a.score !== b.score) return isBetter(direction, a.score, b.score) ? 1 : -1;
    return a.id - b.id;
  });
  const n = worstFirst.length;
  const k = n < 2 ? 0 : Math.min(Math.ceil(n * fraction), Math.floor(n / 2));
  return { bottom: worstFirst.slice(0, k), top: worstFirst.slice(n - k) };
}

/**
 * The exploit/explore step for one member at `step`, given every peer's score at that step
 * (the member included): a member in the bottom quantile copies a member drawn uniformly from the
 * top quantile (exploit, "truncation selection") and explores the copied params; any other member
 * goes on unchanged. Pure: the decision depends only on the arguments and the rng.
 */
export function exploitExplore(args: {
  space: Space;
  options: PbtOptions;
  direction: Direction;
  step: number;
  memberId: number;
  peers: readonly PbtPeer[];
  rng: Rng;
}): PbtDecision {
  const { space, options, direction, step, memberId, peers, rng } = args;
  const me = peers.find((p) => p.id === memberId);
  if (!me) throw new OptionsError('memberId', `member ${memberId} is not among the peers`);
  const { bottom, top } = quantiles(peers, direction, options.quantileFraction);
  if (!bottom.some((p) => p.id === memberId)) {
    return {
      exploit: false,
      reason: `member ${memberId} is not in the bottom ${bottom.length} of ${peers.length} at step ${step}`,
    };
  }
  const source = rng.choice(top);
  const { params, changes } = explore(space, source.params, rng, options);
  return {
    exploit: true,
    reason: `member ${memberId} (${me.score}) is in the bottom ${bottom.length} of ${peers.length} at step ${step}: copies member ${source.id} (${source.score})`,
    event: {
      step,
      memberId,
      sourceId: source.id,
      oldParams: me.params,
      newParams: params,
      changes,
      memberScore: me.score,
      sourceScore: source.score,
    },
  };
}

/** What a lineage walk needs of an event; ids may be member numbers or stored trial ids. */
export interface LineageEvent<Id> {
  readonly step: number;
  readonly memberId: Id;
  readonly sourceId: Id;
}

/**
 * The exploit events that shaped a member's weights at `untilStep`, oldest first: the member's
 * last exploit at or before that step, then its source's last exploit at or before that event's
 * step (earlier in the log), and so on. `events` must be in the order they happened.
 */
export function lineageOf<Id, E extends LineageEvent<Id>>(
  events: readonly E[],
  memberId: Id,
  untilStep = Infinity,
): E[] {
  const chain: E[] = [];
  let id = memberId;
  let step = untilStep;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.memberId !== id || e.step > step) continue;
    chain.unshift(e);
    id = e.sourceId;
    step = e.step;
  }
  return chain;
}

/**
 * The schedule that produced a member's weights at `untilStep`: its origin's initial params from
 * epoch 1, then each lineage event's new params from the epoch after it. Two events at one step
 * (an asynchronous population) leave only the later one, which replaced the weights before
 * any epoch trained with the earlier one's params.
 */
export function scheduleOf<Id>(
  events: readonly (LineageEvent<Id> & { readonly newParams: Params })[],
  initialParams: (id: Id) => Params,
  memberId: Id,
  untilStep = Infinity,
): PbtSchedule<Id> {
  const chain = lineageOf(events, memberId, untilStep);
  const origin = chain.length > 0 ? chain[0].sourceId : memberId;
  const segments = [
    { fromStep: 1, params: initialParams(origin) },
    ...chain.map((e) => ({ fromStep: e.step + 1, params: e.newParams })),
  ];
  return {
    origin,
    segments: segments.filter(
      (s, i) => i === segments.length - 1 || segments[i + 1].fromStep > s.fromStep,
    ),
  };
}

export class Population {
  private constructor(
    readonly space: Space,
    readonly direction: Direction,
    readonly options: PbtOptions,
    private readonly memberList: PbtMember[],
    private readonly eventList: PbtEvent[],
  ) {}

  /** A population of the given initial configurations (member ids 0, 1, 2...). */
  static create(args: {
    space: unknown;
    direction: Direction;
    options?: Readonly<Record<string, unknown>>;
    initial: readonly Params[];
  }): Population {
    const space = validateSpace(args.space);
    const direction = checkOneOf('direction', args.direction, DIRECTIONS);
    const options = pbtOptions(args.options ?? {});
    const members = args.initial.map((p, id) => {
      const params = validateParams(space, p);
      return { id, initialParams: params, params, step: 0, score: null };
    });
    return new Population(space, direction, options, members, []);
  }

  static fromJSON(json: PopulationJSON): Population {
    if (json?.format !== 'sweepwise.pbt/1') {
      throw new OptionsError('format', 'not a population JSON: format must be "sweepwise.pbt/1"');
    }
    return new Population(
      validateSpace(json.space),
      json.direction,
      pbtOptions(json.options),
      json.members.map((m) => ({ ...m, score: m.score === null ? null : Number(m.score) })),
      json.events.map((e) => ({
        ...e,
        memberScore: Number(e.memberScore),
        sourceScore: Number(e.sourceScore),
      })),
    );
  }

  toJSON(): PopulationJSON {
    const num = (x: number): JsonNumber => (Number.isFinite(x) ? x : String(x));
    return {
      format: 'sweepwise.pbt/1',
      space: this.space.json,
      direction: this.direction,
      options: this.options,
      members: this.memberList.map((m) => ({
        ...m,
        score: m.score === null ? null : num(m.score),
      })),
      events: this.eventList.map((e) => ({
        ...e,
        memberScore: num(e.memberScore),
        sourceScore: num(e.sourceScore),
      })),
    };
  }

  get members(): readonly PbtMember[] {
    return this.memberList;
  }

  get events(): readonly PbtEvent[] {
    return this.eventList;
  }

  member(id: number): PbtMember {
    const m = Number.isInteger(id) ? this.memberList[id] : undefined;
    if (!m)
      throw new OptionsError(
        'memberId',
        `no member ${id} in a population of ${this.memberList.length}`,
      );
    return m;
  }

  /** Records a member's objective at `step` (NaN for a diverged member). */
  record(id: number, step: number, score: number): void {
    const m = this.member(id);
    if (!Number.isInteger(step) || step <= m.step) {
      throw new OptionsError(
        'step',
        `member ${id}: step must be an integer > ${m.step}, got ${step}`,
      );
    }
    this.memberList[id] = { ...m, step, score };
  }

  /** The best member by its latest score (the lowest id on ties), or undefined before any report. */
  get best(): PbtMember | undefined {
    let best: PbtMember | undefined;
    for (const m of this.memberList) {
      if (m.score === null || !Number.isFinite(m.score)) continue;
      if (!best || isBetter(this.direction, m.score, best.score!)) best = m;
    }
    return best;
  }

  /**
   * Exploit/explore for member `id` against the members that reported the same step; an exploit
   * is applied (the member takes the new params) and logged. The caller copies the weights.
   */
  exploitExplore(id: number, rng: Rng): PbtDecision {
    const me = this.member(id);
    const peers = this.memberList
      .filter((m) => m.step === me.step && m.score !== null)
      .map((m) => ({ id: m.id, params: m.params, score: m.score! }));
    const decision = exploitExplore({
      space: this.space,
      options: this.options,
      direction: this.direction,
      step: me.step,
      memberId: id,
      peers,
      rng,
    });
    if (decision.exploit) {
      this.eventList.push(decision.event);
      this.memberList[id] = { ...me, params: decision.event.newParams };
    }
    return decision;
  }

  /** The exploit events that shaped member `id`'s current weights, oldest first. */
  lineage(id: number): PbtEvent[] {
    return lineageOf(this.eventList, this.member(id).id);
  }

  /** The replayable schedule of member `id`'s current weights (see scheduleOf). */
  schedule(id: number): PbtSchedule {
    this.member(id);
    return scheduleOf(this.eventList, (m) => this.member(m).initialParams, id);
  }
}
