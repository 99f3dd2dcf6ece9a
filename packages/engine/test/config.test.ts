import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, validateConfig, withParams } from '../src/index.js';

function fieldOf(json: unknown): { field: string; message: string } {
  try {
    validateConfig(json);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return { field: (err as ConfigError).field, message: (err as ConfigError).message };
  }
  throw new Error('config was accepted');
}

const mnist = { name: 'mnist' };

describe('validateConfig', () => {
  it('fills the documented defaults', () => {
    const c = validateConfig({ dataset: mnist });
    expect(c).toMatchObject({
      dataset: {
        name: 'mnist',
        split: { train: 0.6, validation: 0.2, test: 0.2, seed: 1, stratify: true },
      },
      model: {
        layers: [
          { dense: 256, activation: 'relu', batchNorm: false },
          { dense: 128, activation: 'relu', batchNorm: false },
        ],
        activation: 'relu',
        dropout: 0,
        batchNorm: false,
        init: 'he',
      },
      loss: 'cross_entropy',
      regularization: { l1: 0, l2: 0 },
      optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
      schedule: { type: 'constant', warmupEpochs: 0 },
      clipNorm: null,
      batchSize: 128,
      epochs: 20,
      seed: 1,
      earlyStopping: { metric: 'val_loss', patience: 5 },
    });
    expect(defaultConfig()).toEqual(c);
    expect(validateConfig({ dataset: { name: 'cars' } }).loss).toBe('mse');
    expect(
      validateConfig({ dataset: mnist, optimizer: { type: 'adamw' } }).optimizer.weightDecay,
    ).toBe(0.01);
  });

  it('keeps the first model.depth hidden layers', () => {
    const layers = (model: object) =>
      validateConfig({ dataset: mnist, model }).model.layers.map((l) =>
        'dense' in l ? l.dense : l,
      );
    expect(layers({ hidden: [64, 32, 16], depth: 2 })).toEqual([64, 32]);
    expect(layers({ hidden: [64], depth: 0 })).toEqual([]);
    expect(layers({ hidden: [64, 32] })).toEqual([64, 32]);
  });

  it.each([
    [{ dataset: mnist, optimizer: { lr: -1 } }, 'optimizer.lr', 'optimizer.lr must be > 0, got -1'],
    [
      { dataset: mnist, optimizer: { type: 'lbfgs' } },
      'optimizer.type',
      'optimizer.type must be one of',
    ],
    [{ dataset: mnist, optimizer: { betaOne: 0.9 } }, 'optimizer.betaOne', 'is not a known field'],
    [
      { dataset: mnist, model: { hidden: [64, 0] } },
      'model.hidden.1',
      'model.hidden.1 must be an integer in 1..65536, got 0',
    ],
    [
      { dataset: mnist, model: { hidden: [64, 32], depth: 3 } },
      'model.depth',
      'model.depth must be an integer in 0..2, got 3',
    ],
    [{ dataset: { name: 'imagenet' } }, 'dataset.name', 'dataset.name must be one of'],
    [{ dataset: mnist, model: { dropout: 1 } }, 'model.dropout', 'must be < 1'],
    [
      { dataset: mnist, schedule: { type: 'step', stepSize: 0 } },
      'schedule.stepSize',
      'schedule.stepSize must be an integer in 1..100000, got 0',
    ],
    [{ dataset: mnist, batchSize: 2.5 }, 'batchSize', 'integer'],
    [{ dataset: mnist, lr: 0.1 }, 'lr', 'lr is not a known field'],
    [
      { dataset: { name: 'cars' }, loss: 'hinge' },
      'loss',
      'loss must be mse for a regression data set',
    ],
    [{ dataset: { ...mnist, split: { train: 0.5 } } }, 'dataset.split', 'must be 1'],
    [
      { dataset: { name: 'cars' }, earlyStopping: { metric: 'val_acc' } },
      'earlyStopping.metric',
      'classification',
    ],
    [{}, 'dataset', 'dataset must be an object'],
    // Every size has a maximum, named with the bound.
    [
      { dataset: mnist, epochs: 1e9 },
      'epochs',
      'epochs must be an integer in 1..100000, got 1000000000',
    ],
    [
      { dataset: mnist, batchSize: 65_537 },
      'batchSize',
      'batchSize must be an integer in 1..65536',
    ],
    [
      { dataset: mnist, model: { hidden: [64, 65_537] } },
      'model.hidden.1',
      'model.hidden.1 must be an integer in 1..65536, got 65537',
    ],
    [
      { dataset: mnist, model: { hidden: Array(65).fill(8) } },
      'model.hidden',
      'model.hidden must have <= 64 layers, got 65',
    ],
    [{ dataset: mnist, crossValidation: { folds: 101 } }, 'crossValidation.folds', 'in 2..100'],
    [{ dataset: mnist, optimizer: { lr: 1e9 } }, 'optimizer.lr', 'must be <= 1000, got 1000000000'],
    [{ dataset: mnist, optimizer: { eps: 2 } }, 'optimizer.eps', 'must be <= 1, got 2'],
    [{ dataset: mnist, regularization: { l2: 1e4 } }, 'regularization.l2', 'must be <= 1000'],
    [{ dataset: mnist, clipNorm: 1e7 }, 'clipNorm', 'clipNorm must be <= 1000000, got 10000000'],
    [
      { dataset: mnist, earlyStopping: { patience: 1e6 } },
      'earlyStopping.patience',
      'in 1..100000',
    ],
    [
      { dataset: mnist, schedule: { type: 'cosine_restarts', periodMult: 1000 } },
      'schedule.periodMult',
      'in 1..100',
    ],
    [
      { dataset: mnist, schedule: { type: 'step', warmupEpochs: 1e6 } },
      'schedule.warmupEpochs',
      'in 0..100000',
    ],
    [
      { dataset: { name: 'spirals', n: 1e9 } },
      'dataset.n',
      'dataset.n must be an integer in 2..1000000',
    ],
    [{ dataset: { name: 'iris', n: 151 } }, 'dataset.n', 'dataset.n must be an integer in 2..150'],
    [{ dataset: { name: 'xor', noise: 1e6 } }, 'dataset.noise', 'dataset.noise must be <= 100'],
    [
      { dataset: mnist, model: { hidden: [8], layers: [{ dense: 8 }] } },
      'model.hidden',
      'give model.layers or model.hidden, not both',
    ],
    [
      { dataset: mnist, model: { layers: [{ conv: 8, pool: 2 }] } },
      'model.layers.0',
      'exactly one of dense, conv, pool, flatten',
    ],
    [
      { dataset: mnist, model: { layers: [{ conv: 8, kernel: 0 }] } },
      'model.layers.0.kernel',
      'model.layers.0.kernel must be an integer in 1..64, got 0',
    ],
    [
      { dataset: mnist, model: { layers: [{ conv: 8, padding: 'full' }] } },
      'model.layers.0.padding',
      'must be one of valid, same',
    ],
    [
      { dataset: mnist, model: { layers: [{ pool: 2, type: 'min' }] } },
      'model.layers.0.type',
      'must be one of max, avg',
    ],
    [
      { dataset: mnist, model: { layers: [{ conv: 8, filters: 8 }] } },
      'model.layers.0.filters',
      'is not a known field',
    ],
    [
      // 28 → 26 → 13 → 11 → 5 → 3 → 1: a 3x3 kernel no longer fits
      {
        dataset: mnist,
        model: {
          layers: [
            { conv: 4 },
            { pool: 2 },
            { conv: 4 },
            { pool: 2 },
            { conv: 4 },
            { pool: 3 },
            { conv: 4 },
          ],
        },
      },
      'model.layers.6.kernel',
      'model.layers.6.kernel 3 is larger than its 1x1 input',
    ],
    [
      { dataset: mnist, model: { layers: [{ dense: 16 }, { conv: 4 }] } },
      'model.layers.1.conv',
      'comes after a dense or flatten layer',
    ],
    [
      { dataset: { name: 'iris' }, model: { layers: [{ pool: 2 }] } },
      'model.layers.0.pool',
      "this data set's features are not an image",
    ],
  ])('rejects %j at %s', (json, field, message) => {
    const got = fieldOf(json);
    expect(got.field).toBe(field);
    expect(got.message).toContain(message);
  });

  it('reads a sparse model.hidden (a path set past the end) as a missing width', () => {
    const hidden: number[] = [];
    hidden[3] = 8;
    expect(fieldOf({ dataset: mnist, model: { hidden } })).toEqual({
      field: 'model.hidden.0',
      message: 'model.hidden.0 must be an integer in 1..65536, got nothing',
    });
  });

  it('leaves out known fields the chosen type does not read, so a search may switch the type', () => {
    const base = { dataset: mnist, optimizer: { type: 'adam', lr: 0.01, beta1: 0.8, eps: 1e-7 } };
    const c = validateConfig(withParams(base, { 'optimizer.type': 'momentum' }));
    expect(c.optimizer).toEqual({ type: 'momentum', lr: 0.01, momentum: 0.9, weightDecay: 0 });
  });

  it('fills each layer from the model and the layer defaults; hidden is the dense shorthand', () => {
    const c = validateConfig({
      dataset: mnist,
      model: {
        activation: 'tanh',
        layers: [
          { conv: 32, kernel: 5, padding: 'same', batchNorm: true },
          { pool: 2 },
          { conv: 64, activation: 'relu' },
          { pool: 3, stride: 2, type: 'avg' },
          { flatten: true },
          { dense: 128 },
        ],
      },
    });
    expect(c.model.layers).toEqual([
      { conv: 32, kernel: 5, stride: 1, padding: 'same', activation: 'tanh', batchNorm: true },
      { pool: 2, stride: 2, type: 'max' },
      { conv: 64, kernel: 3, stride: 1, padding: 'valid', activation: 'relu', batchNorm: false },
      { pool: 3, stride: 2, type: 'avg' },
      { flatten: true },
      { dense: 128, activation: 'tanh', batchNorm: false },
    ]);
    expect(
      validateConfig({ dataset: mnist, model: { hidden: [64], batchNorm: true } }).model.layers,
    ).toEqual([{ dense: 64, activation: 'relu', batchNorm: true }]);
    expect(validateConfig(c)).toEqual(c);
  });

  it('standardizes features by default except for prescaled sets like MNIST', () => {
    expect(validateConfig({ dataset: { name: 'iris' } }).dataset.standardize).toBe(true);
    expect(validateConfig({ dataset: { name: 'mnist' } }).dataset.standardize).toBe(false);
    expect(
      validateConfig({ dataset: { name: 'mnist', standardize: true } }).dataset.standardize,
    ).toBe(true);
  });

  it('accepts its own output unchanged', () => {
    const once = validateConfig({
      dataset: { name: 'iris' },
      schedule: { type: 'cosine_restarts' },
    });
    expect(validateConfig(once)).toEqual(once);
    const file = { path: 'data.csv', target: 'label', task: 'classification' };
    const fileOnce = validateConfig({ dataset: file, optimizer: { type: 'rmsprop' } });
    expect(validateConfig(fileOnce)).toEqual(fileOnce);
  });

  it('refuses a data file path that is absolute or climbs out with ..', () => {
    for (const path of ['/etc/passwd.csv', '../up.csv', 'sets/../../up.csv']) {
      expect(() =>
        validateConfig({ dataset: { path, target: 'y', task: 'classification' } }),
      ).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'dataset.path' }));
    }
  });
});

