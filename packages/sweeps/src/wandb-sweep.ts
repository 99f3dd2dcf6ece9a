/**
 * W&B sweep files, as W&B users write them, converted to a sweep file of ours (docs/wandb.md).
 * The mapping follows W&B's own definitions: the sweep-config schema and parameter distributions
 * of wandb/sweeps (src/sweeps/config/schema.json, params.py), its hyperband stopping rule
 * (hyperband_stopping.py) and the agent's command macros (wandb/sdk/wandb_agent.py). A field with
 * no faithful equivalent is an issue, never a silent approximation; fields that only label a run
 * in W&B's UI (project, entity, description) are dropped with a note.
 */

import { ARGS_MACROS } from './command-args.js';

type Path = readonly PropertyKey[];

/** A field that cannot be mapped: where it is in the W&B file, and why. */
export interface WandbIssue {
  path: Path;
  reason: string;
}

export interface WandbConversion {
  /** A sweep file of ours as a plain object, for `SweepSpec` to parse. */
  file: Record<string, unknown>;
  /** What was dropped or read in a particular way, one sentence each. */
  notes: string[];
  /** Where a field of the converted file came from in the W&B file (for errors). */
  sourceOf(path: Path): Path;
}

/** A W&B file with fields that cannot be mapped: all of them, each with its path. */
export class WandbSweepError extends Error {
  override name = 'WandbSweepError';
  constructor(readonly issues: readonly WandbIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.reason}`).join('\n'));
  }
}

/** W&B's required `method`, and none of our keys: the file is W&B's. */
export function isWandbSweep(raw: unknown): raw is Record<string, unknown> {
  return isObject(raw) && 'method' in raw && !('algorithm' in raw) && !('workload' in raw);
}

const METHODS: Record<string, string> = { grid: 'grid', random: 'random', bayes: 'gp' };
const LABELS = ['project', 'entity', 'description', 'controller', 'apiVersion', 'kind'];
const TOP_KEYS = [
  'name',
  'method',
  'metric',
  'parameters',
  'early_terminate',
  'run_cap',
  'program',
  'command',
  ...LABELS,
];

/** The agent's default command (wandb_agent.py): `${env} ${interpreter} ${program} ${args}`. */
const DEFAULT_COMMAND = ['${env}', '${interpreter}', '${program}', '${args}'];

export function convertWandbSweep(
  raw: Record<string, unknown>,
  options: { name: string },
): WandbConversion {
  const issues: WandbIssue[] = [];
  const notes: string[] = [];
  const fail = (path: Path, reason: string) => issues.push({ path, reason });

  for (const key of Object.keys(raw)) {
    if (LABELS.includes(key)) notes.push(`${key}: labels a W&B sweep; not used here`);
    else if (!TOP_KEYS.includes(key))
      fail([key], `W&B's ${key} has no equivalent here (mapped: ${TOP_KEYS.join(', ')})`);
  }

  const method = raw.method;
  const algorithmType = typeof method === 'string' ? METHODS[method] : undefined;
  if (!algorithmType)
    fail(['method'], `must be grid, random or bayes, got ${JSON.stringify(method)}`);

  const metric = convertMetric(raw.metric, fail);
  const { parameters, sources, gridValues } = convertParameters(raw.parameters, method, fail);
  const stopper = convertEarlyTerminate(raw.early_terminate, fail);
  const command = convertCommand(raw.command, raw.program, fail);

  let maxTrials: unknown = raw.run_cap;
  if (maxTrials === undefined) {
    if (method !== 'grid')
      fail(
        ['run_cap'],
        `is needed: W&B runs a ${String(method)} sweep until it is stopped, a sweep here ends after a budget of trials (e.g. run_cap: 50)`,
      );
    // A grid without run_cap runs every point once, as in W&B.
    else maxTrials = gridSize(parameters, gridValues);
  }

  if (issues.length > 0) throw new WandbSweepError(issues);

  const algorithm: Record<string, unknown> = { type: algorithmType };
  if (Object.keys(gridValues).length > 0) algorithm.values = gridValues;
  const file: Record<string, unknown> = {
    name: typeof raw.name === 'string' ? raw.name : options.name,
    workload: { command },
    metric,
    parameters,
    algorithm,
    ...(stopper && { stopper }),
    budget: { maxTrials },
  };
  return {
    file,
    notes,
    sourceOf: (path) => {
      const [head, second, ...rest] = path;
      if (head === 'parameters' && typeof second === 'string')
        return [...(sources[second] ?? ['parameters']), ...rest];
      if (head === 'algorithm') return ['method'];
      if (head === 'stopper') return ['early_terminate'];
      if (head === 'budget') return ['run_cap'];
      if (head === 'workload') return raw.command === undefined ? ['program'] : ['command'];
      if (head === 'name') return ['name'];
      return path;
    },
  };
}

