import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node,
  type YAMLMap,
} from 'yaml';
import { DIRECTIONS, type Direction } from '@sweepwise/tuner';
import { DEFAULT_MAX_CONCURRENT_TRIALS } from './catalogue.js';
import { createSweepBodySchema, type CreateSweepInput } from './sweep-body.js';

/**
 * Sweep files: one YAML document describes a sweep, in the spirit of W&B sweep configs.
 *
 * ```yaml
 * name: iris-gp
 * workload:
 *   engine: { dataset: { name: iris }, epochs: 20 }      # or
 *   # command: { program: python3, args: [train.py, --lr, "${lr}"], env: {}, timeout: 600 }
 * metric: { name: val_acc, goal: maximize }
 * parameters:                                           # the tuner's search space
 *   optimizer.lr: { type: float, low: 0.0001, high: 0.1, log: true }
 * algorithm: { type: gp, seed: 1 }                      # the tuner's sampler and its settings
 * early_stopping: { type: median, warmupSteps: 2 }      # optional: the tuner's stopper
 * budget: { max_trials: 20, max_concurrent: 2, max_wall_time: 600 }   # times in seconds
 * ```
 *
 * Algorithm and early-stopping settings pass through under the tuner's own names, so a new
 * tuner option needs no change here. The body is then checked by `createSweepBodySchema` (and,
 * through it, by the tuner), so a file is accepted exactly when the API would accept the sweep.
 * Every error names the line and the field.
 */

export interface CommandWorkload {
  program: string;
  /** Arguments; `${param}` placeholders are filled with the trial's parameters. */
  args: string[];
  env: Record<string, string>;
  /** Time limit per trial, in seconds; null for none. */
  timeoutS: number | null;
}

/** A synthetic objective (no model): for smoke tests, demos and benchmarks. */
export type BuiltinWorkload = NonNullable<CreateSweepInput['workload']['builtin']>;

export type Workload =
  { engine: Record<string, unknown> } | { command: CommandWorkload } | { builtin: BuiltinWorkload };

export interface SweepSettings {
  type: string;
  [setting: string]: unknown;
}

/** What a sweep file describes, in the shape of the create-sweep request body. */
export interface SweepBody {
  name: string;
  workload: Workload;
  objective: { metric: string; direction: Direction };
  space: Record<string, Record<string, unknown>>;
  algorithm: SweepSettings;
  stopper: SweepSettings | null;
  budget: { maxTrials: number; maxConcurrentTrials: number; maxWallTimeS: number | null };
}

const TOP_LEVEL_FIELDS = [
  'name',
  'workload',
  'metric',
  'parameters',
  'algorithm',
  'early_stopping',
  'budget',
] as const;
const COMMAND_FIELDS = ['program', 'args', 'env', 'timeout'] as const;
const METRIC_FIELDS = ['name', 'goal'] as const;
const BUDGET_FIELDS = ['max_trials', 'max_concurrent', 'max_wall_time'] as const;

type Path = readonly (string | number)[];

