// Search spaces: the JSON shape users write, validated once into a `Space` whose parameters are in
// dependency order (a condition's parent always comes before the parameter it gates), so every
// sampler can decide activity in a single pass.

/** A value a parameter can take: numbers for float/int, any of these for categorical/constant. */
export type ParamValue = string | number | boolean;

/** One configuration: parameter name -> value. Only active parameters appear. */
export type Params = Record<string, ParamValue>;

/** `when: { optimizer: ['sgd'] }`: active only when every listed parent takes one of the values. */
export type Condition = Readonly<Record<string, readonly ParamValue[]>>;

interface ParamBase {
  /** Parameter exists only when this holds (and its parents are themselves active). */
  readonly when?: Condition;
  /** Population-based training may change this value while a trial trains. */
  readonly mutable?: boolean;
}

export interface FloatParam extends ParamBase {
  readonly type: 'float';
  readonly low: number;
  readonly high: number;
  /** Sample uniformly in log space; needs low > 0; excludes `step`. */
  readonly log?: boolean;
  /** Values are low + k * step (the top is the last such value not above high). */
  readonly step?: number;
}

export interface IntParam extends ParamBase {
  readonly type: 'int';
  readonly low: number;
  readonly high: number;
  readonly log?: boolean;
  readonly step?: number;
}

export interface CategoricalParam extends ParamBase {
  readonly type: 'categorical';
  readonly choices: readonly ParamValue[];
}

export interface ConstantParam extends ParamBase {
  readonly type: 'constant';
  readonly value: ParamValue;
}

export type ParamSpec = FloatParam | IntParam | CategoricalParam | ConstantParam;

/** The JSON users write: name -> parameter, in any order. */
export type SpaceJSON = Readonly<Record<string, ParamSpec>>;

export type Parameter = ParamSpec & { readonly name: string };
/** A float or int parameter. */
export type NumericParameter = Extract<Parameter, { type: 'float' | 'int' }>;
/** A parameter samplers choose (everything but constants). */
export type SearchedParameter = Exclude<Parameter, { type: 'constant' }>;

export interface Space {
  /** Every parameter, parents before the parameters their conditions gate. */
  readonly parameters: readonly Parameter[];
  /** The validated JSON, as given (key order kept), for serialization. */
  readonly json: SpaceJSON;
}

/** Bad space: `param` names the offending parameter. */
export class SpaceError extends Error {
  override readonly name = 'SpaceError';
  constructor(
    readonly param: string,
    detail: string,
  ) {
    super(`${param}: ${detail}`);
  }
}

const FIELDS: Record<ParamSpec['type'], readonly string[]> = {
  float: ['type', 'low', 'high', 'log', 'step', 'when', 'mutable'],
  int: ['type', 'low', 'high', 'log', 'step', 'when', 'mutable'],
  categorical: ['type', 'choices', 'when', 'mutable'],
  constant: ['type', 'value', 'when', 'mutable'],
};

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isParamValue(x: unknown): x is ParamValue {
  return (
    typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))
  );
}

