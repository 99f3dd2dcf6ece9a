import { describe, expect, it } from 'vitest';
import {
  checkControl,
  defaultView,
  queryOfView,
  viewFromQuery,
} from '../lib/playground/view-state';

describe('playground view in the URL', () => {
  it('round-trips a changed view through its query string', () => {
    const view = {
      ...defaultView('quadratic'),
      condition: 50,
      lr: 0.0123,
      start: [1.25, -0.5] as const,
      beta2: 0.95,
      shown: ['sgd' as const, 'adam' as const],
    };
    const query = Object.fromEntries(new URLSearchParams(queryOfView(view)));
    expect(viewFromQuery(query)).toEqual(view);
  });

  it('takes the surface defaults for missing fields and every optimizer when none is named', () => {
    expect(viewFromQuery({ f: 'beale' })).toEqual(defaultView('beale'));
    expect(viewFromQuery({})).toEqual(defaultView('rosenbrock'));
  });

  it('falls back field by field on invalid values, keeping the valid ones', () => {
    const view = viewFromQuery({
      f: 'nope',
      lr: '-1',
      steps: '1e9',
      momentum: '0.5',
      opt: 'adam,bogus',
    });
    expect(view.surface).toBe('rosenbrock');
    expect(view.lr).toBe(defaultView().lr);
    expect(view.steps).toBe(defaultView().steps);
    expect(view.momentum).toBe(0.5);
    expect(view.shown).toEqual(['adam']);
  });

  it('names the bound a typed control breaks', () => {
    expect(checkControl('lr', '0.01')).toBe(0.01);
    expect(checkControl('momentum', '1')).toMatch(/1/);
    expect(typeof checkControl('steps', '2.5')).toBe('string');
    expect(typeof checkControl('lr', '')).toBe('string');
  });
});
