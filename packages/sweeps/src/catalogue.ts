import { listDatasets, type Task } from '@sweepwise/data';
import { COST_METRICS, EPOCH_METRICS } from '@sweepwise/engine';
import {
  DIRECTIONS,
  SAMPLERS,
  STOPPERS,
  describeSettings,
  type Direction,
  type SettingDescriptor,
  type Settings,
} from '@sweepwise/tuner';
import { BUILTIN_OBJECTIVES } from './builtin-objectives.js';

/**
 * What a sweep can name: samplers, stoppers, data sets and the metrics each reports, builtin
 * objectives, directions. Every list is read from the registry that implements it (the tuner's
 * SAMPLERS and STOPPERS, the data package's catalogue, the engine's EPOCH_METRICS), so adding an
 * algorithm or a data set there is all it takes for the schema, the form and the CLI to know it.
 */

export interface AlgorithmEntry {
  type: string;
  /** Every setting with its default, from the algorithm's own defaults. */
  defaults: Readonly<Record<string, unknown>>;
  /** Every setting as the algorithm declares it (kind, default, bounds, help): the form's fields. */
  settings: SettingDescriptor[];
}

export interface DatasetEntry {
  name: string;
  task: Task;
  description: string;
  /** What the engine reports per epoch on it: the objectives an engine sweep may take. */
  metrics: readonly string[];
}

/** The catalogue as plain data, so a server component can hand it to the form as props. */
export interface Catalogue {
  samplers: AlgorithmEntry[];
  stoppers: AlgorithmEntry[];
  datasets: DatasetEntry[];
  builtinObjectives: string[];
  directions: readonly Direction[];
  defaults: { maxConcurrentTrials: number };
}

/** Trials of a sweep that run at once unless its budget says otherwise. */
export const DEFAULT_MAX_CONCURRENT_TRIALS = 2;

const entries = (
  registry: Readonly<Record<string, { defaults: Record<string, unknown>; settings: Settings }>>,
) =>
  Object.entries(registry).map(([type, f]) => ({
    type,
    defaults: f.defaults,
    settings: describeSettings(f.settings),
  }));

export const SAMPLER_TYPES: readonly string[] = Object.keys(SAMPLERS);
export const STOPPER_TYPES: readonly string[] = Object.keys(STOPPERS);
export const BUILTIN_OBJECTIVE_NAMES: readonly string[] = Object.keys(BUILTIN_OBJECTIVES);

/** The engine's metrics for a task: each epoch's, then the model's cost figures (every trial's). */
export function metricsOfTask(task: Task): readonly string[] {
  return [...EPOCH_METRICS[task], ...COST_METRICS];
}

export const DATASETS: readonly DatasetEntry[] = listDatasets().map((d) => ({
  name: d.name,
  task: d.task,
  description: d.description,
  metrics: metricsOfTask(d.task),
}));

export const DATASET_NAMES: readonly string[] = DATASETS.map((d) => d.name);

export function catalogue(): Catalogue {
  return {
    samplers: entries(SAMPLERS),
    stoppers: entries(STOPPERS),
    datasets: DATASETS.map((d) => ({ ...d, metrics: [...d.metrics] })),
    builtinObjectives: [...BUILTIN_OBJECTIVE_NAMES],
    directions: DIRECTIONS,
    defaults: { maxConcurrentTrials: DEFAULT_MAX_CONCURRENT_TRIALS },
  };
}