function show(x: unknown): string {
  const text = typeof x === 'string' ? JSON.stringify(x) : String(x);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Sizes of a space: far past any real search, small enough that validating and sampling stay
 * linear and fast (every check below is linear in these, never a product of two of them).
 */
export const SPACE_LIMITS = {
  parameters: 1000,
  /** Choices of a categorical, and values a condition lists. */
  choices: 1000,
  nameLength: 200,
  /** A string choice or constant. */
  stringLength: 1000,
} as const;

function checkValueLength(name: string, v: ParamValue): void {
  if (typeof v === 'string' && v.length > SPACE_LIMITS.stringLength) {
    throw new SpaceError(
      name,
      `string values must be <= ${SPACE_LIMITS.stringLength} characters, got ${v.length}`,
    );
  }
}

function validateNumeric(name: string, raw: Record<string, unknown>): void {
  const { type, low, high, log, step } = raw;
  for (const [field, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SpaceError(name, `${field} must be a finite number, got ${show(v)}`);
    }
    if (type === 'int' && !Number.isInteger(v)) {
      throw new SpaceError(name, `${field} must be an integer, got ${v}`);
    }
  }
  const lo = low as number;
  const hi = high as number;
  if (!(lo < hi)) throw new SpaceError(name, `low must be < high, got low=${lo} high=${hi}`);
  if (log !== undefined && typeof log !== 'boolean') {
    throw new SpaceError(name, `log must be true or false, got ${show(log)}`);
  }
  if (log === true && lo <= 0) {
    throw new SpaceError(name, `a log range must be above zero, got low=${lo}`);
  }
  if (step !== undefined) {
    if (log === true) throw new SpaceError(name, 'step cannot be combined with log');
    if (typeof step !== 'number' || !(step > 0)) {
      throw new SpaceError(name, `step must be a number > 0, got ${show(step)}`);
    }
    if (type === 'int' && !Number.isInteger(step)) {
      throw new SpaceError(name, `step must be an integer, got ${step}`);
    }
    if (step > hi - lo) {
      throw new SpaceError(name, `step must be <= high - low (${hi - lo}), got ${step}`);
    }
  }
}

function validateParam(name: string, raw: unknown): ParamSpec {
  if (!isRecord(raw)) throw new SpaceError(name, 'must be an object with a "type"');
  const type = raw.type;
  if (typeof type !== 'string' || !(type in FIELDS)) {
    throw new SpaceError(
      name,
      `type must be one of ${Object.keys(FIELDS).join(', ')}, got ${show(type)}`,
    );
  }
  const allowed = FIELDS[type as ParamSpec['type']];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) {
      throw new SpaceError(name, `unknown field "${key}" for a ${type} parameter`);
    }
  }
  if (type === 'float' || type === 'int') validateNumeric(name, raw);
  if (type === 'categorical') {
    const { choices } = raw;
    if (!Array.isArray(choices) || choices.length === 0) {
      throw new SpaceError(name, 'choices must be a non-empty array');
    }
    if (choices.length > SPACE_LIMITS.choices) {
      throw new SpaceError(
        name,
        `choices must be <= ${SPACE_LIMITS.choices} values, got ${choices.length}`,
      );
    }
    const seen = new Set<ParamValue>();
    for (const c of choices) {
      if (!isParamValue(c)) {
        throw new SpaceError(
          name,
          `choices must be strings, finite numbers or booleans, got ${show(c)}`,
        );
      }
      checkValueLength(name, c);
      if (seen.has(c)) throw new SpaceError(name, `duplicate choice ${show(c)}`);
      seen.add(c);
    }
  }
  if (type === 'constant') {
    if (!isParamValue(raw.value)) {
      throw new SpaceError(
        name,
        `value must be a string, finite number or boolean, got ${show(raw.value)}`,
      );
    }
    checkValueLength(name, raw.value);
  }
  if (raw.mutable !== undefined && typeof raw.mutable !== 'boolean') {
    throw new SpaceError(name, `mutable must be true or false, got ${show(raw.mutable)}`);
  }
  return raw as unknown as ParamSpec;
}

/** The values a parent can take, to check a condition names reachable values. */
function admits(parent: ParamSpec, choices: ReadonlySet<ParamValue>, v: ParamValue): boolean {
  switch (parent.type) {
    case 'categorical':
      return choices.has(v);
    case 'constant':
      return parent.value === v;
    case 'int':
      return Number.isInteger(v) && (v as number) >= parent.low && (v as number) <= parent.high;
    case 'float':
      return false;
  }
}

function validateCondition(name: string, when: unknown, specs: Map<string, ParamSpec>): void {
  if (!isRecord(when) || Object.keys(when).length === 0) {
    throw new SpaceError(name, 'when must be an object like { "optimizer": ["sgd"] }');
  }
  for (const [parentName, values] of Object.entries(when)) {
    const parent = specs.get(parentName);
    if (!parent) throw new SpaceError(name, `condition on unknown parameter "${parentName}"`);
    if (parentName === name) throw new SpaceError(name, 'a parameter cannot depend on itself');
    if (parent.type === 'float') {
      throw new SpaceError(
        name,
        `condition on float parameter "${parentName}" (use categorical or int)`,
      );
    }
    if (!Array.isArray(values) || values.length === 0 || values.length > SPACE_LIMITS.choices) {
      throw new SpaceError(
        name,
        `when.${parentName} must be an array of 1..${SPACE_LIMITS.choices} values`,
      );
    }
    const choices = new Set(parent.type === 'categorical' ? parent.choices : []);
    for (const v of values) {
      if (!isParamValue(v) || !admits(parent, choices, v)) {
        throw new SpaceError(
          name,
          `when.${parentName}: "${parentName}" never takes the value ${show(v)}`,
        );
      }
    }
  }
}

