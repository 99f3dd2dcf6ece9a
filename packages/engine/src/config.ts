import {
  BUNDLED_DATASETS,
  dataPathProblem,
  GENERATED_MAX,
  listDatasets,
  SPLIT_DEFAULTS,
  type DatasetSpec,
  type ImageShape,
  type SplitOptions,
  type Task,
} from '@sweepwise/data';
import { ConfigError } from './config-error.js';
import { ACTIVATIONS, type Activation } from './kernels/activation.js';
import { LOSSES, type Loss } from './loss.js';
import { INITS, type Init } from './model/init.js';
import { planNetwork } from './model/plan.js';
import {
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_TYPES,
  type OptimizerConfig,
} from './optimizers/create-optimizer.js';
import {
  MAX_PARALLEL_WORKERS,
  PARALLEL_DEFAULTS,
  PARALLEL_MODES,
  PARALLEL_REDUCES,
  type ParallelConfig,
} from './parallel/parallel-config.js';
import { SCHEDULE_DEFAULTS, SCHEDULE_TYPES, type ScheduleConfig } from './schedule.js';

/**
 * The data set of a trial, its split, and whether features are standardized (z-scores with
 * training-split statistics). Default: true, except for bundled sets whose features already share
 * a bounded scale (`prescaled`, e.g. MNIST's grey levels), where per-pixel z-scores blow up
 * pixels that are almost always blank and cost about 2 points of test accuracy.
 */
export type DatasetConfig = DatasetSpec & { split: Required<SplitOptions>; standardize: boolean };

export const EARLY_STOPPING_METRICS = ['val_loss', 'val_acc', 'train_loss'] as const;
export type MonitoredMetric = (typeof EARLY_STOPPING_METRICS)[number];

/**
 * The hidden layers, in order; the output layer (one unit per class, or one) follows them. Given
 * as `layers`, or as `hidden: [widths]`, the shorthand for dense layers; validated configs always
 * hold `layers`, each with every field filled (activation and batchNorm default to the model's).
 */
export interface ModelConfig {
  layers: LayerConfig[];
  activation: Activation;
  /** Inverted dropout after each hidden dense layer's activation. */
  dropout: number;
  /** Default of each conv and dense layer's batchNorm. */
  batchNorm: boolean;
  init: Init;
}

export type LayerConfig = DenseLayerConfig | ConvLayerConfig | PoolLayerConfig | FlattenLayerConfig;

/** A fully connected layer of `dense` units; image inputs are flattened first. */
export interface DenseLayerConfig {
  dense: number;
  activation: Activation;
  /** dense → batch norm → activation. */
  batchNorm: boolean;
}

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/** A 2-D convolution of `conv` filters, kernel×kernel, over every input channel (dilation 1). */
export interface ConvLayerConfig {
  conv: number;
  kernel: number;
  stride: number;
  /** valid: no padding; same: zero padding so that the output is ceil(input / stride). */
  padding: Padding;
  activation: Activation;
  /** conv → batch norm over channels → activation. */
  batchNorm: boolean;
}

