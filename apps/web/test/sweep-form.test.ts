import { catalogue as readCatalogue } from '@sweepwise/sweeps';
import { describe, expect, it } from 'vitest';
import {
  bodyToForm,
  formToBody,
  initialForm,
  serverErrorsToForm,
  settingsFields,
  type SweepForm,
} from '../lib/sweep-form';

const catalogue = readCatalogue();

/** The initial form with a name, `patch` applied. */
function form(patch: Partial<SweepForm> = {}): SweepForm {
  return { ...initialForm(catalogue), name: 'form-test', ...patch };
}

/** The form with `type` chosen as its sampler and `settings` typed into its fields. */
const sampler = (type: string, settings: Record<string, string> = {}) => ({
  algorithm: type,
  algorithmSettings: { ...settingsFields(catalogue.samplers, type), ...settings },
});
const stopper = (type: string, settings: Record<string, string> = {}) => ({
  stopper: type,
  stopperSettings: { ...settingsFields(catalogue.stoppers, type), ...settings },
});

describe('the new-sweep form', () => {
  it('starts valid', () => {
    expect(formToBody(form(), catalogue).errors).toEqual({});
  });

  it('fills a sampler’s and a stopper’s fields with their declared defaults', () => {
    const f = form({ ...sampler('gp'), ...stopper('asha') });
    expect(f.algorithmSettings).toMatchObject({ startup: 'sobol', startupTrials: '6' });
    expect(f.stopperSettings).toMatchObject({ reductionFactor: '3', maxResource: '' });
  });

  it('sends the settings that differ from their defaults, typed as the tuner takes them', () => {
    const { body, errors } = formToBody(
      form({
        ...sampler('gp', { startupTrials: '4', startup: 'random' }),
        ...stopper('asha', { reductionFactor: '2', maxResource: '' }),
      }),
      catalogue,
    );
    expect(errors).toEqual({});
    expect(body.algorithm).toEqual({ type: 'gp', seed: 1, startupTrials: 4, startup: 'random' });
    expect(body.stopper).toEqual({ type: 'asha', reductionFactor: 2 });
  });

  it('shows the shared schema’s refusal of a setting on that setting’s field', () => {
    const over = formToBody(form(sampler('gp', { startupTrials: '0' })), catalogue).errors;
    expect(over).toEqual({ 'algorithm.startupTrials': 'startupTrials must be >= 1, got 0' });
    const fraction = formToBody(form(sampler('gp', { candidates: '2.5' })), catalogue).errors;
    expect(fraction).toEqual({ 'algorithm.candidates': 'candidates must be an integer, got 2.5' });
    const ref = formToBody(form(stopper('asha', { maxResource: '1' })), catalogue).errors;
    expect(ref).toEqual({ 'stopper.maxResource': 'maxResource must be > minResource (1), got 1' });
    const required = formToBody(form(stopper('hyperband')), catalogue).errors;
    expect(required['stopper.maxResource']).toMatch(/maxResource is required/);
  });

  it('shows a sampler’s and a stopper’s errors at once', () => {
    const f = form({
      ...sampler('gp', { startupTrials: '0' }),
      ...stopper('asha', { reductionFactor: '1' }),
    });
    expect(Object.keys(formToBody(f, catalogue).errors)).toEqual([
      'algorithm.startupTrials',
      'stopper.reductionFactor',
    ]);
  });

  it('refuses text where a number is due, naming the field', () => {
    const { errors } = formToBody(form(sampler('gp', { acquisitionFlops: 'lots' })), catalogue);
    expect(errors['algorithm.acquisitionFlops']).toBe('must be a number, got "lots"');
    const pbt = formToBody(form(sampler('pbt', { perturbationFactors: '0.5, x' })), catalogue);
    expect(pbt.errors['algorithm.perturbationFactors']).toMatch(/must be numbers/);
  });

  it('takes lists and per-parameter values without JSON', () => {
    const pbt = formToBody(form(sampler('pbt', { perturbationFactors: '0.5, 2' })), catalogue);
    expect(pbt.body.algorithm).toEqual({ type: 'pbt', seed: 1, perturbationFactors: [0.5, 2] });
    const grid = formToBody(
      form(sampler('grid', { 'values.optimizer.lr': '0.001, 0.01' })),
      catalogue,
    );
    expect(grid.errors).toEqual({});
    expect(grid.body.algorithm).toEqual({
      type: 'grid',
      seed: 1,
      values: { 'optimizer.lr': [0.001, 0.01] },
    });
    const illegal = formToBody(form(sampler('grid', { 'values.optimizer.lr': '5' })), catalogue);
    expect(illegal.errors['algorithm.values.optimizer.lr']).toMatch(/not a legal value/);
  });

  it('puts a space error on the parameter’s row', () => {
    const f = form();
    f.params = [{ ...f.params[0], low: '0.5', high: '0.1' }];
    expect(formToBody(f, catalogue).errors).toEqual({
      'params.0': 'low must be < high, got low=0.5 high=0.1',
    });
  });

  it('reports an unknown engine metric with those the data set has', () => {
    const { errors } = formToBody(form({ metric: 'val_accuracy' }), catalogue);
    expect(errors['metric.name']).toMatch(
      /^unknown metric "val_accuracy" for iris; the engine reports val_loss, val_acc, train_loss, train_acc, /,
    );
  });

  it('reads a body back into the same fields (import, clone)', () => {
    const f = form({
      ...sampler('gp', { startupTrials: '4' }),
      ...stopper('asha', { reductionFactor: '2' }),
    });
    const { body } = formToBody(f, catalogue);
    const back = bodyToForm(body as unknown as Parameters<typeof bodyToForm>[0], catalogue);
    expect(back.algorithmSettings).toEqual(f.algorithmSettings);
    expect(back.stopperSettings).toEqual(f.stopperSettings);
    expect(formToBody(back, catalogue).body).toEqual(body);
  });

  it('maps the server’s issues onto the form’s fields', () => {
    const issues = [
      { field: 'parameters.optimizer.lr.low', reason: 'too low' },
      { field: 'stopper.reductionFactor', reason: 'too small' },
      { field: '', reason: 'whole body' },
    ];
    expect(serverErrorsToForm(issues, form())).toEqual({
      'params.0': 'too low',
      'stopper.reductionFactor': 'too small',
      form: 'whole body',
    });
  });
});
