// Every registered sampler through the same cases: all parameter kinds, conditional spaces,
// NaN objectives, seeds, pending trials, and the toJSON/loadStudy round trip.

import { describe, expect, it } from 'vitest';
import {
  createStudy,
  loadStudy,
  OptionsError,
  paramsKey,
  SAMPLERS,
  validateParams,
  validateSpace,
  type Params,
  type Study,
} from '../src/index.js';

const MIXED = {
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  dropout: { type: 'float', low: 0, high: 0.5, step: 0.05 },
  layers: { type: 'int', low: 1, high: 4 },
  width: { type: 'int', low: 8, high: 512, log: true },
  batch: { type: 'int', low: 16, high: 256, step: 16 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
  nesterov: { type: 'categorical', choices: [true, false], when: { optimizer: ['sgd'] } },
  beta2: { type: 'float', low: 0.9, high: 0.9999, when: { optimizer: ['adam'] } },
  epochs: { type: 'constant', value: 20 },
};

const CONTINUOUS = {
  x: { type: 'float', low: -5, high: 10 },
  y: { type: 'float', low: 0, high: 15 },
};

/** 50 points: a small discrete space where duplicates are likely unless pending trials count. */
const SMALL = {
  a: { type: 'int', low: 0, high: 9 },
  b: { type: 'categorical', choices: ['p', 'q', 'r', 's', 't'] },
};

/** The cases' spaces for samplers that search numbers only (cmaes): same kinds minus categoricals. */
const NUMERIC = {
  lr: MIXED.lr,
  dropout: MIXED.dropout,
  layers: MIXED.layers,
  width: MIXED.width,
  batch: MIXED.batch,
  momentum: { type: 'float', low: 0, high: 0.99, when: { layers: [3, 4] } },
  epochs: MIXED.epochs,
};
const SMALL_NUMERIC = { a: SMALL.a, b: { type: 'int', low: 0, high: 4 } };

/** A sampler that cannot search categoricals says so at creation, naming sampler.type. */
function acceptsCategoricals(type: string): boolean {
  try {
    make(type, SMALL);
    return true;
  } catch (e) {
    if (e instanceof OptionsError && e.field === 'sampler.type') return false;
    throw e;
  }
}

/** Deterministic objective over any params: numbers summed, strings by length. */
function objective(params: Params): number {
  let sum = 0;
  for (const v of Object.values(params)) {
    sum +=
      typeof v === 'number'
        ? Math.log1p(Math.abs(v))
        : typeof v === 'string'
          ? v.length
          : v
            ? 1
            : 0;
  }
  return sum;
}

function make(type: string, space: object, seed = 7): Study {
  return createStudy({ space, direction: 'minimize', sampler: { type, seed } });
}

function run(
  study: Study,
  n: number,
  value: (p: Params, i: number) => number = objective,
): Params[] {
  const seen: Params[] = [];
  for (let i = 0; i < n; i++) {
    const t = study.ask();
    seen.push(t.params);
    study.tell(t.id, value(t.params, i));
  }
  return seen;
}

describe.each(Object.keys(SAMPLERS))('%s sampler', (type) => {
  const categoricals = acceptsCategoricals(type);
  const MIXED_SPACE = categoricals ? MIXED : NUMERIC;
  const SMALL_SPACE = categoricals ? SMALL : SMALL_NUMERIC;

  it('emits legal params of every kind, with only active conditional parameters', () => {
    const space = validateSpace(MIXED_SPACE);
    const study = make(type, MIXED_SPACE);
    for (const params of run(study, 30)) {
      expect(validateParams(space, params)).toEqual(params);
      expect(params.epochs).toBe(20);
    }
  });

  it('records NaN objectives as failed trials and keeps sampling', () => {
    const study = make(type, CONTINUOUS);
    run(study, 24, (p, i) => (i % 3 === 0 ? NaN : objective(p)));
    expect(study.trials.filter((t) => t.state === 'failed')).toHaveLength(8);
    expect(study.bestTrial?.state).toBe('completed');
    expect(Number.isFinite(study.bestTrial?.value)).toBe(true);
  });

  it('repeats the same sequence for the same seed, another for another seed', () => {
    const a = run(make(type, MIXED_SPACE, 3), 20);
    expect(run(make(type, MIXED_SPACE, 3), 20)).toEqual(a);
    expect(run(make(type, MIXED_SPACE, 4), 20)).not.toEqual(a);
  });

  it('continues identically after toJSON/loadStudy mid-study, with trials still running', () => {
    const study = make(type, MIXED_SPACE);
    run(study, 12);
    const running = [study.ask(), study.ask()];
    study.report(running[0].id, 1, 0.5);
    const copy = loadStudy(JSON.parse(JSON.stringify(study.toJSON())));
    expect(copy.trials).toEqual(study.trials);
    for (const s of [study, copy]) for (const t of running) s.tell(t.id, objective(t.params));
    expect(run(copy, 8)).toEqual(run(study, 8));
  });

  it('never proposes the params of a running trial (10 workers asking at once)', () => {
    const study = make(type, SMALL_SPACE);
    run(study, 10);
    const pending = Array.from({ length: 10 }, () => study.ask().params);
    expect(new Set(pending.map(paramsKey)).size).toBe(10);
  });
});
