import { describe, expect, it } from 'vitest';
import {
  checkTrialModel,
  ConfigError,
  fitArrays,
  modelCost,
  networkLayerCosts,
  modelLimitsFromEnv,
  MODEL_LIMITS_DEFAULTS,
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_SLOTS,
  OPTIMIZER_TYPES,
  validateConfig,
  type ModelLimits,
} from '../src/index.js';
import { Network } from '../src/model/network.js';
import { planNetwork, type NetworkSpec } from '../src/model/plan.js';
import { createOptimizer } from '../src/optimizers/create-optimizer.js';
import { Rng } from '../src/rng.js';
import { blobs, fitConfig, trainOn } from './helpers.js';

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('the model was accepted');
}

/** A network spec as fitArrays builds it, from a config's model section (flat or image inputs). */
function spec(
  model: object,
  input: { inputSize?: number; outputSize?: number; image?: NetworkSpec['inputShape'] } = {},
): NetworkSpec {
  const { model: config } = validateConfig({
    dataset: { path: 'unused.csv', target: 'y', task: 'classification' },
    model,
  });
  const image = input.image ?? null;
  const inputSize = image ? image.channels * image.height * image.width : (input.inputSize ?? 4);
  return { ...config, inputSize, inputShape: image, outputSize: input.outputSize ?? 3 };
}

const mlp = (hidden: number[], extra: { batchNorm?: boolean; dropout?: number } = {}) =>
  spec({ hidden, ...extra });

const layerCosts = (s: NetworkSpec) => networkLayerCosts(planNetwork(s));