type Fail = (path: Path, reason: string) => void;

function convertMetric(metric: unknown, fail: Fail): Record<string, unknown> | undefined {
  if (metric === undefined) {
    fail(['metric'], 'is needed: the name of the metric to optimize and its goal');
    return undefined;
  }
  if (!isObject(metric)) {
    fail(['metric'], 'must be a mapping with name and goal');
    return undefined;
  }
  for (const key of Object.keys(metric))
    if (key === 'target')
      fail(
        ['metric', 'target'],
        'ending the sweep when a run reaches a value has no equivalent here; remove it',
      );
    else if (key === 'impute' || key === 'impute_while_running')
      fail(['metric', key], `W&B's bayes imputation has no equivalent here; remove it`);
    else if (key !== 'name' && key !== 'goal')
      fail(['metric', key], 'unknown field (W&B metric fields: name, goal, target)');
  // W&B's default goal is minimize (schema.json, definitions.metric.goal).
  return { name: metric.name, goal: metric.goal ?? 'minimize' };
}

interface ConvertedParameters {
  parameters: Record<string, Record<string, unknown>>;
  /** Our flat name -> its path in the W&B file. */
  sources: Record<string, Path>;
  /** For a grid: every value of each numeric parameter, as W&B's grid enumerates them. */
  gridValues: Record<string, unknown[]>;
}

function convertParameters(raw: unknown, method: unknown, fail: Fail): ConvertedParameters {
  const out: ConvertedParameters = { parameters: {}, sources: {}, gridValues: {} };
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    fail(['parameters'], 'must map parameter names to their values or distributions');
    return out;
  }
  const walk = (params: Record<string, unknown>, prefix: string, at: Path) => {
    for (const [key, spec] of Object.entries(params)) {
      const path = [...at, key];
      const name = prefix + key;
      if (!isObject(spec)) {
        fail(path, 'must be a mapping (value, values, min/max, distribution or parameters)');
        continue;
      }
      // Nested parameters (W&B's param_dict) become dotted names: optimizer.lr.
      if ('parameters' in spec && isObject(spec.parameters)) {
        walk(spec.parameters, `${name}.`, [...path, 'parameters']);
        continue;
      }
      const converted = convertParameter(spec, path, method === 'grid', fail);
      if (!converted) continue;
      out.parameters[name] = converted.parameter;
      out.sources[name] = path;
      if (converted.gridValues) out.gridValues[name] = converted.gridValues;
    }
  };
  walk(raw, '', ['parameters']);
  return out;
}

const PARAMETER_KEYS = [
  'value',
  'values',
  'distribution',
  'min',
  'max',
  'q',
  'mu',
  'sigma',
  'a',
  'b',
  'probabilities',
];

/** Unbounded or weighted distributions: our spaces are bounded boxes sampled uniformly. */
const UNMAPPABLE: Record<string, string> = {
  normal: 'is unbounded; give min/max with distribution uniform instead',
  q_normal: 'is unbounded; give min/max with distribution q_uniform instead',
  log_normal: 'is unbounded; give min/max with distribution log_uniform_values instead',
  q_log_normal: 'is unbounded; give min/max with distribution log_uniform_values instead',
  beta: 'has no equivalent here; give min/max with distribution uniform instead',
  q_beta: 'has no equivalent here; give min/max with distribution q_uniform instead',
  categorical_w_probabilities: 'weights on values have no equivalent here; use values alone',
};