export const POOL_TYPES = ['max', 'avg'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

/** Max or average pooling over pool×pool windows of each channel (no padding). */
export interface PoolLayerConfig {
  pool: number;
  /** Window step; defaults to the window size. */
  stride: number;
  type: PoolType;
}

/** Images to flat features; implied before the first dense layer after images. */
export interface FlattenLayerConfig {
  flatten: true;
}

/** A validated trial config: every field present. */
export interface TrialConfig {
  dataset: DatasetConfig;
  model: ModelConfig;
  loss: Loss;
  regularization: { l1: number; l2: number };
  optimizer: OptimizerConfig;
  schedule: ScheduleConfig;
  /** Global gradient-norm ceiling, or null for no clipping. */
  clipNorm: number | null;
  /** Rows per step: 1 is single-sample SGD, anything >= the training set is full-batch. */
  batchSize: number;
  epochs: number;
  seed: number;
  /** Stop after `patience` epochs without improvement (null: never), restoring the best weights. */
  earlyStopping: { metric: MonitoredMetric; patience: number | null };
  /**
   * k-fold cross-validation over the development samples (train + validation; the test part stays
   * sealed) as the trial's objective, for small data sets; null: train once on the split.
   */
  crossValidation: CrossValidationConfig | null;
  /** Data-parallel training over `workers` threads (see ParallelConfig). */
  parallel: ParallelConfig;
}

export interface CrossValidationConfig {
  /** k: models trained per trial, each validated on its own fold; 2..development samples. */
  folds: number;
}

/** Defaults of every field but `dataset` and `loss` (softmax cross-entropy, or MSE for regression). */
export const CONFIG_DEFAULTS = {
  model: { hidden: [256, 128], activation: 'relu', dropout: 0, batchNorm: false, init: 'he' },
  conv: { kernel: 3, stride: 1, padding: 'valid' },
  pool: { type: 'max' },
  regularization: { l1: 0, l2: 0 },
  optimizer: { type: 'adam' },
  schedule: { type: 'constant' },
  clipNorm: null,
  batchSize: 128,
  epochs: 20,
  seed: 1,
  earlyStopping: { metric: 'val_loss', patience: 5 },
  crossValidation: null,
  parallel: PARALLEL_DEFAULTS,
} as const;

/**
 * The ranges of the config's sizes: generous for MLPs on tabular data and MNIST, and small enough
 * that no single field can ask for hours per epoch or gigabytes (the model as a whole is capped
 * by its cost, see model/cost.ts).
 */
export const CONFIG_LIMITS = {
  epochs: 100_000,
  batchSize: 65_536,
  hiddenLayers: 64,
  hiddenWidth: 65_536,
  folds: 100,
  /** Every other integer of the config that counts epochs (patience, warm-up, periods). */
  epochCount: 100_000,
  /** Every unbounded real setting (lr, decay, penalties, thresholds): past this it is a typo. */
  real: 1_000,
  clipNorm: 1e6,
} as const;

type Json = Record<string, unknown>;

/** Checks a config and fills in every default; throws ConfigError naming the first bad field. */
export function validateConfig(json: unknown): TrialConfig {
  const root = record(json, 'config');
  only(root, 'config', [
    'dataset',
    'model',
    'loss',
    'regularization',
    'optimizer',
    'schedule',
    'clipNorm',
    'batchSize',
    'epochs',
    'seed',
    'earlyStopping',
    'crossValidation',
    'parallel',
  ]);
  const { dataset, task, shape, features } = datasetConfig(root.dataset);
  const model = modelConfig(root.model ?? {});
  // a bundled data set's input is known: a layer that does not fit it fails here, before any run
  if (features !== null)
    planNetwork({ ...model, inputSize: features, inputShape: shape, outputSize: 1 });
  const loss = lossConfig(root.loss, task);
  const reg = record(root.regularization ?? {}, 'regularization');
  only(reg, 'regularization', ['l1', 'l2']);
  const regularization = {
    l1: num(reg.l1 ?? 0, 'regularization.l1', { min: 0, max: CONFIG_LIMITS.real }),
    l2: num(reg.l2 ?? 0, 'regularization.l2', { min: 0, max: CONFIG_LIMITS.real }),
  };
  const clipNorm =
    root.clipNorm === undefined || root.clipNorm === null
      ? null
      : num(root.clipNorm, 'clipNorm', { above: 0, max: CONFIG_LIMITS.clipNorm });
  const es = record(root.earlyStopping ?? {}, 'earlyStopping');
  only(es, 'earlyStopping', ['metric', 'patience']);
  const metric = oneOf(es.metric ?? 'val_loss', 'earlyStopping.metric', EARLY_STOPPING_METRICS);
  if (metric === 'val_acc' && task === 'regression') {
    throw new ConfigError(
      'earlyStopping.metric',
      'earlyStopping.metric val_acc needs a classification data set',
    );
  }
  const patience =
    es.patience === null
      ? null
      : int(
          es.patience ?? CONFIG_DEFAULTS.earlyStopping.patience,
          'earlyStopping.patience',
          1,
          CONFIG_LIMITS.epochCount,
        );
  const config: TrialConfig = {
    dataset,
    model,
    loss,
    regularization,
    optimizer: optimizerConfig(root.optimizer ?? {}),
    schedule: scheduleConfig(root.schedule ?? {}),
    clipNorm,
    batchSize: int(
      root.batchSize ?? CONFIG_DEFAULTS.batchSize,
      'batchSize',
      1,
      CONFIG_LIMITS.batchSize,
    ),
    epochs: int(root.epochs ?? CONFIG_DEFAULTS.epochs, 'epochs', 1, CONFIG_LIMITS.epochs),
    seed: int(root.seed ?? CONFIG_DEFAULTS.seed, 'seed', 0, 0xffffffff),
    earlyStopping: { metric, patience },
    crossValidation: crossValidationConfig(root.crossValidation ?? CONFIG_DEFAULTS.crossValidation),
    parallel: parallelConfig(root.parallel ?? {}),
  };
  checkParallel(config);
  return config;
}

function parallelConfig(value: unknown): ParallelConfig {
  const p = record(value, 'parallel');
  only(p, 'parallel', ['workers', 'mode', 'reduce']);
  const d = PARALLEL_DEFAULTS;
  return {
    workers: int(p.workers ?? d.workers, 'parallel.workers', 1, MAX_PARALLEL_WORKERS),
    mode: oneOf(p.mode ?? d.mode, 'parallel.mode', PARALLEL_MODES),
    reduce: oneOf(p.reduce ?? d.reduce, 'parallel.reduce', PARALLEL_REDUCES),
  };
}

/** What several workers cannot train (yet) the way one thread does. */
function checkParallel(c: TrialConfig): void {
  const k = c.parallel.workers;
  if (k === 1) return;
  const fail = (why: string) =>
    new ConfigError('parallel.workers', `parallel.workers ${k}: ${why}`);
  if (c.crossValidation) {
    throw fail('cross-validation trains its folds in lockstep in one thread; use 1 worker');
  }
  if (c.parallel.mode === 'sync' && c.batchSize < k) {
    throw fail(
      `sync mode splits every batch across the workers: batchSize must be >= ${k}, got ${c.batchSize}`,
    );
  }
}

/** The upper bound of folds (the development samples) is checked once the data set is loaded. */
function crossValidationConfig(value: unknown): CrossValidationConfig | null {
  if (value === undefined || value === null) return null;
  const cv = record(value, 'crossValidation');
  only(cv, 'crossValidation', ['folds']);
  return { folds: int(cv.folds, 'crossValidation.folds', 2, CONFIG_LIMITS.folds) };
}

/** The full default config for a data set. */
export function defaultConfig(dataset: unknown = { name: 'mnist' }): TrialConfig {
  return validateConfig({ dataset });
}

/**
 * A deep copy of `base` with each dotted path set (`optimizer.lr`, `model.hidden.0`): how search
 * spaces address config fields. Missing objects on the way are created; numeric segments index
 * arrays.
 */
export function withParams(base: object, params: Record<string, unknown>): object {
  const out = structuredClone(base) as Json;
  for (const [path, value] of Object.entries(params)) {
    const keys = path.split('.');
    if (
      keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype')
    ) {
      throw new ConfigError(path, `${path} is not a valid field path`);
    }
    let node: Json = out;
    keys.slice(0, -1).forEach((key, i) => {
      const next = node[key];
      if (next === undefined) node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      else if (typeof next !== 'object' || next === null) {
        throw new ConfigError(path, `${path}: ${keys.slice(0, i + 1).join('.')} is not an object`);
      }
      node = node[key] as Json;
    });
    node[keys[keys.length - 1]] = structuredClone(value);
  }
  return out;
}

/** The validated data set, its task, and for a bundled set its features and image shape. */
function datasetConfig(value: unknown): {
  dataset: DatasetConfig;
  task: Task;
  features: number | null;
  shape: ImageShape | null;
} {
  const d = record(value, 'dataset');
  const splitJson = record(d.split ?? {}, 'dataset.split');
  only(splitJson, 'dataset.split', ['train', 'validation', 'test', 'seed', 'stratify']);
  const split = {
    train: num(splitJson.train ?? SPLIT_DEFAULTS.train, 'dataset.split.train', { min: 0, max: 1 }),
    validation: num(splitJson.validation ?? SPLIT_DEFAULTS.validation, 'dataset.split.validation', {
      min: 0,
      max: 1,
    }),
    test: num(splitJson.test ?? SPLIT_DEFAULTS.test, 'dataset.split.test', { min: 0, max: 1 }),
    seed: int(splitJson.seed ?? SPLIT_DEFAULTS.seed, 'dataset.split.seed', 0, 0xffffffff),
    stratify: bool(splitJson.stratify ?? SPLIT_DEFAULTS.stratify, 'dataset.split.stratify'),
  };
  if (Math.abs(split.train + split.validation + split.test - 1) > 1e-6) {
    throw new ConfigError('dataset.split', 'dataset.split train + validation + test must be 1');
  }
  if ('path' in d) {
    const standardize = bool(d.standardize ?? true, 'dataset.standardize');
    only(d, 'dataset', ['path', 'target', 'task', 'missing', 'exclude', 'split', 'standardize']);
    const task = oneOf(d.task, 'dataset.task', ['classification', 'regression'] as const);
    if (typeof d.path !== 'string' || d.path === '') {
      throw new ConfigError(
        'dataset.path',
        `dataset.path must be a file path, got ${show(d.path)}`,
      );
    }
    const problem = dataPathProblem(d.path);
    if (problem) throw new ConfigError('dataset.path', `dataset.path ${problem}`);
    if (typeof d.target !== 'string' || d.target === '') {
      throw new ConfigError(
        'dataset.target',
        `dataset.target must be a column name, got ${show(d.target)}`,
      );
    }
    return {
      dataset: { ...(structuredClone(d) as unknown as DatasetSpec), split, standardize },
      task,
      features: null,
      shape: null,
    };
  }
  only(d, 'dataset', ['name', 'seed', 'n', 'noise', 'split', 'standardize']);
  const name = oneOf(d.name, 'dataset.name', BUNDLED_DATASETS);
  const info = listDatasets().find((entry) => entry.name === name)!;
  const task = info.task;
  // A fixed set takes a subset of its own size at most; a generated one up to its cap.
  if (d.n !== undefined) int(d.n, 'dataset.n', 2, info.generated ? GENERATED_MAX.n : info.n);
  if (d.noise !== undefined && info.generated) {
    num(d.noise, 'dataset.noise', { min: 0, max: GENERATED_MAX.noise });
  }
  const standardize = bool(d.standardize ?? !info.prescaled, 'dataset.standardize');
  return {
    dataset: { ...(structuredClone(d) as unknown as DatasetSpec), name, split, standardize },
    task,
    features: info.features,
    shape: info.shape ?? null,
  };
}

function modelConfig(value: unknown): ModelConfig {
  const m = record(value, 'model');
  only(m, 'model', ['layers', 'hidden', 'depth', 'activation', 'dropout', 'batchNorm', 'init']);
  const d = CONFIG_DEFAULTS.model;
  const activation = oneOf(m.activation ?? d.activation, 'model.activation', ACTIVATIONS);
  const batchNorm = bool(m.batchNorm ?? d.batchNorm, 'model.batchNorm');
  const defaults = { activation, batchNorm };
  if (m.layers !== undefined && m.hidden !== undefined) {
    throw new ConfigError(
      'model.hidden',
      'model.hidden is the shorthand for dense layers: give model.layers or model.hidden, not both',
    );
  }
  const field = m.layers !== undefined ? 'model.layers' : 'model.hidden';
  const given = m.layers ?? m.hidden ?? d.hidden;
  if (!Array.isArray(given)) {
    const what = field === 'model.layers' ? 'layers' : 'layer widths';
    throw new ConfigError(field, `${field} must be an array of ${what}, got ${show(given)}`);
  }
  let list: readonly unknown[] = given;
  if (list.length > CONFIG_LIMITS.hiddenLayers) {
    throw new ConfigError(
      field,
      `${field} must have <= ${CONFIG_LIMITS.hiddenLayers} layers, got ${list.length}`,
    );
  }
  // depth keeps the first layers only: a sweep tunes it with the widths past it conditional on it.
  if (m.depth !== undefined) {
    list = list.slice(0, int(m.depth, 'model.depth', 0, list.length));
  }
  // A for loop, not map: map skips the holes a sparse array (`model.hidden.9` alone) has.
  const layers = Array.from({ length: list.length }, (_, i): LayerConfig => {
    const at = `${field}.${i}`;
    if (field === 'model.layers') return layerConfig(list[i], at, defaults);
    return { dense: int(list[i], at, 1, CONFIG_LIMITS.hiddenWidth), ...defaults };
  });
  return {
    layers,
    activation,
    dropout: num(m.dropout ?? d.dropout, 'model.dropout', { min: 0, below: 1 }),
    batchNorm,
    init: oneOf(m.init ?? d.init, 'model.init', INITS),
  };
}

/** The largest kernel, pool window or stride a config may ask for. */
const MAX_WINDOW = 64;

/** One layer: which kind is told by its key (dense, conv, pool, flatten). */
function layerConfig(
  value: unknown,
  field: string,
  defaults: { activation: Activation; batchNorm: boolean },
): LayerConfig {
  const l = record(value, field);
  const kinds = ['dense', 'conv', 'pool', 'flatten'].filter((k) => k in l);
  if (kinds.length !== 1) {
    throw new ConfigError(
      field,
      `${field} must have exactly one of dense, conv, pool, flatten, got ${show(Object.keys(l))}`,
    );
  }
  const activation = () =>
    oneOf(l.activation ?? defaults.activation, `${field}.activation`, ACTIVATIONS);
  const batchNorm = () => bool(l.batchNorm ?? defaults.batchNorm, `${field}.batchNorm`);
  switch (kinds[0]) {
    case 'dense':
      only(l, field, ['dense', 'activation', 'batchNorm']);
      return {
        dense: int(l.dense, `${field}.dense`, 1, CONFIG_LIMITS.hiddenWidth),
        activation: activation(),
        batchNorm: batchNorm(),
      };
    case 'conv': {
      only(l, field, ['conv', 'kernel', 'stride', 'padding', 'activation', 'batchNorm']);
      const c = CONFIG_DEFAULTS.conv;
      return {
        conv: int(l.conv, `${field}.conv`, 1, CONFIG_LIMITS.hiddenWidth),
        kernel: int(l.kernel ?? c.kernel, `${field}.kernel`, 1, MAX_WINDOW),
        stride: int(l.stride ?? c.stride, `${field}.stride`, 1, MAX_WINDOW),
        padding: oneOf(l.padding ?? c.padding, `${field}.padding`, PADDINGS),
        activation: activation(),
        batchNorm: batchNorm(),
      };
    }
    case 'pool': {
      only(l, field, ['pool', 'stride', 'type']);
      const pool = int(l.pool, `${field}.pool`, 1, MAX_WINDOW);
      return {
        pool,
        stride: int(l.stride ?? pool, `${field}.stride`, 1, MAX_WINDOW),
        type: oneOf(l.type ?? CONFIG_DEFAULTS.pool.type, `${field}.type`, POOL_TYPES),
      };
    }
    default:
      only(l, field, ['flatten']);
      if (l.flatten !== true) {
        throw new ConfigError(
          `${field}.flatten`,
          `${field}.flatten must be true, got ${show(l.flatten)}`,
        );
      }
      return { flatten: true };
  }
}

function lossConfig(value: unknown, task: Task): Loss {
  const loss = oneOf(value ?? (task === 'regression' ? 'mse' : 'cross_entropy'), 'loss', LOSSES);
  if (task === 'regression' && loss !== 'mse') {
    throw new ConfigError('loss', `loss must be mse for a regression data set, got ${loss}`);
  }
  return loss;
}

/** Bounds of each optimizer field, by name. */
const OPTIMIZER_BOUNDS: Record<string, Bounds> = {
  lr: { above: 0, max: CONFIG_LIMITS.real },
  weightDecay: { min: 0, max: CONFIG_LIMITS.real },
  momentum: { min: 0, below: 1 },
  rho: { above: 0, below: 1 },
  beta1: { min: 0, below: 1 },
  beta2: { min: 0, below: 1 },
  eps: { above: 0, max: 1 },
};

function optimizerConfig(value: unknown): OptimizerConfig {
  const o = record(value, 'optimizer');
  const type = oneOf(o.type ?? CONFIG_DEFAULTS.optimizer.type, 'optimizer.type', OPTIMIZER_TYPES);
  const defaults = OPTIMIZER_DEFAULTS[type];
  return {
    type,
    ...typedFields(o, 'optimizer', defaults, OPTIMIZER_BOUNDS),
  } as OptimizerConfig;
}

const EPOCH_COUNT = { int: true, max: CONFIG_LIMITS.epochCount } as const;
const SCHEDULE_BOUNDS: Record<string, Bounds & { int?: boolean }> = {
  warmupEpochs: { min: 0, ...EPOCH_COUNT },
  stepSize: { min: 1, ...EPOCH_COUNT },
  gamma: { above: 0, max: 1 },
  decay: { min: 0, max: CONFIG_LIMITS.real },
  period: { min: 1, ...EPOCH_COUNT },
  periodMult: { min: 1, max: 100, int: true },
  minLr: { min: 0, max: CONFIG_LIMITS.real },
  factor: { above: 0, below: 1 },
  patience: { min: 0, ...EPOCH_COUNT },
  threshold: { min: 0, max: CONFIG_LIMITS.real },
};

function scheduleConfig(value: unknown): ScheduleConfig {
  const s = record(value, 'schedule');
  const type = oneOf(s.type ?? CONFIG_DEFAULTS.schedule.type, 'schedule.type', SCHEDULE_TYPES);
  return {
    type,
    ...typedFields(s, 'schedule', SCHEDULE_DEFAULTS[type], SCHEDULE_BOUNDS),
  } as ScheduleConfig;
}

/**
 * The numeric fields of a typed section (optimizer, schedule): those the type reads, defaulted.
 * A known field another type reads (beta1 when the type is sgd) is left out of the result rather
 * than rejected, so a search space may switch the type of a base config that sets such fields;
 * an unknown field (a typo) is an error.
 */
function typedFields(
  o: Json,
  section: string,
  defaults: object,
  bounds: Record<string, Bounds & { int?: boolean }>,
): Record<string, number> {
  for (const key of Object.keys(o)) {
    if (key !== 'type' && !(key in bounds)) {
      const known = ['type', ...Object.keys(bounds)].join(', ');
      throw new ConfigError(
        `${section}.${key}`,
        `${section}.${key} is not a known field (known: ${known})`,
      );
    }
  }
  const out: Record<string, number> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const b = bounds[key];
    const field = `${section}.${key}`;
    out[key] = b.int
      ? int(o[key] ?? fallback, field, b.min ?? 0, b.max)
      : num(o[key] ?? fallback, field, b);
  }
  return out;
}

