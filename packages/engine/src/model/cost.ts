// What a model costs, from its layer shapes alone (nothing is allocated): parameters, bytes,
// arithmetic and training memory. A sweep is refused at creation when the largest model its space
// can produce is over the limits, and a trial checks its own model again before allocating it.

import { listDatasets, type ImageShape } from '@sweepwise/data';
import type { TrialConfig } from '../config.js';
import { ConfigError } from '../config-error.js';
import { outputWidth } from '../loss.js';
import { OPTIMIZER_SLOTS, type OptimizerType } from '../optimizers/create-optimizer.js';
import { planNetwork, size, type ConvPlan, type LayerPlan, type PoolPlan } from './plan.js';

const FLOAT_BYTES = 4;

/** One layer, per sample. */
export interface LayerCost {
  /** Trained floats: weights, biases, batch-norm scale and shift. */
  params: number;
  /** Model floats not trained by gradient (batch-norm running statistics). */
  buffers: number;
  /** Multiply-adds of the forward pass. */
  flops: number;
  /** Floats the layer keeps from its forward pass for the backward pass. */
  activations: number;
}

/** y = f(x·W + b): a weight per input and unit, a bias per unit. */
export function denseCost(inputs: number, units: number): LayerCost {
  return { params: inputs * units + units, buffers: 0, flops: inputs * units, activations: units };
}

/**
 * Scale and shift trained, running mean and variance kept, per feature; the output and x̂ are
 * kept. Over images the features are the channels, each normalized at every position.
 */
export function batchNormCost(features: number, positions = 1): LayerCost {
  const values = features * positions;
  return {
    params: 2 * features,
    buffers: 2 * features,
    flops: 2 * values,
    activations: 2 * values,
  };
}

/** The mask and the scaled output. */
export function dropoutCost(units: number): LayerCost {
  return { params: 0, buffers: 0, flops: units, activations: 2 * units };
}

/**
 * A kernel² × in-channels weight per filter and a bias; one multiply-add per weight at every
 * output position. The column matrix is rebuilt block by block, so only the output is kept.
 */
export function convCost(plan: ConvPlan): LayerCost {
  const fieldSize = plan.config.kernel ** 2 * plan.input.channels;
  const filters = plan.config.conv;
  const positions = plan.output.height * plan.output.width;
  return {
    params: fieldSize * filters + filters,
    buffers: 0,
    flops: positions * fieldSize * filters,
    activations: size(plan.output),
  };
}

/** One operation per window value; max pooling keeps where each maximum came from as well. */
export function poolCost(plan: PoolPlan): LayerCost {
  const out = size(plan.output);
  return {
    params: 0,
    buffers: 0,
    flops: out * plan.config.pool ** 2,
    activations: plan.config.type === 'max' ? 2 * out : out,
  };
}

/** The layers `Network` builds from its plan (an activation after batch norm works in place). */
export function networkLayerCosts(plan: readonly LayerPlan[]): LayerCost[] {
  return plan.flatMap((p): LayerCost[] => {
    switch (p.kind) {
      case 'dense':
        return [
          denseCost(p.inputSize, p.outputSize),
          ...(p.batchNorm ? [batchNormCost(p.outputSize)] : []),
          ...(p.dropout > 0 ? [dropoutCost(p.outputSize)] : []),
        ];
      case 'conv': {
        const positions = p.output.height * p.output.width;
        return [
          convCost(p),
          ...(p.config.batchNorm ? [batchNormCost(p.config.conv, positions)] : []),
        ];
      }
      case 'pool':
        return [poolCost(p)];
      case 'flatten':
        return [];
    }
  });
}

export interface ModelCost {
  paramCount: number;
  /** The model's float32 weights and buffers. */
  modelBytes: number;
  /** Forward multiply-adds per sample (a backward pass costs about twice as much). */
  flopsPerSample: number;
  /** The input batch and every layer's kept outputs, for one batch. */
  activationBytesPerBatch: number;
  /** The optimizer's slots: 2 copies of the params for Adam/AdamW, 1 for momentum, 0 for SGD. */
  optimizerStateBytes: number;
  /**
   * What a training run holds: weights, their gradients, optimizer state, and the batch's
   * activations with their gradients (about as large again).
   */
  trainingBytes: number;
}

export interface TrainingShape {
  inputSize: number;
  /** Rows per step (the batch size, or the training set when it is smaller). */
  batchSize: number;
  optimizer: OptimizerType;
}

export function modelCost(layers: readonly LayerCost[], training: TrainingShape): ModelCost {
  let params = 0;
  let buffers = 0;
  let flops = 0;
  let activations = training.inputSize;
  for (const layer of layers) {
    params += layer.params;
    buffers += layer.buffers;
    flops += layer.flops;
    activations += layer.activations;
  }
  const modelBytes = FLOAT_BYTES * (params + buffers);
  const activationBytesPerBatch = FLOAT_BYTES * training.batchSize * activations;
  const optimizerStateBytes = FLOAT_BYTES * params * OPTIMIZER_SLOTS[training.optimizer];
  return {
    paramCount: params,
    modelBytes,
    flopsPerSample: flops,
    activationBytesPerBatch,
    optimizerStateBytes,
    trainingBytes:
      modelBytes + FLOAT_BYTES * params + optimizerStateBytes + 2 * activationBytesPerBatch,
  };
}

/**
 * A model's cost as trial metrics, named as sweeps name metrics, so a sweep can take one as its
 * objective or constrain it: parameters, float32 bytes of the model and of the optimizer's state,
 * forward multiply-adds per sample, and the kept activations of one training batch (all from the
 * layer shapes); and `latency_ms`, single-sample inference time measured by the trial (fit.ts).
 */