function convertParameter(
  spec: Record<string, unknown>,
  path: Path,
  grid: boolean,
  fail: Fail,
): { parameter: Record<string, unknown>; gridValues?: unknown[] } | null {
  for (const key of Object.keys(spec))
    if (!PARAMETER_KEYS.includes(key))
      fail([...path, key], `unknown field (W&B parameter fields: ${PARAMETER_KEYS.join(', ')})`);
  const distribution = inferDistribution(spec);
  const at = [...path, 'distribution'];
  if (distribution in UNMAPPABLE) {
    fail(at, `${distribution} ${UNMAPPABLE[distribution]}`);
    return null;
  }
  const { min, max } = spec;
  const q = spec.q ?? 1;
  const bounded = (): [number, number] | null => {
    if (typeof min !== 'number' || typeof max !== 'number') {
      fail(path, `${distribution} needs numbers min and max`);
      return null;
    }
    return [min, max];
  };
  switch (distribution) {
    case 'constant':
      return { parameter: { type: 'constant', value: spec.value } };
    case 'categorical': {
      const values = spec.values;
      if (!Array.isArray(values) || values.some((v) => typeof v === 'object' && v !== null)) {
        fail(
          [...path, 'values'],
          'must be a list of strings, numbers or booleans (lists and mappings as values have no equivalent here)',
        );
        return null;
      }
      return { parameter: { type: 'categorical', choices: values } };
    }
    case 'int_uniform': {
      const b = bounded();
      if (!b) return null;
      return {
        parameter: { type: 'int', low: b[0], high: b[1] },
        ...(grid && { gridValues: range(b[0], b[1], 1) }),
      };
    }
    case 'uniform': {
      const b = bounded();
      if (!b) return null;
      if (grid) fail(at, 'a grid needs values, int_uniform or q_uniform (as in W&B)');
      return { parameter: { type: 'float', low: b[0], high: b[1] } };
    }
    case 'q_uniform': {
      const b = bounded();
      if (!b || typeof q !== 'number' || !(q > 0)) return null;
      // W&B rounds uniform draws to multiples of q (params.py); values on our step grid from min.
      if (Math.abs(Math.round(b[0] / q) * q - b[0]) > 1e-12)
        fail([...path, 'min'], `must be a multiple of q (${q}) so the values match W&B's`);
      const integral = [b[0], b[1], q].every(Number.isInteger);
      const parameter = { type: integral ? 'int' : 'float', low: b[0], high: b[1], step: q };
      return { parameter, ...(grid && { gridValues: range(b[0], b[1], q) }) };
    }
    case 'log_uniform':
    case 'inv_log_uniform': {
      const b = bounded();
      if (!b) return null;
      if (grid) fail(at, 'a grid needs values, int_uniform or q_uniform (as in W&B)');
      // log_uniform: exp(U(min, max)); inv_log_uniform: exp(-U(min, max)) (params.py).
      const [low, high] =
        distribution === 'log_uniform'
          ? [Math.exp(b[0]), Math.exp(b[1])]
          : [Math.exp(-b[1]), Math.exp(-b[0])];
      return { parameter: { type: 'float', low, high, log: true } };
    }
    case 'log_uniform_values':
    case 'inv_log_uniform_values': {
      const b = bounded();
      if (!b) return null;
      if (grid) fail(at, 'a grid needs values, int_uniform or q_uniform (as in W&B)');
      // The reciprocal of a log-uniform variable is log-uniform: both sample [min, max] in log space.
      return { parameter: { type: 'float', low: b[0], high: b[1], log: true } };
    }
    case 'q_log_uniform':
    case 'q_log_uniform_values': {
      const b = bounded();
      if (!b) return null;
      const [low, high] = distribution === 'q_log_uniform' ? b.map(Math.exp) : b;
      // Integers in log space are ours (int, log); other quantized log spaces are not.
      if (q === 1 && Number.isInteger(low) && Number.isInteger(high) && !grid)
        return { parameter: { type: 'int', low, high, log: true } };
      fail(at, `${distribution} maps only with q 1 and integer bounds, outside a grid`);
      return null;
    }
    default:
      fail(at, `unknown distribution ${JSON.stringify(distribution)}`);
      return null;
  }
}

/** W&B's inference when `distribution` is absent (schema.json; docs, "sweep config keys"). */
function inferDistribution(spec: Record<string, unknown>): string {
  if (typeof spec.distribution === 'string') return spec.distribution;
  if ('value' in spec) return 'constant';
  if ('values' in spec) return 'categorical';
  if (Number.isInteger(spec.min) && Number.isInteger(spec.max)) return 'int_uniform';
  return 'uniform';
}

