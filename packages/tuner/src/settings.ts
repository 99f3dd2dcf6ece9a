// Algorithm settings as data. Each sampler and stopper declares its settings once: kind, default,
// bounds and a one-line help. Its defaults, its validation (resolveSettings) and the fields the
// new-sweep form draws are all derived from that one declaration, so a bound has one home.

import { OptionsError, checkNumber, checkOneOf, mergeOptions, showValue } from './options.js';
import type { ParamValue } from './space.js';

/** A bound given by another setting of the same algorithm (tournamentSize <= populationSize). */
export interface SettingRef {
  readonly setting: string;
}
export type Bound = number | SettingRef;

export type SettingKind = 'int' | 'real' | 'bool' | 'enum' | 'reals' | 'values';

export interface Setting {
  /**
   * int / real: a number; bool; enum: one of `choices`; reals: a list of numbers (each within the
   * bounds, `items` of them); values: per parameter name, the list of values to try (grid).
   */
  readonly kind: SettingKind;
  readonly default: number | boolean | string | readonly number[] | null | object;
  /** One line: what the setting does, and where its default comes from when it is published. */
  readonly help: string;
  /** Inclusive lower bound. */
  readonly min?: Bound;
  /** Exclusive lower bound. */
  readonly above?: Bound;
  /** Inclusive upper bound. */
  readonly max?: Bound;
  readonly choices?: readonly string[];
  /** reals: how many numbers the list holds. */
  readonly items?: { readonly min: number; readonly max: number };
  /** null is allowed and means what `help` says (e.g. derived from the space). */
  readonly nullable?: boolean;
  /** The default is null and a value must be given. */
  readonly required?: boolean;
}

export type Settings = Readonly<Record<string, Setting>>;

/** A setting as the catalogue and the form see it: the declaration with its key. */
export type SettingDescriptor = Setting & { readonly key: string };

type ValueOf<S extends Setting> =
  | (S['kind'] extends 'int' | 'real'
      ? number
      : S['kind'] extends 'bool'
        ? boolean
        : S['kind'] extends 'enum'
          ? NonNullable<S['choices']>[number]
          : S['kind'] extends 'reals'
            ? readonly number[]
            : Readonly<Record<string, readonly ParamValue[]>>)
  | (S['nullable'] extends true ? null : S['required'] extends true ? null : never);

/** The options object an algorithm works with, typed from its declaration. */
export type OptionsOf<S extends Settings> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** Keeps the literal types of a declaration (choices, kinds) for OptionsOf. */
export function defineSettings<const S extends Settings>(settings: S): S {
  return settings;
}

export function defaultsOf<S extends Settings>(settings: S): OptionsOf<S> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, s]) => [key, s.default]),
  ) as OptionsOf<S>;
}

export function describeSettings(settings: Settings): SettingDescriptor[] {
  return Object.entries(settings).map(([key, s]) => ({ key, ...s }));
}

/** `given` merged over the defaults, every setting checked against its declaration. */
export function resolveSettings<S extends Settings>(
  owner: string,
  settings: S,
  given: Readonly<Record<string, unknown>>,
): OptionsOf<S> {
  const o = mergeOptions(owner, defaultsOf(settings), given) as Record<string, unknown>;
  // In declaration order, so a setting another one refers to is checked first.
  for (const [key, s] of Object.entries(settings)) checkSetting(owner, key, s, o);
  return o as OptionsOf<S>;
}

function checkSetting(
  owner: string,
  key: string,
  s: Setting,
  o: Readonly<Record<string, unknown>>,
): void {
  const value = o[key];
  if (value === null && s.required) {
    throw new OptionsError(key, `${key} is required for ${owner}, got null`);
  }
  if (value === null && s.nullable) return;
  switch (s.kind) {
    case 'int':
    case 'real':
      checkBounded(key, value, s, o);
      return;
    case 'bool':
      if (typeof value !== 'boolean') {
        throw new OptionsError(key, `${key} must be true or false, got ${showValue(value)}`);
      }
      return;
    case 'enum':
      checkOneOf(key, value, s.choices ?? []);
      return;
    case 'reals': {
      const { min, max } = s.items ?? { min: 0, max: Infinity };
      if (!Array.isArray(value) || value.length < min || value.length > max) {
        throw new OptionsError(
          key,
          `${key} must be an array of ${min}..${max} numbers, got ${showValue(value)}`,
        );
      }
      value.forEach((v, i) => checkBounded(`${key}.${i}`, v, s, o));
      return;
    }
    case 'values':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new OptionsError(
          key,
          `${key} must be an object of parameter name -> list of values, got ${showValue(value)}`,
        );
      }
      return;
  }
}

/** A number within the declared bounds; a bound that names another setting says which. */
function checkBounded(
  field: string,
  value: unknown,
  s: Setting,
  o: Readonly<Record<string, unknown>>,
): void {
  const fixed = (b: Bound | undefined) => (typeof b === 'number' ? b : undefined);
  checkNumber(field, value, {
    integer: s.kind === 'int',
    min: fixed(s.min),
    above: fixed(s.above),
    max: fixed(s.max),
  });
  const n = value as number;
  for (const [bound, op, fails] of [
    [s.min, '>=', (b: number) => n < b],
    [s.above, '>', (b: number) => n <= b],
    [s.max, '<=', (b: number) => n > b],
  ] as const) {
    if (bound === undefined || typeof bound === 'number') continue;
    const b = o[bound.setting];
    if (typeof b === 'number' && fails(b)) {
      throw new OptionsError(field, `${field} must be ${op} ${bound.setting} (${b}), got ${n}`);
    }
  }
}