export const COST_METRICS = [
  'param_count',
  'model_bytes',
  'flops_per_sample',
  'optimizer_state_bytes',
  'activation_bytes_per_batch',
  'latency_ms',
] as const;
export type CostMetric = (typeof COST_METRICS)[number];
export type CostMetrics = Record<CostMetric, number>;
/** The cost metrics the layer shapes determine. */
export type ShapeCostMetrics = Omit<CostMetrics, 'latency_ms'>;

export function costMetricsOf(cost: ModelCost): ShapeCostMetrics {
  return {
    param_count: cost.paramCount,
    model_bytes: cost.modelBytes,
    flops_per_sample: cost.flopsPerSample,
    optimizer_state_bytes: cost.optimizerStateBytes,
    activation_bytes_per_batch: cost.activationBytesPerBatch,
  };
}

/** Caps on one trial's model (configurable: SWEEPWISE_MAX_MODEL_PARAMS, SWEEPWISE_MAX_MODEL_BYTES). */
export interface ModelLimits {
  maxParams: number;
  /** Cap on `trainingBytes`, times the folds of a cross-validated trial (they train at once). */
  maxTrainingBytes: number;
}

/**
 * 50M params is 200 MB of float32 weights, two orders of magnitude above MNIST-sized MLPs; 1 GiB
 * of training memory leaves room for the data set and the runtime on a worker of a few GB.
 */
export const MODEL_LIMITS_DEFAULTS: ModelLimits = {
  maxParams: 50_000_000,
  maxTrainingBytes: 2 ** 30,
};

const LIMIT_VARIABLES = {
  maxParams: 'SWEEPWISE_MAX_MODEL_PARAMS',
  maxTrainingBytes: 'SWEEPWISE_MAX_MODEL_BYTES',
} as const satisfies Record<keyof ModelLimits, string>;

/** The limits an environment sets (the caller passes its env: the engine reads no globals). */
export function modelLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): ModelLimits {
  const limits = { ...MODEL_LIMITS_DEFAULTS };
  for (const key of Object.keys(LIMIT_VARIABLES) as (keyof ModelLimits)[]) {
    const name = LIMIT_VARIABLES[key];
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ConfigError(name, `${name} must be a positive integer, got ${JSON.stringify(raw)}`);
    }
    limits[key] = value;
  }
  return limits;
}

/**
 * A model over a limit: a ConfigError (at creation the sweep is refused naming the field), which
 * says which limit, so a worker can fail a trial over its memory budget as out of memory.
 */
export class ModelLimitError extends ConfigError {
  constructor(
    field: string,
    message: string,
    readonly limit: 'params' | 'memory',
  ) {
    super(field, message);
  }
}

/**
 * Throws a ModelLimitError when the model is over a limit, naming the field to change: the widths
 * (`model.layers`, which `model.hidden` is the shorthand of), or `batchSize` when the batch's activations are most of the memory.
 */
export function checkModelCost(cost: ModelCost, limits: ModelLimits, copies = 1): void {
  if (cost.paramCount > limits.maxParams) {
    throw new ModelLimitError(
      'model.layers',
      `model.layers must give a model of <= ${limits.maxParams} parameters (${LIMIT_VARIABLES.maxParams}), got ${cost.paramCount} (${gigabytes(cost.modelBytes)} of float32 weights)`,
      'params',
    );
  }
  const bytes = copies * cost.trainingBytes;
  if (bytes > limits.maxTrainingBytes) {
    const field =
      2 * cost.activationBytesPerBatch > cost.trainingBytes / 2 ? 'batchSize' : 'model.layers';
    const models = copies > 1 ? ` for ${copies} folds` : '';
    throw new ModelLimitError(
      field,
      `${field} must give a training run of <= ${limits.maxTrainingBytes} bytes (${LIMIT_VARIABLES.maxTrainingBytes}), got ${bytes} (${gigabytes(bytes)}${models}: weights, gradients, optimizer state and the batch's activations)`,
      'memory',
    );
  }
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** The shape of a trial's data: input features, classes (0: regression), training rows. */
export interface DataShape {
  features: number;
  /** Image data sets: how the features form an image (what conv layers need). */
  image: ImageShape | null;
  classes: number;
  trainRows: number;
}

/** The cost of a config's model on data of this shape, at its batch size. */
export function trialModelCost(
  config: Pick<TrialConfig, 'model' | 'batchSize' | 'optimizer' | 'loss'>,
  data: DataShape,
): ModelCost {
  const plan = planNetwork({
    ...config.model,
    inputSize: data.features,
    inputShape: data.image,
    outputSize: outputWidth(config.loss, data.classes),
  });
  return modelCost(networkLayerCosts(plan), {
    inputSize: data.features,
    batchSize: Math.min(config.batchSize, data.trainRows),
    optimizer: config.optimizer.type,
  });
}

/**
 * The data shape a config will see, known before loading for bundled sets. A user's file is
 * counted as one feature: its real width is known when a trial loads it, and checked then.
 */
export function expectedDataShape(config: TrialConfig): DataShape {
  const d = config.dataset;
  if (!('name' in d)) return { features: 1, image: null, classes: 0, trainRows: config.batchSize };
  const info = listDatasets().find((entry) => entry.name === d.name)!;
  const n = d.n ?? info.n;
  return {
    features: info.features,
    image: info.shape ?? null,
    classes: info.classes,
    trainRows: Math.ceil(n * d.split.train),
  };
}

/** Refuses a validated config whose model is over the limits (k folds count k times). */
export function checkTrialModel(
  config: TrialConfig,
  limits: ModelLimits = MODEL_LIMITS_DEFAULTS,
): ModelCost {
  const cost = trialModelCost(config, expectedDataShape(config));
  checkModelCost(cost, limits, config.crossValidation?.folds ?? 1);
  return cost;
}
