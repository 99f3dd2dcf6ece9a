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
import { describeIssue } from './spec.js';
import { SweepSpec } from './sweep-spec.js';
import {
  convertWandbSweep,
  isWandbSweep,
  WandbSweepError,
  type WandbConversion,
} from './wandb-sweep.js';

/**
 * Sweep files: one YAML document holds one SweepSpec, under the very keys of the API body and the
 * stored row (docs/sweep-file.md).
 *
 * ```yaml
 * name: iris-gp
 * workload:
 *   engine: { dataset: { name: iris }, epochs: 20 }      # or
 *   # command: { program: python3, args: [train.py, --lr, "${lr}"], env: {}, timeoutS: 600 }
 * metric: { name: val_acc, goal: maximize }
 * parameters:                                           # the tuner's search space
 *   optimizer.lr: { type: float, low: 0.0001, high: 0.1, log: true }
 * algorithm: { type: gp, seed: 1 }                      # the tuner's sampler and its settings
 * stopper: { type: median, warmupSteps: 2 }             # optional: early stopping
 * budget: { maxTrials: 20, maxConcurrentTrials: 2, maxWallTimeS: 600 }
 * ```
 *
 * The file is read as YAML and parsed by `SweepSpec`, once: a file is accepted exactly when the
 * API would accept the sweep, and every error names the line and the field.
 */

type Path = readonly PropertyKey[];

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

/** A W&B file with several fields that cannot be mapped: the first, and every one in `all`. */
export class WandbFileError extends SweepFileError {
  override name = 'WandbFileError';
  constructor(readonly all: readonly SweepFileError[]) {
    super(all[0]!.line, all[0]!.field, all[0]!.reason);
    this.message = all.map((e) => e.message).join('\n');
  }
}

/** A checked file that can still point at the line of any of its fields. */
export interface ParsedSweepFile {
  spec: SweepSpec;
  /** An error about a field (e.g. `['parameters', 'lr', 'low']`), placed in the file. */
  errorAt(path: Path, reason: string): SweepFileError;
  /** `wandb` when the file was a W&B sweep file, converted (wandb-sweep.ts). */
  format: 'sweepwise' | 'wandb';
  /** What a conversion dropped or read in a particular way, one sentence each. */
  notes: string[];
}

export interface ReadOptions {
  /** The sweep's name when the file has none (W&B files may not): e.g. the file's base name. */
  name?: string;
  /** SweepSpec by default; a server passes sweepSpecWithin(its model limits). */
  schema?: typeof SweepSpec;
}

export function parseSweepFile(text: string): SweepSpec {
  return readSweepFile(text).spec;
}

/**
 * The YAML parser recurses on nesting (10,000 levels exhaust the process) and slows down
 * quadratically on wide maps, so a file is measured before it is parsed. Sweep files are a few
 * hundred bytes nested 5 deep.
 */
export const SWEEP_FILE_LIMITS = { characters: 65_536, depth: 32 } as const;

export function readSweepFile(text: string, options: ReadOptions = {}): ParsedSweepFile {
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
  const at = (path: Path, reason: string) =>
    new SweepFileError(lineOf(doc, lines, path), fieldName(path), reason);
  let raw: unknown = doc.toJS({ maxAliasCount: 100 });
  let conversion: WandbConversion | null = null;
  if (isWandbSweep(raw)) {
    try {
      conversion = convertWandbSweep(raw, { name: options.name ?? 'wandb-sweep' });
    } catch (err) {
      if (err instanceof WandbSweepError)
        throw new WandbFileError(err.issues.map((i) => at(i.path, i.reason)));
      throw err;
    }
    raw = conversion.file;
  }
  // A converted file's errors are placed on the W&B field they came from.
  const errorAt = (path: Path, reason: string) => {
    const source = conversion ? conversion.sourceOf(path) : path;
    const renamed = fieldName(source) !== fieldName(path);
    return at(source, renamed ? `${fieldName(path)} (converted): ${reason}` : reason);
  };
  const checked = (options.schema ?? SweepSpec).safeParse(raw);
  if (!checked.success) {
    // An unknown key first: a misspelt or renamed key explains the missing one.
    const { issues } = checked.error;
    const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
    const { path, reason } = describeIssue(first);
    throw errorAt(path, reason);
  }
  return {
    spec: checked.data,
    errorAt,
    format: conversion ? 'wandb' : 'sweepwise',
    notes: conversion?.notes ?? [],
  };
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

/**
 * The canonical text of a sweep; `parseSweepFile(toSweepFile(s))` equals `s`. What is empty or
 * null (no stopper, no env) is left out; defaults are written, so the file is complete.
 */
export function toSweepFile(spec: SweepSpec): string {
  const command = 'command' in spec.workload ? spec.workload.command : null;
  const workload = command
    ? {
        command: {
          program: command.program,
          args: command.args,
          ...(Object.keys(command.env).length > 0 && { env: command.env }),
          ...(command.timeoutS !== null && { timeoutS: command.timeoutS }),
        },
      }
    : spec.workload;
  const file = {
    name: spec.name,
    workload,
    ...(spec.metrics && { metrics: spec.metrics.map((m) => ({ name: m.name, goal: m.goal })) }),
    metric: { name: spec.metric.name, goal: spec.metric.goal },
    ...(spec.constraints?.length && {
      constraints: spec.constraints.map((c) => ordered(c, ['metric', 'max', 'min'])),
    }),
    parameters: Object.fromEntries(
      Object.entries(spec.parameters).map(([name, p]) => [name, ordered(p, PARAMETER_KEYS)]),
    ),
    algorithm: ordered(spec.algorithm, SETTINGS_KEYS),
    ...(spec.stopper && { stopper: ordered(spec.stopper, SETTINGS_KEYS) }),
    budget: {
      maxTrials: spec.budget.maxTrials,
      maxConcurrentTrials: spec.budget.maxConcurrentTrials,
      ...(spec.budget.maxWallTimeS !== null && { maxWallTimeS: spec.budget.maxWallTimeS }),
      ...(spec.budget.maxFailedTrials != null && {
        maxFailedTrials: spec.budget.maxFailedTrials,
      }),
    },
  };
  const doc = new Document(file);
  // One line per parameter, setting group and argument list: the file reads like a table.
  for (const path of [['algorithm'], ['stopper'], ['metric'], ['workload', 'command', 'args']])
    setFlow(doc.getIn(path, true));
  const env = doc.getIn(['workload', 'command', 'env'], true);
  if (isMap(env)) for (const pair of env.items) setFlow(pair.value);
  // One line per objective and bound too.
  for (const key of ['metrics', 'constraints']) {
    const list = doc.get(key, true);
    if (isSeq(list)) for (const item of list.items) setFlow(item);
  }
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

/** `parameters."optimizer.lr".low`: segments that contain a dot are quoted. */
function fieldName(path: Path): string {
  return path
    .map((p) =>
      typeof p === 'number' ? `[${p}]` : String(p).includes('.') ? `"${String(p)}"` : String(p),
    )
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
