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

  it('gives each data set the metrics of its task', () => {
    const { datasets } = catalogue();
    const metricsOf = (name: string) => datasets.find((d) => d.name === name)?.metrics;
    expect(metricsOf('iris')).toEqual(['val_loss', 'val_acc', 'train_loss', 'train_acc']);
    expect(metricsOf('seattle-weather')).toContain('val_acc');
    expect(metricsOf('regression')).toEqual(['val_loss', 'train_loss']);
  });

  it('is plain data, so a server can hand it to a client', () => {
    const c = catalogue();
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
