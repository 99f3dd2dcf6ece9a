import { availableParallelism } from 'node:os';
import {
  developmentIndices,
  fitStandardizer,
  materialize,
  overTuningWarning,
  recreateSplit,
  unsealTestSet,
  type Dataset,
  type SplitDescriptor,
  type SplitWarning,
} from '@sweepwise/data';
import {
  evaluateModel,
  fitArrays,
  onCores,
  validateConfig,
  withParams,
  type Samples,
  type TestEvaluation as TestReport,
  type TrainedModel,
  type TrialConfig,
} from '@sweepwise/engine';
import { nodeShardThreads } from '@sweepwise/engine/threads';
import { sweepSpecOf } from '@sweepwise/sweeps';
import { loadConfigDataset } from './sweep-split.js';

/**
 * A promotion the evaluation refuses: the request field at fault and why. Named as packages/db's
 * PromotionError (db and runners import nothing of each other), which callers recognize by name:
 * the worker fails the job at once, the web answers 422.
 */
export class PromotionError extends Error {
  override readonly name = 'PromotionError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The trial a promotion retrains, as its row has it. */
export interface PromotionTrial {
  id: string;
  number: number;
  params: unknown;
  /** Its final metrics: `epochs` and `bestEpoch` say how long to retrain. */
  metrics: unknown;
  value: number | null;
}

/** One use of a sweep's test set (db's Promotion is one): what to retrain, how, and its number. */
export interface PromotionInput {
  sweep: { id: string; spec: unknown; split: unknown };
  trial: PromotionTrial;
  /** 1 for the sweep's first use of its test set, 2 for the second... */
  sequence: number;
  trainOn: 'train+validation' | 'train';
  epochs: 'early-stopping' | 'trial';
}

/** What a promotion stores (db's PromotionResult). */
export interface PromotionEvaluation {
  /** The configuration that was retrained (the sweep's base config with the trial's parameters). */
  config: JsonObject;
  /** Test metrics, and any warning about them (e.g. validation far above test). */
  metrics: JsonObject;
  /** Hash of the test indices the model was evaluated on; must equal the sweep's split's. */
  splitHash: string;
  /** Epochs the retrain ran. */
  epochs: number;
}
/**
 * Objectives that have a test counterpart, so validation and test can be compared after a
 * promotion (the over-tuning warning). Other objectives are stored without the comparison.
 */
const TEST_COUNTERPART = {
  val_acc: { test: 'accuracy', direction: 'maximize' },
  val_loss: { test: 'loss', direction: 'minimize' },
} as const;

/** What a TestEvaluation's metrics hold: the engine's report, named classes, and the warnings. */
export type PromotionMetrics = TestReport & {
  /** Class names in confusion-matrix order (classification only). */
  classNames?: string[];
  /** The trial's validation score the test score is compared with, when the objective has one. */
  validation: { metric: string; value: number } | null;
  warnings: SplitWarning[];
};

function engineWorkload(promotion: PromotionInput): object {
  const { workload } = sweepSpecOf(promotion.sweep);
  if (!('engine' in workload)) {
    throw new PromotionError(
      'sweepId',
      'only sweeps of the built-in engine can be retrained; an external command has no retrain step',
    );
  }
  if (workload.benchmark) {
    throw new PromotionError(
      'sweepId',
      'a benchmark compares training algorithms; promote a trial of a sweep that tunes one',
    );
  }
  return workload.engine;
}

function storedSplit(promotion: PromotionInput): SplitDescriptor {
  const split = promotion.sweep.split as Partial<SplitDescriptor> | null;
  if (typeof split?.testHash !== 'string' || typeof split.dataset !== 'string') {
    throw new PromotionError('sweepId', 'the sweep has no fixed data split with a test hash');
  }
  return split as SplitDescriptor;
}

/**
 * The trial trained on the split its config names (dataset.split); the sweep fixed one split for
 * all its trials. If they differ, the trial's validation score came from other samples and some of
 * the "test" samples may have been in its training data: refuse rather than report a leaked score.
 */
function assertTrialUsedSweepSplit(config: TrialConfig, descriptor: SplitDescriptor): void {
  const used = config.dataset.split;
  const fixed = descriptor.fractions;
  const same =
    used.seed === descriptor.seed &&
    used.stratify === descriptor.stratify &&
    used.train === fixed.train &&
    used.validation === fixed.validation &&
    used.test === fixed.test;
  if (!same) {
    throw new PromotionError(
      'split',
      `the trial's dataset.split ${JSON.stringify(used)} is not the split the sweep fixed ` +
        `(seed ${descriptor.seed}, ${JSON.stringify(fixed)}, stratify ${descriptor.stratify})`,
    );
  }
}

/**
 * Epochs of the retrain: all the trial ran (`trial`), or the epoch whose weights early stopping
 * kept (`early-stopping`). Read from the trial's final metrics `epochs` and `bestEpoch` (the engine runner's names).
 */
export function retrainEpochs(
  trial: Pick<PromotionTrial, 'number' | 'metrics'>,
  choice: PromotionInput['epochs'],
): number {
  const key = choice === 'trial' ? 'epochs' : 'bestEpoch';
  const value = (trial.metrics as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new PromotionError(
      'epochs',
      `trial ${trial.number} recorded no ${key} (got ${JSON.stringify(value ?? null)}), so epochs '${choice}' cannot be used`,
    );
  }
  return value;
}

/**
 * The retrain runs a fixed number of epochs on data with no validation part: no early stopping,
 * and the engine's only monitorable metric without validation data is train_loss. A
 * cross-validated trial is retrained as one model: its folds only measured the config. It trains
 * on every core of the machine when that trains the same model (see onCores).
 */
function retrainConfig(config: TrialConfig, epochs: number): TrialConfig {
  const retrain: TrialConfig = {
    ...config,
    epochs,
    earlyStopping: { metric: 'train_loss', patience: null },
    crossValidation: null,
  };
  return onCores(retrain, availableParallelism());
}

/** Fits the retrain config on the given rows; a diverged retrain is an error, never a test score. */
async function retrain(config: TrialConfig, ds: Dataset, train: Samples): Promise<TrainedModel> {
  const { dataset: _dataset, ...fitConfig } = config;
  const { result, model } = await fitArrays({
    config: fitConfig,
    classes: ds.classes,
    train,
    threads: nodeShardThreads(),
  });
  if (result.status === 'diverged') {
    throw new PromotionError(
      'trialId',
      `the retrain diverged: ${result.stopReason ?? 'non-finite loss'}`,
    );
  }
  return model;
}

function overTuning(
  promotion: PromotionInput,
  report: TestReport,
): Pick<PromotionMetrics, 'validation' | 'warnings'> {
  const metric = sweepSpecOf(promotion.sweep).metric.name;
  const counterpart = TEST_COUNTERPART[metric as keyof typeof TEST_COUNTERPART];
  const value = promotion.trial.value;
  if (!counterpart || value === null || !Number.isFinite(value))
    return { validation: null, warnings: [] };
  const testScore = (report as Record<string, unknown>)[counterpart.test];
  if (typeof testScore !== 'number') return { validation: null, warnings: [] };
  const warning = overTuningWarning(value, testScore, counterpart.direction);
  return { validation: { metric, value }, warnings: warning ? [warning] : [] };
}

function namedClasses(ds: Dataset, report: TestReport): string[] | undefined {
  if (report.task !== 'classification') return undefined;
  return report.perClass.map((_, c) => ds.classNames?.[c] ?? String(c));
}

/**
 * Retrains a trial's configuration and evaluates it once on the sweep's held-out test split:
 * the split is re-created from the sweep's descriptor and must hold out the same samples (its
 * test hash), the model trains on train+validation (or train) with the trial's seed for the
 * chosen number of epochs, and the test indices are unsealed for this promotion only.
 */
export async function evaluatePromotion(promotion: PromotionInput): Promise<PromotionEvaluation> {
  const { sweep, trial, sequence } = promotion;
  const config = validateConfig(
    withParams(engineWorkload(promotion), trial.params as Record<string, unknown>),
  );
  const ds = loadConfigDataset(config);
  const descriptor = storedSplit(promotion);
  assertTrialUsedSweepSplit(config, descriptor);
  // Throws when the data set or the split code changed since the sweep fixed its split.
  const split = recreateSplit(ds, descriptor);
  const epochs = retrainEpochs(trial, promotion.epochs);
  const trainIndices = promotion.trainOn === 'train' ? split.train : developmentIndices(split);
  // Fitted on what the model trains on, as a trial fits it on its training split.
  const standardizer = fitStandardizer(ds, trainIndices);
  const trained = retrainConfig(config, epochs);
  const model = await retrain(trained, ds, materialize(ds, trainIndices, standardizer));
  const testIndices = unsealTestSet(split, { sweepId: sweep.id, trialId: trial.id, sequence });
  const report = evaluateModel(model, materialize(ds, testIndices, standardizer));
  const metrics: PromotionMetrics = {
    ...report,
    ...(report.task === 'classification' ? { classNames: namedClasses(ds, report) } : {}),
    ...overTuning(promotion, report),
  };
  return {
    config: trained as unknown as JsonObject,
    metrics: metrics as unknown as JsonObject,
    splitHash: split.testHash,
    epochs,
  };
}