/** A bad sweep file: where (1-based line, null when the text has none) and what. */
export class SweepFileError extends Error {
  override name = 'SweepFileError';
  constructor(
    readonly line: number | null,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${line === null ? '' : `line ${line}, `}${field ? `${field}: ` : ''}${reason}`);
  }
}

/** A parsed file that can still point at the line of any field of its body. */
export interface ParsedSweepFile {
  body: SweepBody;
  /** An error about a field of the body (e.g. `['space', 'lr', 'low']`), placed in the file. */
  errorAt(bodyPath: Path, reason: string): SweepFileError;
}

export function parseSweepFile(text: string): SweepBody {
  return readSweepFile(text).body;
}

/**
 * The YAML parser recurses on nesting (10,000 levels exhaust the process) and slows down
 * quadratically on wide maps, so a file is measured before it is parsed. Sweep files are a few
 * hundred bytes nested 5 deep.
 */
export const SWEEP_FILE_LIMITS = { characters: 65_536, depth: 32 } as const;

export function readSweepFile(text: string): ParsedSweepFile {
  if (text.length > SWEEP_FILE_LIMITS.characters) {
    throw new SweepFileError(
      null,
      '',
      `the file must be <= ${SWEEP_FILE_LIMITS.characters} characters, got ${text.length}`,
    );
  }
  const deep = lineNestedDeeperThan(text, SWEEP_FILE_LIMITS.depth);
  if (deep !== null) {
    throw new SweepFileError(deep, '', `nested deeper than ${SWEEP_FILE_LIMITS.depth} levels`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    throw new SweepFileError(line, '', `invalid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const errorAtFile = (path: Path, reason: string) =>
    new SweepFileError(lineOf(doc, lines, path), fieldName(path), reason);
  const errorAt = (bodyPath: Path, reason: string) => errorAtFile(filePathOf(bodyPath), reason);
  const body = new FileReader(doc.toJS({ maxAliasCount: 100 }) as unknown, errorAtFile).body();
  const checked = createSweepBodySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    // The tuner's messages start with the parameter's name, which the error already names.
    const name = `${String(issue.path[issue.path.length - 1])}: `;
    const reason = issue.message.startsWith(name)
      ? issue.message.slice(name.length)
      : issue.message;
    throw errorAt(issue.path as Path, reason);
  }
  return { body, errorAt };
}

/**
 * The first line (1-based) where YAML text nests deeper than `max`, or null: block levels by
 * indentation and `- ` items, plus flow brackets outside quotes and comments. One pass, no
 * parsing; it may overcount (a bracket in a plain scalar), never undercount a nesting.
 */
function lineNestedDeeperThan(text: string, max: number): number | null {
  const indents: number[] = [];
  let flow = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    let i = 0;
    let depth = indents.length;
    if (flow === 0) {
      while (raw[i] === ' ') i++;
      if (i === raw.length || raw[i] === '#') continue;
      while (indents.length > 0 && indents[indents.length - 1] >= i) indents.pop();
      indents.push(i);
      depth = indents.length;
      for (; raw[i] === '-' && (raw[i + 1] === ' ' || i + 1 === raw.length); i += 2) depth++;
    }
    for (; i < raw.length; i++) {
      const c = raw[i];
      if (c === '"' || c === "'") {
        for (i++; i < raw.length && raw[i] !== c; i++) if (c === '"' && raw[i] === '\\') i++;
      } else if (c === '#' && (i === 0 || raw[i - 1] === ' ')) break;
      else if (c === '[' || c === '{') flow++;
      else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
      if (depth + flow > max) return line;
    }
  }
  return null;
}

/** The canonical text of a body; `parseSweepFile(toSweepFile(b))` equals `b`. */
export function toSweepFile(body: SweepBody): string {
  const workload =
    'command' in body.workload
      ? {
          command: {
            program: body.workload.command.program,
            args: body.workload.command.args,
            ...(Object.keys(body.workload.command.env).length > 0 && {
              env: body.workload.command.env,
            }),
            ...(body.workload.command.timeoutS !== null && {
              timeout: body.workload.command.timeoutS,
            }),
          },
        }
      : body.workload;
  const file = {
    name: body.name,
    workload,
    metric: { name: body.objective.metric, goal: body.objective.direction },
    parameters: Object.fromEntries(
      Object.entries(body.space).map(([name, spec]) => [name, ordered(spec, PARAMETER_KEYS)]),
    ),
    algorithm: ordered(body.algorithm, SETTINGS_KEYS),
    ...(body.stopper && { early_stopping: ordered(body.stopper, SETTINGS_KEYS) }),
    budget: {
      max_trials: body.budget.maxTrials,
      max_concurrent: body.budget.maxConcurrentTrials,
      ...(body.budget.maxWallTimeS !== null && { max_wall_time: body.budget.maxWallTimeS }),
    },
  };
  const doc = new Document(file);
  // One line per parameter, setting group and argument list: the file reads like a table.
  for (const path of [
    ['algorithm'],
    ['early_stopping'],
    ['metric'],
    ['workload', 'command', 'args'],
  ])
    setFlow(doc.getIn(path, true));
  const parameters = doc.get('parameters', true);
  if (isMap(parameters)) for (const pair of parameters.items) setFlow(pair.value);
  return doc.toString({ lineWidth: 0 });
}