/**
 * W&B's hyperband (hyperband_stopping.py) stops a run whose value at a band is outside the top
 * 1/eta of the runs that reached it: ASHA's rung rule. Bands are min_iter * eta^k, or
 * max_iter / eta^i for i = 1..s, so ASHA's first rung is min_iter or max_iter / eta^s.
 */
function convertEarlyTerminate(raw: unknown, fail: Fail): Record<string, unknown> | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw) || raw.type !== 'hyperband') {
    fail(['early_terminate', 'type'], 'must be hyperband, the one W&B stopping rule');
    return null;
  }
  for (const key of Object.keys(raw))
    if (!['type', 'min_iter', 'max_iter', 's', 'eta', 'strict'].includes(key))
      fail(['early_terminate', key], 'unknown field (W&B: min_iter, max_iter, s, eta, strict)');
  // eta 3 is W&B's default (schema.json, hyperband_stopping.eta).
  const eta = raw.eta ?? 3;
  if (typeof eta !== 'number' || eta < 2) {
    fail(['early_terminate', 'eta'], `must be a number >= 2 here (ASHA's bound), got ${eta}`);
    return null;
  }
  if (typeof raw.max_iter === 'number') {
    const s = raw.s;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 1) {
      fail(['early_terminate', 's'], 'must be an integer >= 1 with max_iter');
      return null;
    }
    const first = Math.floor(raw.max_iter / eta ** s);
    if (first < 1) {
      fail(['early_terminate', 's'], `max_iter / eta^s is below 1 step (${raw.max_iter}, ${s})`);
      return null;
    }
    return { type: 'asha', minResource: first, reductionFactor: eta, maxResource: raw.max_iter };
  }
  if (typeof raw.min_iter === 'number')
    return { type: 'asha', minResource: raw.min_iter, reductionFactor: eta };
  fail(['early_terminate'], 'needs min_iter, or max_iter with s');
  return null;
}

/**
 * The agent's macros (wandb_agent.py): `${env}` is /usr/bin/env, which only finds the program on
 * PATH as our runner does, so it is dropped; `${interpreter}` is the agent's own Python, python3
 * here; `${program}` is `program`; the `${args...}` forms stay, for the command runner to expand
 * per trial (ARGS_MACROS).
 */
function convertCommand(raw: unknown, program: unknown, fail: Fail): Record<string, unknown> {
  const command = raw ?? DEFAULT_COMMAND;
  const words: string[] = [];
  if (!Array.isArray(command) || command.some((w) => typeof w !== 'string')) {
    fail(['command'], 'must be a list of strings');
    return {};
  }
  const usesProgram = (command as string[]).some((w) => w.includes('${program}'));
  if (usesProgram && typeof program !== 'string') {
    fail(['program'], 'is needed: the command runs ${program}');
    return {};
  }
  for (const [i, word] of (command as string[]).entries()) {
    if (word === '${env}') continue;
    if (word === '${interpreter}') {
      words.push('python3');
      continue;
    }
    const other = /\$\{(args_json_file|args_no_equals|envvar:[^}]*|project|entity)\}/.exec(word);
    if (other) {
      fail(
        ['command', i],
        `${other[0]} has no equivalent here (mapped: \${env}, \${interpreter}, \${program}, ${ARGS_MACROS.join(', ')})`,
      );
      continue;
    }
    words.push(word.replaceAll('${program}', String(program)));
  }
  const [first, ...args] = words.filter((w) => w !== '');
  if (first === undefined) fail(['command'], 'runs nothing');
  return { program: first, args };
}

function gridSize(
  parameters: Record<string, Record<string, unknown>>,
  gridValues: Record<string, unknown[]>,
): number {
  let size = 1;
  for (const [name, p] of Object.entries(parameters)) {
    if (gridValues[name]) size *= gridValues[name].length;
    else if (p.type === 'categorical') size *= (p.choices as unknown[]).length;
  }
  return size;
}

function range(low: number, high: number, step: number): number[] {
  const values: number[] = [];
  // The epsilon keeps 0.1-style steps from losing their top value to rounding (as space.ts).
  const count = Math.floor((high - low) / step + 1e-9) + 1;
  // Rounded to 12 digits so 0.1 + 2 * 0.1 is 0.3, as W&B's values are written.
  for (let k = 0; k < count && k <= 10_000; k++)
    values.push(Number((low + k * step).toPrecision(12)));
  return values;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
