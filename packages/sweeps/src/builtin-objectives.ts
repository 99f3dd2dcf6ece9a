/**
 * Synthetic objectives that cost nothing to evaluate: smoke tests of a deployment, demos of the
 * samplers and stopping rules, and the scheduler benchmark, which measures the platform and not
 * the model.
 */
export const BUILTIN_OBJECTIVES: Record<string, (params: Record<string, unknown>) => number> = {
  /** Sum of (x - 0.3)^2 over the numeric parameters: one minimum, at 0.3 in every dimension. */
  quadratic(params) {
    const xs = Object.values(params).filter((v): v is number => typeof v === 'number');
    if (xs.length === 0) throw new Error('the quadratic objective needs a numeric parameter');
    return xs.reduce((sum, x) => sum + (x - 0.3) ** 2, 0);
  },
  /** Branin-Hoo on x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887 (Dixon & Szego 1978). */
  branin(params) {
    const { x1, x2 } = params;
    if (typeof x1 !== 'number' || typeof x2 !== 'number') {
      throw new Error(
        `the branin objective needs numeric parameters x1 and x2, got ${JSON.stringify(params)}`,
      );
    }
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};