// Fixed key orders, so a sweep read back from Postgres (jsonb keeps no key order) exports as it
// was written.
const PARAMETER_KEYS = [
  'type',
  'low',
  'high',
  'step',
  'log',
  'choices',
  'value',
  'when',
  'mutable',
];
const SETTINGS_KEYS = ['type', 'seed'];

/** `keys` first, in that order, then the others alphabetically. */
function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const rank = (k: string) => (keys.includes(k) ? keys.indexOf(k) : keys.length);
  return Object.fromEntries(
    Object.entries(value).sort(
      ([a], [b]) => rank(a) - rank(b) || (rank(a) === keys.length ? a.localeCompare(b) : 0),
    ),
  ) as T;
}

function setFlow(node: unknown): void {
  if (isMap(node) || isSeq(node)) node.flow = true;
}

/** Where a field of the body is written in the file. */
function filePathOf(bodyPath: Path): Path {
  const [head, ...rest] = bodyPath;
  switch (head) {
    case 'objective':
      return ['metric', rest[0] === 'direction' ? 'goal' : 'name'];
    case 'space':
      return ['parameters', ...rest];
    case 'stopper':
      return ['early_stopping', ...rest];
    case 'budget': {
      const names: Record<string, string> = {
        maxTrials: 'max_trials',
        maxConcurrentTrials: 'max_concurrent',
        maxWallTimeS: 'max_wall_time',
      };
      return ['budget', ...(rest.length > 0 ? [names[String(rest[0])] ?? rest[0]] : [])];
    }
    case 'workload':
      return rest[0] === 'command' && rest[1] === 'timeoutS'
        ? ['workload', 'command', 'timeout']
        : bodyPath;
    default:
      return bodyPath;
  }
}

