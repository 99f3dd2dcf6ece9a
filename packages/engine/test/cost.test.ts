import { describe, expect, it } from 'vitest';
import {
  checkTrialModel,
  ConfigError,
  fitArrays,
  mlpLayerCosts,
  modelCost,
  modelLimitsFromEnv,
  MODEL_LIMITS_DEFAULTS,
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_SLOTS,
  OPTIMIZER_TYPES,
  train,
  validateConfig,
  type ModelLimits,
} from '../src/index.js';
import { Mlp } from '../src/model/mlp.js';
import { createOptimizer } from '../src/optimizers/create-optimizer.js';
import { Rng } from '../src/rng.js';
import { blobs, fitConfig } from './helpers.js';

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('the model was accepted');
}

const mlp = (hidden: number[], extra: { batchNorm?: boolean; dropout?: number } = {}) => ({
  inputSize: 4,
  outputSize: 3,
  hidden,
  batchNorm: false,
  dropout: 0,
  ...extra,
});

describe('modelCost', () => {
  it('MLP 4-16-3, batch 32, Adam: the figures worked out by hand', () => {
    // dense 4x16: 64 weights + 16 biases, 64 multiply-adds; dense 16x3: 48 + 3, 48.
    expect(
      modelCost(mlpLayerCosts(mlp([16])), { inputSize: 4, batchSize: 32, optimizer: 'adam' }),
    ).toEqual({
      paramCount: 131,
      modelBytes: 524, // 131 floats
      flopsPerSample: 112,
      activationBytesPerBatch: 2944, // 32 rows x (4 inputs + 16 + 3) floats
      optimizerStateBytes: 1048, // m and v: 2 x 131 floats
      trainingBytes: 7984, // 524 weights + 524 gradients + 1048 + 2 x 2944
    });
  });

  it('MLP 4-8-2 with batch norm and dropout, batch 10, momentum', () => {
    // dense 4x8: 40 params, 32 flops, 8 kept; batch norm: 16 params, 16 running stats, 2 flops
    // and 2 kept floats per unit; dropout: 1 flop, mask + output per unit; dense 8x2: 18, 16, 2.
    expect(
      modelCost(mlpLayerCosts({ ...mlp([8], { batchNorm: true, dropout: 0.5 }), outputSize: 2 }), {
        inputSize: 4,
        batchSize: 10,
        optimizer: 'momentum',
      }),
    ).toEqual({
      paramCount: 74,
      modelBytes: 360, // (74 params + 16 running stats) x 4
      flopsPerSample: 72, // 32 + 16 + 8 + 16
      activationBytesPerBatch: 1840, // 10 rows x (4 + 8 + 16 + 16 + 2) floats
      optimizerStateBytes: 296, // velocity: 1 x 74 floats
      trainingBytes: 4632, // 360 + 296 + 296 + 2 x 1840
    });
  });

  it('counts the parameters the Mlp really builds', () => {
    for (const spec of [mlp([]), mlp([16, 8]), mlp([7, 5, 3], { batchNorm: true, dropout: 0.1 })]) {
      const built = new Mlp({ ...spec, activation: 'relu', init: 'he' }, 4, new Rng(1));
      const cost = modelCost(mlpLayerCosts(spec), { inputSize: 4, batchSize: 1, optimizer: 'sgd' });
      expect(cost.paramCount).toBe(built.paramCount);
      const stateFloats = built.state.reduce((s, a) => s + a.length, 0);
      expect(cost.modelBytes).toBe(4 * stateFloats);
    }
  });

  it("OPTIMIZER_SLOTS is each optimizer's state (an upper bound for sgd with momentum 0)", () => {
    const params = [
      { value: new Float32Array(3), grad: new Float32Array(3), regularized: true },
    ] as const;
    for (const type of OPTIMIZER_TYPES) {
      const optimizer = createOptimizer({ type, ...OPTIMIZER_DEFAULTS[type] }, params);
      expect(optimizer.slotCount, type).toBe(OPTIMIZER_SLOTS[type]);
    }
  });
});

describe('model limits', () => {
  it('refuses a 2-GB model at validation, naming model.hidden and the bound', () => {
    const config = validateConfig({
      dataset: { name: 'mnist' },
      model: { hidden: [16_384, 16_384, 16_384] },
    });
    const err = refusal(() => checkTrialModel(config));
    expect(err.field).toBe('model.hidden');
    // 784x16384 + 2 x 16384^2 weights, 3 x 16384 biases; dense 16384x10 on top.
    const params = 784 * 16_384 + 2 * 16_384 ** 2 + 3 * 16_384 + 16_384 * 10 + 10;
    expect(4 * params).toBeGreaterThan(2e9);
    expect(err.message).toBe(
      `model.hidden must give a model of <= 50000000 parameters (SWEEPWISE_MAX_MODEL_PARAMS), got ${params} (${((4 * params) / 1e9).toFixed(2)} GB of float32 weights)`,
    );
  });

  it('accepts the default model and reports its cost', () => {
    const cost = checkTrialModel(validateConfig({ dataset: { name: 'mnist' } }));
    expect(cost.paramCount).toBe(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
  });

  it('names batchSize when the batch is most of the memory, and counts every fold', () => {
    const limits: ModelLimits = { maxParams: 1e9, maxTrainingBytes: 5e5 };
    const wide = validateConfig({ dataset: { name: 'mnist' }, model: { hidden: [8] } });
    expect(refusal(() => checkTrialModel(wide, limits)).field).toBe('batchSize');
    const small = validateConfig({ dataset: { name: 'iris' }, model: { hidden: [64] } });
    const one = checkTrialModel(small, limits);
    const folds = Math.floor(limits.maxTrainingBytes / one.trainingBytes) + 1;
    const err = refusal(() => checkTrialModel({ ...small, crossValidation: { folds } }, limits));
    expect(err.message).toContain(`for ${folds} folds`);
  });

  it('a trial checks the model again with the real data width before allocating it', async () => {
    // Only at training time is the width of a user's data known: 5000 features here.
    const limits: ModelLimits = { ...MODEL_LIMITS_DEFAULTS, maxParams: 100_000 };
    const data = blobs(20, 1, 5000);
    const config = fitConfig({ model: { hidden: [32] }, earlyStopping: { metric: 'train_loss' } });
    await expect(
      fitArrays({ config, classes: 3, train: data, modelLimits: limits }),
    ).rejects.toThrow(/model\.hidden must give a model of <= 100000 parameters/);
    await expect(
      train(
        { dataset: { name: 'iris' }, crossValidation: { folds: 3 }, model: { hidden: [64] } },
        { modelLimits: { maxParams: 1e9, maxTrainingBytes: 10_000 } },
      ),
    ).rejects.toThrow(/for 3 folds/);
  });

  it('reads its limits from the environment it is given', () => {
    expect(modelLimitsFromEnv({})).toEqual(MODEL_LIMITS_DEFAULTS);
    expect(
      modelLimitsFromEnv({ SWEEPWISE_MAX_MODEL_PARAMS: '1000', SWEEPWISE_MAX_MODEL_BYTES: '' }),
    ).toEqual({ ...MODEL_LIMITS_DEFAULTS, maxParams: 1000 });
    expect(refusal(() => modelLimitsFromEnv({ SWEEPWISE_MAX_MODEL_BYTES: '2GB' })).field).toBe(
      'SWEEPWISE_MAX_MODEL_BYTES',
    );
  });
});