describe('modelCost', () => {
  it('MLP 4-16-3, batch 32, Adam: the figures worked out by hand', () => {
    // dense 4x16: 64 weights + 16 biases, 64 multiply-adds; dense 16x3: 48 + 3, 48.
    expect(
      modelCost(layerCosts(mlp([16])), { inputSize: 4, batchSize: 32, optimizer: 'adam' }),
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
      modelCost(layerCosts({ ...mlp([8], { batchNorm: true, dropout: 0.5 }), outputSize: 2 }), {
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

  it('the reference CNN on MNIST, batch 64, Adam: the figures worked out by hand', () => {
    const cnn = spec(
      { layers: [{ conv: 32 }, { pool: 2 }, { conv: 64 }, { pool: 2 }, { dense: 128 }] },
      { image: { channels: 1, height: 28, width: 28 }, outputSize: 10 },
    );
    // conv 3x3x1 → 32 on 26x26: 320 params, 676·9·32 multiply-adds, 21,632 kept;
    // max pool 2 → 13x13x32: 4 per output, output and argmax kept (2 · 5,408);
    // conv 3x3x32 → 64 on 11x11: 18,496 params, 121·288·64, 7,744 kept;
    // max pool 2 → 5x5x64: 2 · 1,600 kept; dense 1600x128: 204,928; dense 128x10: 1,290.
    const flops = 676 * 9 * 32 + 4 * 5408 + 121 * 288 * 64 + 4 * 1600 + 1600 * 128 + 128 * 10;
    const kept = 784 + 21_632 + 2 * 5408 + 7744 + 2 * 1600 + 128 + 10;
    const params = 320 + 18_496 + 204_928 + 1290;
    expect(
      modelCost(layerCosts(cnn), { inputSize: 784, batchSize: 64, optimizer: 'adam' }),
    ).toEqual({
      paramCount: params,
      modelBytes: 4 * params,
      flopsPerSample: flops,
      activationBytesPerBatch: 4 * 64 * kept,
      optimizerStateBytes: 8 * params,
      trainingBytes: 4 * params + 4 * params + 8 * params + 2 * 4 * 64 * kept,
    });
  });

  it('counts the parameters and state the Network really builds', () => {
    const image = { channels: 2, height: 9, width: 8 };
    const convs = [
      spec(
        { layers: [{ conv: 4, batchNorm: true }, { pool: 2, type: 'avg' }, { dense: 5 }] },
        { image },
      ),
      spec(
        { layers: [{ conv: 3, kernel: 2, stride: 2, padding: 'same' }, { flatten: true }] },
        { image },
      ),
    ];
    for (const spec of [
      mlp([]),
      mlp([16, 8]),
      mlp([7, 5, 3], { batchNorm: true, dropout: 0.1 }),
      ...convs,
    ]) {
      const built = new Network(spec, 4, new Rng(1));
      const cost = modelCost(layerCosts(spec), {
        inputSize: spec.inputSize,
        batchSize: 1,
        optimizer: 'sgd',
      });
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
  it('refuses a 2-GB model at validation, naming model.layers and the bound', () => {
    const config = validateConfig({
      dataset: { name: 'mnist' },
      model: { hidden: [16_384, 16_384, 16_384] },
    });
    const err = refusal(() => checkTrialModel(config));
    expect(err.field).toBe('model.layers');
    // 784x16384 + 2 x 16384^2 weights, 3 x 16384 biases; dense 16384x10 on top.
    const params = 784 * 16_384 + 2 * 16_384 ** 2 + 3 * 16_384 + 16_384 * 10 + 10;
    expect(4 * params).toBeGreaterThan(2e9);
    expect(err.message).toBe(
      `model.layers must give a model of <= 50000000 parameters (SWEEPWISE_MAX_MODEL_PARAMS), got ${params} (${((4 * params) / 1e9).toFixed(2)} GB of float32 weights)`,
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
    ).rejects.toThrow(/model\.layers must give a model of <= 100000 parameters/);
    await expect(
      trainOn(
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

describe("a trial's cost metrics", () => {
  /** 8x8 one-channel images: the shape is what the figures depend on, not the pixels. */
  const images = (n: number) => ({
    ...blobs(n, 5, 64),
    shape: { channels: 1, height: 8, width: 8 },
  });

  it('MLP 8-6-3, batch 20, momentum: reported by the run, as worked out by hand', async () => {
    const { result } = await fitArrays({
      config: fitConfig({
        model: { hidden: [6] },
        optimizer: { type: 'momentum', lr: 0.01 },
        batchSize: 20,
        epochs: 1,
        earlyStopping: { metric: 'train_loss' },
      }),
      classes: 3,
      train: blobs(100, 1, 8),
    });
    const { latency_ms, ...shape } = result.cost;
    expect(latency_ms).toBeGreaterThan(0);
    expect(shape).toEqual({
      param_count: 8 * 6 + 6 + (6 * 3 + 3), // 75
      model_bytes: 75 * 4,
      flops_per_sample: 8 * 6 + 6 * 3, // 66
      optimizer_state_bytes: 75 * 4, // one velocity per param
      activation_bytes_per_batch: 20 * (8 + 6 + 3) * 4, // input, hidden, logits
    });
    expect(result.cost.param_count).toBe(result.paramCount);
  });

  it('CNN 1x8x8 conv4(3x3)-maxpool2-dense5-3, batch 10, Adam: reported by the run, by hand', async () => {
    const { result } = await fitArrays({
      config: fitConfig({
        dataset: { path: 'images.csv', target: 'y', task: 'classification' },
        model: { layers: [{ conv: 4, kernel: 3 }, { pool: 2 }, { dense: 5 }] },
        batchSize: 10,
        epochs: 1,
        earlyStopping: { metric: 'train_loss' },
      }),
      classes: 3,
      train: images(40),
    });
    // conv: 4 filters of 3x3x1 + bias over a 6x6 output; pool: 4x3x3 (and where each max was);
    // dense 36 -> 5; output 5 -> 3
    const params = 4 * 9 + 4 + (36 * 5 + 5) + (5 * 3 + 3); // 243
    const { latency_ms, ...shape } = result.cost;
    expect(latency_ms).toBeGreaterThan(0);
    expect(shape).toEqual({
      param_count: params,
      model_bytes: params * 4,
      flops_per_sample: 36 * 9 * 4 + 36 * 4 + 36 * 5 + 5 * 3, // 1635
      optimizer_state_bytes: 2 * params * 4, // Adam's m and v
      activation_bytes_per_batch: 10 * (64 + 144 + 2 * 36 + 5 + 3) * 4,
    });
    expect(result.cost.param_count).toBe(result.paramCount);
  });
});