interface Bounds {
  min?: number;
  above?: number;
  max?: number;
  below?: number;
}

function num(value: unknown, field: string, b: Bounds): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(field, `${field} must be a finite number, got ${show(value)}`);
  }
  const fail = (rule: string) => new ConfigError(field, `${field} must be ${rule}, got ${value}`);
  if (b.min !== undefined && value < b.min) throw fail(`>= ${b.min}`);
  if (b.above !== undefined && value <= b.above) throw fail(`> ${b.above}`);
  if (b.max !== undefined && value > b.max) throw fail(`<= ${b.max}`);
  if (b.below !== undefined && value >= b.below) throw fail(`< ${b.below}`);
  return value;
}

function int(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    throw new ConfigError(field, `${field} must be an integer ${range}, got ${show(value)}`);
  }
  return value;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean')
    throw new ConfigError(field, `${field} must be true or false, got ${show(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (!options.includes(value as T)) {
    throw new ConfigError(
      field,
      `${field} must be one of ${options.join(', ')}, got ${show(value)}`,
    );
  }
  return value as T;
}

function record(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, `${field} must be an object, got ${show(value)}`);
  }
  return value as Json;
}

function only(o: Json, section: string, keys: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!keys.includes(key)) {
      const field = section === 'config' ? key : `${section}.${key}`;
      throw new ConfigError(field, `${field} is not a known field (known: ${keys.join(', ')})`);
    }
  }
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
