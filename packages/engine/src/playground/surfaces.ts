// The classic 2-D test functions of optimizer illustrations: each with its value, its gradient
// written into a given pair, the window it is drawn in, a start point that shows the function's
// difficulty, and its global minima. A registry is the only list of names.

export interface Surface {
  readonly name: SurfaceName;
  readonly label: string;
  /** f(x, y); `condition` is read only by the quadratic. */
  value(x: number, y: number, condition: number): number;
  /** Writes ∂f/∂x and ∂f/∂y into `out`. */
  gradient(x: number, y: number, condition: number, out: Float64Array): void;
  /** [xMin, xMax, yMin, yMax] of the drawn window. */
  readonly window: readonly [number, number, number, number];
  readonly start: readonly [number, number];
  /** The learning rate that shows the surface well with plain SGD. */
  readonly lr: number;
  /** Global minima known in closed form; none for the saddle (unbounded below) or the logistic loss. */
  readonly minima: readonly (readonly [number, number])[];
}

export const SURFACE_NAMES = [
  'quadratic',
  'rosenbrock',
  'beale',
  'saddle',
  'himmelblau',
  'logistic',
] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

/** The quadratic's default condition number (ratio of its curvatures). */
export const DEFAULT_CONDITION = 10;

/** f = (x² + κ·y²)/2: curvature 1 along x and κ along y, so κ is the condition number. */
const quadratic: Surface = {
  name: 'quadratic',
  label: 'Ill-conditioned quadratic',
  value: (x, y, k) => 0.5 * (x * x + k * y * y),
  gradient(x, y, k, out) {
    out[0] = x;
    out[1] = k * y;
  },
  window: [-3, 3, -2, 2],
  start: [-2.5, 1.5],
  lr: 0.05,
  minima: [[0, 0]],
};

/** Rosenbrock (1960), a = 1, b = 100: a curved, flat-bottomed valley to (1, 1). */
const rosenbrock: Surface = {
  name: 'rosenbrock',
  label: 'Rosenbrock',
  value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  gradient(x, y, _k, out) {
    out[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    out[1] = 200 * (y - x * x);
  },
  window: [-2, 2, -1, 3],
  start: [-1.5, 2],
  lr: 0.001,
  minima: [[1, 1]],
};

/** Beale (1958): flat plateaus and steep ridges, minimum 0 at (3, 0.5). */
const beale: Surface = {
  name: 'beale',
  label: 'Beale',
  value(x, y) {
    const [a, b, c] = bealeTerms(x, y);
    return a * a + b * b + c * c;
  },
  gradient(x, y, _k, out) {
    const [a, b, c] = bealeTerms(x, y);
    out[0] = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1);
    out[1] = 2 * a * x + 4 * b * x * y + 6 * c * x * y * y;
  },
  window: [-4.5, 4.5, -4.5, 4.5],
  start: [1, 1.5],
  lr: 0.001,
  minima: [[3, 0.5]],
};

function bealeTerms(x: number, y: number): [number, number, number] {
  return [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y];
}

/** y⁴ − x⁴: a saddle at the origin, flat to fourth order; unbounded below along x. */
const saddle: Surface = {
  name: 'saddle',
  label: 'Saddle y⁴ − x⁴',
  value: (x, y) => y ** 4 - x ** 4,
  gradient(x, y, _k, out) {
    out[0] = -4 * x ** 3;
    out[1] = 4 * y ** 3;
  },
  window: [-2, 2, -2, 2],
  start: [0.01, 1.5],
  lr: 0.01,
  minima: [],
};

/** Himmelblau (1972): four minima of value 0. */
const himmelblau: Surface = {
  name: 'himmelblau',
  label: 'Himmelblau',
  value: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  gradient(x, y, _k, out) {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    out[0] = 4 * a * x + 2 * b;
    out[1] = 2 * a + 4 * b * y;
  },
  window: [-5, 5, -5, 5],
  start: [0, -4.5],
  lr: 0.005,
  minima: [
    [3, 2],
    [-2.805118, 3.131312],
    [-3.77931, -3.283186],
    [3.584428, -1.848126],
  ],
};

/**
 * Logistic regression with two weights and no bias: the mean log-loss over a fixed set of
 * points, labelled by the sign of 2·a + b with two points flipped, so the minimum is finite.
 */
const LOGISTIC_POINTS: readonly (readonly [number, number, 0 | 1])[] = [
  [1, 0.5, 1],
  [2, -1, 1],
  [0.5, 1.5, 1],
  [-0.2, 1, 1],
  [1.5, 1, 1],
  [-1, -0.5, 0],
  [-2, 1, 0],
  [-0.5, -1.5, 0],
  [0.2, -1, 0],
  [-1.5, -1, 0],
  [0.3, 0.2, 0],
  [-0.4, 0.3, 1],
];

const logistic: Surface = {
  name: 'logistic',
  label: 'Logistic regression (2 weights)',
  value(w1, w2) {
    let loss = 0;
    for (const [a, b, label] of LOGISTIC_POINTS) {
      const z = w1 * a + w2 * b;
      // log(1 + e^z) − label·z, written so that it never overflows
      loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - label * z;
    }
    return loss / LOGISTIC_POINTS.length;
  },
  gradient(w1, w2, _k, out) {
    out[0] = 0;
    out[1] = 0;
    for (const [a, b, label] of LOGISTIC_POINTS) {
      const r = 1 / (1 + Math.exp(-(w1 * a + w2 * b))) - label;
      out[0] += r * a;
      out[1] += r * b;
    }
    out[0] /= LOGISTIC_POINTS.length;
    out[1] /= LOGISTIC_POINTS.length;
  },
  window: [-6, 6, -6, 6],
  start: [-5, 5],
  lr: 0.5,
  minima: [],
};

export const SURFACES: Readonly<Record<SurfaceName, Surface>> = {
  quadratic,
  rosenbrock,
  beale,
  saddle,
  himmelblau,
  logistic,
};
