import { describe, expect, it } from 'vitest';
import {
  decodeCheckpoint,
  decodeFoldsCheckpoint,
  encodeCheckpoint,
  encodeFoldsCheckpoint,
  type Checkpoint,
} from '../src/checkpoint.js';

const curve = { epoch: 1, train_loss: 0.5, val_loss: NaN, lr: 0.1, wall_s: 2 };

function checkpoint(): Checkpoint {
  return {
    epoch: 1,
    optimizerSteps: 7,
    rng: [1, 2, 3, 4],
    schedule: { scale: 0.5, best: -Infinity, badEpochs: 2 },
    curves: [curve],
    best: { epoch: 1, value: Infinity },
    badEpochs: 0,
    wallTimeS: 2,
    // odd lengths, so each next array starts only after padding
    model: [Float32Array.of(1, 2, 3), Float32Array.of(-4)],
    optimizer: [Float64Array.of(0.25, 1e-300, -7)],
    bestModel: null,
  };
}

describe('checkpoint encoding', () => {
  it('round-trips arrays of both precisions, non-finite numbers and a missing best model', () => {
    const c = checkpoint();
    const back = decodeCheckpoint(encodeCheckpoint(c));
    expect(back).toEqual(c);
    expect(back.optimizer[0]).toBeInstanceOf(Float64Array);
    expect(back.model[0].buffer).not.toBe(c.model[0].buffer);
  });

  it('keeps a best model apart from the model', () => {
    const c = { ...checkpoint(), bestModel: [Float32Array.of(9, 8, 7)] };
    expect(decodeCheckpoint(encodeCheckpoint(c)).bestModel).toEqual([Float32Array.of(9, 8, 7)]);
  });

  it('round-trips the folds of a cross-validated run', () => {
    const folds = [encodeCheckpoint(checkpoint()), Uint8Array.of(1, 2, 3)];
    const back = decodeFoldsCheckpoint(
      encodeFoldsCheckpoint({ wallTimeS: 3, curves: [curve], folds }),
    );
    expect(back).toEqual({ wallTimeS: 3, curves: [curve], folds });
    expect(decodeCheckpoint(back.folds[0])).toEqual(checkpoint());
  });

  it('names what is wrong with bytes it cannot read', () => {
    const bytes = encodeCheckpoint(checkpoint());
    const folds = encodeFoldsCheckpoint({ wallTimeS: 0, curves: [], folds: [bytes] });
    expect(() => decodeCheckpoint(bytes.subarray(0, 8))).toThrow('not a checkpoint: too short');
    expect(() => decodeCheckpoint(folds)).toThrow('not a checkpoint: bad magic number');
    expect(() => decodeFoldsCheckpoint(bytes)).toThrow(
      'not a cross-validation checkpoint: bad magic number',
    );
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 8))).toThrow(
      'checkpoint is truncated',
    );
    expect(() => decodeFoldsCheckpoint(folds.subarray(0, folds.length - 8))).toThrow(
      'checkpoint is truncated',
    );
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(4, 2, true);
    expect(() => decodeCheckpoint(future)).toThrow('checkpoint version 2 is not supported');
  });
});