/** Parents before children; a cycle is an error naming one of its parameters. */
function dependencyOrder(names: readonly string[], specs: Map<string, ParamSpec>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string): void => {
    const s = state.get(n);
    if (s === 'done') return;
    if (s === 'visiting') throw new SpaceError(n, 'conditions form a cycle');
    state.set(n, 'visiting');
    for (const parent of Object.keys(specs.get(n)!.when ?? {})) visit(parent);
    state.set(n, 'done');
    order.push(n);
  };
  for (const n of names) visit(n);
  return order;
}

/**
 * Validates a space given as a parsed object. A parsed object cannot hold duplicate names; the
 * sweep file's YAML reader refuses them, on their line.
 */
export function validateSpace(json: unknown): Space {
  if (!isRecord(json)) throw new SpaceError('space', 'must be an object of parameters');
  const names = Object.keys(json);
  if (names.length === 0) throw new SpaceError('space', 'needs at least one parameter');
  if (names.length > SPACE_LIMITS.parameters) {
    throw new SpaceError(
      'space',
      `must have <= ${SPACE_LIMITS.parameters} parameters, got ${names.length}`,
    );
  }
  const specs = new Map<string, ParamSpec>();
  for (const name of names) {
    if (name.trim() === '') throw new SpaceError(JSON.stringify(name), 'names must not be blank');
    if (name.length > SPACE_LIMITS.nameLength) {
      throw new SpaceError(
        show(name),
        `names must be <= ${SPACE_LIMITS.nameLength} characters, got ${name.length}`,
      );
    }
    specs.set(name, validateParam(name, json[name]));
  }
  for (const [name, spec] of specs) {
    if (spec.when !== undefined) validateCondition(name, spec.when, specs);
  }
  const parameters = dependencyOrder(names, specs).map((name) => ({ ...specs.get(name)!, name }));
  return { parameters, json: structuredClone(json) as SpaceJSON };
}

/** Whether `param` exists given the values already decided for its parents. */
export function isActive(param: Parameter, params: Params): boolean {
  if (!param.when) return true;
  for (const [parent, values] of Object.entries(param.when)) {
    if (!(parent in params) || !values.includes(params[parent])) return false;
  }
  return true;
}

/**
 * Checks a full configuration against the space (for enqueued or externally added trials):
 * every active parameter present with a legal value, no inactive or unknown ones.
 */
export function validateParams(space: Space, params: unknown): Params {
  if (!isRecord(params)) throw new SpaceError('params', 'must be an object');
  const known = new Set(space.parameters.map((p) => p.name));
  for (const key of Object.keys(params)) {
    if (!known.has(key)) throw new SpaceError(key, 'not a parameter of the space');
  }
  const out: Params = {};
  for (const p of space.parameters) {
    const v = params[p.name];
    if (!isActive(p, out)) {
      if (v !== undefined) throw new SpaceError(p.name, 'given but inactive under its condition');
      continue;
    }
    if (v === undefined) throw new SpaceError(p.name, 'missing');
    if (!isLegal(p, v)) throw new SpaceError(p.name, `illegal value ${show(v)}`);
    out[p.name] = v as ParamValue;
  }
  return out;
}

/** Number of distinct values of a stepped float or an int (with its step), else null. */
export function levels(p: Parameter): number | null {
  if (p.type === 'int' && p.log) return null;
  if (p.type === 'int' || (p.type === 'float' && p.step !== undefined)) {
    const step = p.step ?? 1;
    // The epsilon keeps 0.1-style float steps from losing their top value to rounding.
    return Math.floor((p.high - p.low) / step + 1e-9) + 1;
  }
  return null;
}

/** Whether `v` is a value `p` can take (in range, on its step, one of its choices). */
export function isLegal(p: Parameter, v: unknown): boolean {
  switch (p.type) {
    case 'constant':
      return v === p.value;
    case 'categorical':
      return p.choices.includes(v as ParamValue);
    case 'float':
    case 'int': {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < p.low || v > p.high) return false;
      if (p.type === 'int' && !Number.isInteger(v)) return false;
      if (p.step === undefined) return true;
      const k = (v - p.low) / p.step;
      return Math.abs(k - Math.round(k)) < 1e-6;
    }
  }
}
