export type Task = 'classification' | 'regression';

/** How rows with missing values were handled; present whenever a source had any. */
export interface MissingReport {
  policy: MissingPolicy;
  /** 1-based row numbers of the source (header excluded) that were dropped. */
  droppedRows: number[];
  /** Column name -> number of values filled in (mean for numeric, mode for categorical). */
  imputed: Record<string, number>;
}

export type MissingPolicy = 'drop' | 'impute';

/**
 * The layout of an image data set's features: each sample's `height * width * channels` values
 * row by row, channels last (for one channel, plain row-major pixels). Convolutions need it.
 */
export interface ImageShape {
  channels: number;
  height: number;
  width: number;
}

/**
 * A data set in memory. Treat it as read-only: bundled sets are cached and shared.
 * `x` is row-major, `n * features` values; `y` holds a class index or a regression target.
 */
export interface Dataset {
  name: string;
  task: Task;
  n: number;
  features: number;
  /** Number of classes; 0 for regression. */
  classes: number;
  x: Float32Array;
  y: Float32Array;
  featureNames: string[];
  classNames?: string[];
  /** Name of the target column (user files and tabular bundled sets). */
  target?: string;
  missing?: MissingReport;
  /** Image data sets: how the features form an image. */
  shape?: ImageShape;
}

export const BUNDLED_DATASETS = [
  'mnist',
  'iris',
  'penguins',
  'cars',
  'seattle-weather',
  'spirals',
  'xor',
  'regression',
] as const;

export type BundledDatasetName = (typeof BUNDLED_DATASETS)[number];

export interface BundledDatasetSpec {
  name: BundledDatasetName;
  /** The seed of the samples, or of the subset when `n` is given for a fixed set (default 1). */
  seed?: number;
  /** Number of samples; for a fixed set a seeded subset, stratified by class. */
  n?: number;
  /** Generators only: standard deviation of the Gaussian noise. */
  noise?: number;
}

export interface FileDatasetSpec {
  /** A `.csv` (header row, comma separated) or `.json` (array of objects) file. */
  path: string;
  target: string;
  task: Task;
  /** Required when any row has a missing value: never chosen silently. */
  missing?: MissingPolicy;
  /** Columns to leave out of the features (identifiers, free text, dates). */
  exclude?: string[];
}

export type DatasetSpec = BundledDatasetSpec | FileDatasetSpec;