describe('withParams', () => {
  it('sets dotted paths on a deep copy', () => {
    const base = { optimizer: { type: 'adam', lr: 0.001 }, model: { hidden: [256, 128] } };
    const out = withParams(base, {
      'optimizer.lr': 0.01,
      'model.hidden.0': 64,
      'schedule.type': 'step',
    });
    expect(out).toEqual({
      optimizer: { type: 'adam', lr: 0.01 },
      model: { hidden: [64, 128] },
      schedule: { type: 'step' },
    });
    expect(base.model.hidden[0]).toBe(256);
    expect(base.optimizer.lr).toBe(0.001);
  });

  it('reaches every field of a layer', () => {
    const base = { model: { layers: [{ conv: 32, kernel: 3 }, { pool: 2 }, { dense: 128 }] } };
    const out = withParams(base, {
      'model.layers.0.conv': 16,
      'model.layers.0.kernel': 5,
      'model.layers.1.type': 'avg',
      'model.layers.2.dense': 64,
    });
    expect(out).toEqual({
      model: { layers: [{ conv: 16, kernel: 5 }, { pool: 2, type: 'avg' }, { dense: 64 }] },
    });
    expect(validateConfig({ dataset: mnist, ...out }).model.layers[0]).toMatchObject({
      conv: 16,
      kernel: 5,
    });
  });

  it('refuses to walk through a non-object', () => {
    expect(() => withParams({ optimizer: 'adam' }, { 'optimizer.lr': 1 })).toThrow(ConfigError);
    expect(() => withParams({}, { '__proto__.polluted': 1 })).toThrow(/not a valid field path/);
  });
});
