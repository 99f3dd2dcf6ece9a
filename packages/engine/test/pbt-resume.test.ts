// Population-based training resumes a member from a checkpoint (its own, or one it copied) with
// changed hyperparameters. The engine needs nothing special for it: `resumeFrom` restores weights,
// optimizer slots, RNG and schedule state, and the run's config supplies the new values. These
// tests prove each hyperparameter PBT changes (lr, momentum, weight decay, dropout, batch size)
// takes effect from the first resumed epoch, and that a resumed run is reproducible.
import { describe, expect, it } from 'vitest';
import { fitArrays, type FitOptions } from '../src/index.js';
import { blobs, fitConfig, timeless, trainOn } from './helpers.js';

const trainSet = blobs(240, 1);
const validation = blobs(90, 2);

const BASE = {
  model: { hidden: [12], dropout: 0.1 },
  optimizer: { type: 'momentum', lr: 0.05, momentum: 0.9, weightDecay: 0 },
  batchSize: 16,
  epochs: 3,
  earlyStopping: { patience: null },
};

function options(config: object, extra: Partial<FitOptions> = {}): FitOptions {
  return { config: fitConfig(config), classes: 3, train: trainSet, validation, ...extra };
}

/** The checkpoint after the last epoch of `config`. */
async function checkpointOf(config: object): Promise<Uint8Array> {
  let last: Uint8Array | null = null;
  await fitArrays(options(config, { onEpoch: (_m, ctx) => void (last = ctx.checkpoint()) }));
  return last!;
}

async function resume(from: Uint8Array, changes: object) {
  const config = { ...BASE, ...changes, epochs: 6 };
  return (await fitArrays(options(config, { resumeFrom: from }))).result;
}

describe('resuming with changed hyperparameters (PBT explore)', () => {
  it.each([
    ['lr', { optimizer: { ...BASE.optimizer, lr: 0.01 } }],
    ['momentum', { optimizer: { ...BASE.optimizer, momentum: 0.5 } }],
    ['weight decay', { optimizer: { ...BASE.optimizer, weightDecay: 0.01 } }],
    ['dropout', { model: { ...BASE.model, dropout: 0.4 } }],
    ['batch size', { batchSize: 40 }],
  ])(
    'a changed %s takes effect from the first resumed epoch, reproducibly',
    async (_name, change) => {
      const from = await checkpointOf(BASE);
      const unchanged = await resume(from, {});
      const changed = await resume(from, change);
      const again = await resume(from, change);
      // The copied history is kept; the new value drives every epoch after it.
      expect(timeless(changed.curves.slice(0, 3))).toEqual(timeless(unchanged.curves.slice(0, 3)));
      expect(changed.curves[3].train_loss).not.toBe(unchanged.curves[3].train_loss);
      expect(timeless(again.curves)).toEqual(timeless(changed.curves));
      expect(changed.epochs).toBe(6);
    },
  );

  it('reports the new learning rate from the first resumed epoch', async () => {
    const from = await checkpointOf(BASE);
    const r = await resume(from, { optimizer: { ...BASE.optimizer, lr: 0.02 } });
    expect(r.curves.map((c) => c.lr)).toEqual([0.05, 0.05, 0.05, 0.02, 0.02, 0.02]);
  });

  it('resuming with the same config continues the uninterrupted run exactly', async () => {
    const whole = (await fitArrays(options({ ...BASE, epochs: 6 }))).result;
    const resumed = await resume(await checkpointOf(BASE), {});
    expect(timeless(resumed.curves)).toEqual(timeless(whole.curves));
  });

  it('refuses a change that alters the state layout (not a PBT-mutable parameter)', async () => {
    const from = await checkpointOf(BASE);
    await expect(resume(from, { model: { ...BASE.model, hidden: [20] } })).rejects.toThrow(
      "resumeFrom: the checkpoint's model does not match",
    );
    await expect(resume(from, { optimizer: { type: 'adam', lr: 0.01 } })).rejects.toThrow(
      "resumeFrom: the checkpoint's optimizer state does not match",
    );
  });

  it('train(config, { resumeFrom }) on a bundled data set takes the new config too', async () => {
    const config = { dataset: { name: 'iris' }, ...BASE };
    let from: Uint8Array | null = null;
    await trainOn(config, { onEpoch: (_m, ctx) => void (from = ctx.checkpoint()) });
    const r = await trainOn(
      { ...config, epochs: 5, optimizer: { ...BASE.optimizer, lr: 0.005 } },
      { resumeFrom: from! },
    );
    expect(r.curves.map((c) => c.lr)).toEqual([0.05, 0.05, 0.05, 0.005, 0.005]);
  });
});
