import { describe, expect, it } from 'vitest';
import {
  OPTIMIZER_TYPES,
  SURFACE_NAMES,
  SURFACES,
  trajectory,
  type PlaygroundSettings,
} from '../src/playground/index.js';

const settings = (over: Partial<PlaygroundSettings> = {}): PlaygroundSettings => ({
  surface: 'quadratic',
  condition: 10,
  start: [-2.5, 1.5],
  lr: 0.05,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  steps: 40,
  ...over,
});

describe('playground surfaces', () => {
  it.each(SURFACE_NAMES)('%s: the gradient matches central differences', (name) => {
    const s = SURFACES[name];
    const [x0, x1, y0, y1] = s.window;
    const g = new Float64Array(2);
    for (const [fx, fy] of [
      [0.3, 0.7],
      [0.8, 0.2],
      [0.55, 0.45],
    ]) {
      const x = x0 + fx * (x1 - x0);
      const y = y0 + fy * (y1 - y0);
      s.gradient(x, y, 7, g);
      const h = 1e-6;
      const dx = (s.value(x + h, y, 7) - s.value(x - h, y, 7)) / (2 * h);
      const dy = (s.value(x, y + h, 7) - s.value(x, y - h, 7)) / (2 * h);
      expect(g[0]).toBeCloseTo(dx, 3);
      expect(g[1]).toBeCloseTo(dy, 3);
    }
  });

  it.each(SURFACE_NAMES)('%s: its minima are zeros of the gradient, at value 0', (name) => {
    const s = SURFACES[name];
    const g = new Float64Array(2);
    for (const [x, y] of s.minima) {
      expect(s.value(x, y, 10)).toBeCloseTo(0, 8);
      s.gradient(x, y, 10, g);
      expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-4);
    }
  });
});

describe('playground trajectories', () => {
  it('plain SGD on the quadratic follows x_t = x_0(1 - lr)^t, y_t = y_0(1 - lr*k)^t', () => {
    const t = trajectory('sgd', settings());
    expect(t.length).toBe(41);
    for (let step = 0; step <= 40; step++) {
      expect(t.x[step]).toBeCloseTo(-2.5 * (1 - 0.05) ** step, 12);
      expect(t.y[step]).toBeCloseTo(1.5 * (1 - 0.05 * 10) ** step, 12);
    }
  });

  it('heavy-ball and Nesterov momentum follow their update rules written out', () => {
    for (const nesterov of [false, true]) {
      const s = settings({ surface: 'rosenbrock', start: [-1.5, 2], lr: 0.0005, momentum: 0.8 });
      const t = trajectory(nesterov ? 'nesterov' : 'momentum', s);
      const w = [...s.start];
      const v = [0, 0];
      const g = new Float64Array(2);
      for (let step = 1; step <= s.steps; step++) {
        SURFACES.rosenbrock.gradient(w[0], w[1], 0, g);
        for (let i = 0; i < 2; i++) {
          v[i] = 0.8 * v[i] + g[i];
          w[i] -= 0.0005 * (nesterov ? g[i] + 0.8 * v[i] : v[i]);
        }
        expect(t.x[step]).toBeCloseTo(w[0], 12);
        expect(t.y[step]).toBeCloseTo(w[1], 12);
      }
    }
  });

  it("Adam follows Kingma & Ba's bias-corrected rule written out", () => {
    const s = settings({ surface: 'beale', start: [1, 1.5], lr: 0.01, beta1: 0.8, beta2: 0.99 });
    const t = trajectory('adam', s);
    const w = [...s.start];
    const m = [0, 0];
    const v = [0, 0];
    const g = new Float64Array(2);
    for (let step = 1; step <= s.steps; step++) {
      SURFACES.beale.gradient(w[0], w[1], 0, g);
      for (let i = 0; i < 2; i++) {
        m[i] = 0.8 * m[i] + 0.2 * g[i];
        v[i] = 0.99 * v[i] + 0.01 * g[i] ** 2;
        const mHat = m[i] / (1 - 0.8 ** step);
        const vHat = v[i] / (1 - 0.99 ** step);
        w[i] -= (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
      expect(t.x[step]).toBeCloseTo(w[0], 10);
      expect(t.y[step]).toBeCloseTo(w[1], 10);
    }
  });

  it('every engine optimizer gives a finite path of the asked length on a tame surface', () => {
    for (const type of OPTIMIZER_TYPES) {
      const t = trajectory(type, settings({ lr: 0.01 }));
      expect(t.divergedAt, type).toBeNull();
      expect(t.length, type).toBe(41);
      expect(t.loss[40], type).toBeLessThan(t.loss[0]);
    }
  });

  it('marks the step where SGD diverges past lr = 2/k on the quadratic, and stops there', () => {
    const t = trajectory('sgd', settings({ lr: 0.25, steps: 500 }));
    expect(t.divergedAt).not.toBeNull();
    expect(t.length).toBe(t.divergedAt);
    expect(Number.isFinite(t.loss[t.length - 1])).toBe(true);
  });

  it('marks a stall on the saddle and a convergence on the quadratic', () => {
    const stalled = trajectory(
      'sgd',
      settings({ surface: 'saddle', start: [0, 1.5], lr: 0.01, steps: 3000 }),
    );
    expect(stalled.stalledAt).not.toBeNull();
    expect(stalled.convergedAt).toBeNull();
    const converged = trajectory('adam', settings({ lr: 0.1, steps: 400 }));
    expect(converged.convergedAt).not.toBeNull();
    expect(converged.stalledAt).toBeNull();
  });
});