/** `parameters."optimizer.lr".low`: segments that contain a dot are quoted. */
function fieldName(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p.includes('.') ? `"${p}"` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** The line of the deepest part of `path` present in the document (its key, or item). */
function lineOf(doc: Document, lines: LineCounter, path: Path): number | null {
  let node: unknown = doc.contents;
  let offset: number | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = (node as YAMLMap).items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  if (offset === null) offset = (doc.contents as Node | null)?.range?.[0] ?? null;
  return offset === null ? null : lines.linePos(offset).line;
}

type Plain = Record<string, unknown>;

/** Checks the file's structure field by field and builds the body. */
class FileReader {
  constructor(
    private readonly root: unknown,
    private readonly fail: (path: Path, reason: string) => SweepFileError,
  ) {}

  body(): SweepBody {
    const root = this.mapping([], this.root, TOP_LEVEL_FIELDS);
    const metric = this.mapping(['metric'], this.required(root, ['metric']), METRIC_FIELDS);
    const stopper = root.early_stopping;
    return {
      name: this.string(['name'], this.required(root, ['name'])),
      workload: this.workload(this.required(root, ['workload'])),
      objective: {
        metric: this.string(['metric', 'name'], this.required(metric, ['metric', 'name'])),
        direction: this.direction(this.required(metric, ['metric', 'goal'])),
      },
      space: this.space(this.required(root, ['parameters'])),
      algorithm: this.settings(['algorithm'], this.required(root, ['algorithm'])),
      stopper:
        stopper === undefined || stopper === null
          ? null
          : this.settings(['early_stopping'], stopper),
      budget: this.budget(this.required(root, ['budget'])),
    };
  }

  private workload(value: unknown): Workload {
    const workload = this.mapping(['workload'], value, ['engine', 'command', 'builtin']);
    const kinds = Object.keys(workload);
    if (kinds.length !== 1)
      throw this.fail(['workload'], 'must have exactly one of engine, command or builtin');
    if ('engine' in workload)
      return { engine: this.mapping(['workload', 'engine'], workload.engine) };
    if ('builtin' in workload)
      // Its fields are the API schema's to check (below), so a new one needs no change here.
      return {
        builtin: this.mapping(
          ['workload', 'builtin'],
          workload.builtin,
        ) as unknown as BuiltinWorkload,
      };
    const path = ['workload', 'command'];
    const command = this.mapping(path, workload.command, COMMAND_FIELDS);
    const args = command.args ?? [];
    if (!Array.isArray(args)) throw this.fail([...path, 'args'], 'must be a list');
    const env = this.mapping([...path, 'env'], command.env ?? {});
    return {
      command: {
        program: this.string([...path, 'program'], this.required(command, [...path, 'program'])),
        args: args.map((a, i) => this.scalarText([...path, 'args', i], a)),
        env: Object.fromEntries(
          Object.entries(env).map(([k, v]) => [k, this.scalarText([...path, 'env', k], v)]),
        ),
        timeoutS:
          command.timeout === undefined
            ? null
            : this.number([...path, 'timeout'], command.timeout, { min: 0, exclusive: true }),
      },
    };
  }

  private space(value: unknown): SweepBody['space'] {
    const space = this.mapping(['parameters'], value);
    if (Object.keys(space).length === 0)
      throw this.fail(['parameters'], 'must define at least one parameter');
    for (const [name, spec] of Object.entries(space)) this.settings(['parameters', name], spec);
    return space as SweepBody['space'];
  }

  private settings(path: Path, value: unknown): SweepSettings {
    const settings = this.mapping(path, value);
    this.string([...path, 'type'], this.required(settings, [...path, 'type']));
    if (settings.seed !== undefined) this.integer([...path, 'seed'], settings.seed, 0);
    return settings as SweepSettings;
  }

  private budget(value: unknown): SweepBody['budget'] {
    const budget = this.mapping(['budget'], value, BUDGET_FIELDS);
    const maxTrials = this.required(budget, ['budget', 'max_trials']);
    return {
      maxTrials: this.integer(['budget', 'max_trials'], maxTrials, 1),
      maxConcurrentTrials:
        budget.max_concurrent === undefined
          ? DEFAULT_MAX_CONCURRENT_TRIALS
          : this.integer(['budget', 'max_concurrent'], budget.max_concurrent, 1),
      maxWallTimeS:
        budget.max_wall_time === undefined
          ? null
          : this.number(['budget', 'max_wall_time'], budget.max_wall_time, {
              min: 0,
              exclusive: true,
            }),
    };
  }

  private direction(value: unknown): Direction {
    if (!(DIRECTIONS as readonly unknown[]).includes(value))
      throw this.fail(
        ['metric', 'goal'],
        `must be one of ${DIRECTIONS.join(', ')}, got ${JSON.stringify(value)}`,
      );
    return value as Direction;
  }

  private mapping(path: Path, value: unknown, fields?: readonly string[]): Plain {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw this.fail(path, `must be a mapping, got ${describe(value)}`);
    if (fields)
      for (const key of Object.keys(value))
        if (!fields.includes(key))
          throw this.fail([...path, key], `unknown field; expected one of ${fields.join(', ')}`);
    return value as Plain;
  }

  private required(parent: Plain, path: Path): unknown {
    const value = parent[String(path[path.length - 1])];
    if (value === undefined || value === null) throw this.fail(path, 'is required');
    return value;
  }

  private string(path: Path, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '')
      throw this.fail(path, `must be a non-empty string, got ${describe(value)}`);
    return value;
  }

  /** Arguments and environment values: numbers and booleans are written as text. */
  private scalarText(path: Path, value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.fail(path, `must be a string, got ${describe(value)}`);
  }

  private number(
    path: Path,
    value: unknown,
    { min, exclusive }: { min: number; exclusive: boolean },
  ): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw this.fail(path, `must be a number, got ${describe(value)}`);
    if (exclusive ? value <= min : value < min)
      throw this.fail(path, `must be ${exclusive ? '>' : '>='} ${min}, got ${value}`);
    return value;
  }

  private integer(path: Path, value: unknown, min: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw this.fail(path, `must be an integer, got ${describe(value)}`);
    if (value < min) throw this.fail(path, `must be >= ${min}, got ${value}`);
    return value;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
