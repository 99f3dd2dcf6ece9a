import { listDatasets } from '@sweepwise/data';
import { SAMPLERS, STOPPERS } from '@sweepwise/tuner';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../src/index.js';

describe('the catalogue', () => {
  it('lists every sampler, stopper and data set of the registries, with defaults', () => {
    const c = catalogue();
    expect(c.samplers.map((s) => s.type)).toEqual(Object.keys(SAMPLERS));
    expect(c.stoppers.map((s) => s.type)).toEqual(Object.keys(STOPPERS));
    expect(c.datasets.map((d) => d.name)).toEqual(listDatasets().map((d) => d.name));
    expect(c.samplers.find((s) => s.type === 'gp')?.defaults).toEqual(SAMPLERS.gp.defaults);
  });

  it('gives each sampler and stopper the settings its registry declares, with bounds and help', () => {
    const c = catalogue();
    for (const entry of [...c.samplers, ...c.stoppers]) {
      expect(entry.settings.map((s) => s.key)).toEqual(Object.keys(entry.defaults));
    }
    const gp = c.samplers.find((s) => s.type === 'gp')!;
    expect(gp.settings.find((s) => s.key === 'startupTrials')).toMatchObject({
      kind: 'int',
      default: 6,
      min: 1,
      max: 10_000,
    });
    const asha = c.stoppers.find((s) => s.type === 'asha')!;
    expect(asha.settings.find((s) => s.key === 'reductionFactor')).toMatchObject({
      kind: 'real',
      default: 3,
      min: 2,
      max: 100,
      help: expect.stringContaining('Li et al. 2018'),
    });
    expect(asha.settings.find((s) => s.key === 'maxResource')).toMatchObject({
      nullable: true,
      above: { setting: 'minResource' },
    });
  });

  it('gives each data set the metrics of its task', () => {
    const { datasets } = catalogue();
    const metricsOf = (name: string) => datasets.find((d) => d.name === name)?.metrics;
    const cost = [
      'param_count',
      'model_bytes',
      'flops_per_sample',
      'optimizer_state_bytes',
      'activation_bytes_per_batch',
      'latency_ms',
    ];
    expect(metricsOf('iris')).toEqual(['val_loss', 'val_acc', 'train_loss', 'train_acc', ...cost]);
    expect(metricsOf('seattle-weather')).toContain('val_acc');
    expect(metricsOf('regression')).toEqual(['val_loss', 'train_loss', ...cost]);
  });

  it('is plain data, so a server can hand it to a client', () => {
    const c = catalogue();
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
