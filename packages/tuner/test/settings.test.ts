import { describe, expect, it } from 'vitest';
import {
  OptionsError,
  SAMPLERS,
  STOPPERS,
  describeSettings,
  validateSpace,
  type Bound,
  type SettingDescriptor,
} from '../src/index.js';

// Every declared setting against the validator the algorithm really runs (its factory's create):
// the default is accepted, each bound is accepted at the bound and refused just past it with an
// error naming the setting, so the catalogue (and the form) can never show a range the tuner does
// not enforce.

const SPACE = validateSpace({ x: { type: 'float', low: 0, high: 1 } });
/** Settings an algorithm needs besides the one under test (required ones). */
const BASE: Record<string, Record<string, unknown>> = {
  hyperband: { maxResource: 81 },
  threshold: { bound: 1 },
};

const algorithms = [
  ...Object.values(SAMPLERS).map((f) => ({
    role: 'sampler',
    type: f.type,
    settings: f.settings,
    defaults: f.defaults,
    create: (options: Record<string, unknown>) => f.create({ options, space: SPACE, seed: 1 }),
  })),
  ...Object.values(STOPPERS).map((f) => ({
    role: 'stopper',
    type: f.type,
    settings: f.settings,
    defaults: f.defaults,
    create: (options: Record<string, unknown>) => f.create({ options }),
  })),
];

/** The field the validator refuses `options` for, or null when it accepts them. */
function refusedField(create: (o: Record<string, unknown>) => unknown, options: object) {
  try {
    create(options as Record<string, unknown>);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(OptionsError);
    return (err as OptionsError).field;
  }
}

const num = (b: Bound | undefined) => (typeof b === 'number' ? b : undefined);
/** A number just past `b` on the side `dir` (-1 below, +1 above), an integer for int settings. */
const past = (s: SettingDescriptor, b: number, dir: -1 | 1) =>
  s.kind === 'int' ? b + dir : b + dir * Math.max(Math.abs(b) * 1e-9, 1e-9);

describe.each(algorithms)('$role $type', ({ type, settings, defaults, create }) => {
  const base = BASE[type] ?? {};
  const descriptors = describeSettings(settings);
  const check = (key: string, value: unknown) => refusedField(create, { ...base, [key]: value });

  it('derives its defaults from its settings and accepts them', () => {
    expect(defaults).toEqual(Object.fromEntries(descriptors.map((s) => [s.key, s.default])));
    expect(refusedField(create, base)).toBeNull();
  });

  it('has a one-line help for every setting', () => {
    for (const s of descriptors) expect(s.help).toMatch(/^[^\n]{10,160}$/);
  });

  it.each(descriptors)('$key: enforced as declared', (s) => {
    const at = (value: unknown) => expect(check(s.key, value), `${s.key} = ${value}`);
    const wrap = (v: number) => (s.kind === 'reals' ? [v] : v);
    const field = s.kind === 'reals' ? `${s.key}.0` : s.key;
    if (s.required) expect(check(s.key, null)).toBe(s.key);
    if (s.nullable) at(null).toBeNull();
    if (s.kind === 'int' || s.kind === 'real' || s.kind === 'reals') {
      for (const [b, dir] of [
        [num(s.min), -1],
        [num(s.max), 1],
      ] as const) {
        if (b === undefined) continue;
        expect(check(s.key, wrap(b))).not.toBe(field);
        expect(check(s.key, wrap(past(s, b, dir)))).toBe(field);
      }
      const above = num(s.above);
      if (above !== undefined) {
        expect(check(s.key, wrap(above))).toBe(field);
        expect(check(s.key, wrap(past(s, above, 1)))).not.toBe(field);
      }
      expect(check(s.key, wrap(Number.NaN))).toBe(field);
      if (s.kind === 'int') expect(check(s.key, (num(s.min) ?? 0) + 0.5)).toBe(s.key);
    }
    if (s.kind === 'reals') {
      expect(check(s.key, [])).toBe(s.items!.min > 0 ? s.key : null);
      expect(check(s.key, Array(s.items!.max + 1).fill(wrap(1)))).toBe(s.key);
    }
    if (s.kind === 'bool') {
      at(!s.default).toBeNull();
      at('yes').toBe(s.key);
    }
    if (s.kind === 'enum') {
      for (const choice of s.choices!) at(choice).toBeNull();
      at('no-such-choice').toBe(s.key);
    }
    if (s.kind === 'values') at([1, 2]).toBe(s.key);
  });
});

describe('bounds given by another setting', () => {
  it('evolution: tournamentSize <= populationSize', () => {
    const create = (o: object) => () =>
      SAMPLERS.evolution.create({ options: o as never, space: SPACE, seed: 1 });
    expect(create({ populationSize: 4, tournamentSize: 4 })).not.toThrow();
    expect(create({ populationSize: 4, tournamentSize: 5 })).toThrow(
      'tournamentSize must be <= populationSize (4), got 5',
    );
  });

  it('asha and hyperband: maxResource > minResource', () => {
    for (const type of ['asha', 'hyperband']) {
      const create = (o: object) => () => STOPPERS[type].create({ options: o as never });
      expect(create({ minResource: 2, maxResource: 3 })).not.toThrow();
      expect(create({ minResource: 3, maxResource: 3 })).toThrow(
        'maxResource must be > minResource (3), got 3',
      );
    }
  });
});
