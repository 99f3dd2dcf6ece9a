// Log expected improvement for minimization, stable for any z = (best − μ)/σ, after Ament et al.
// 2023, "Unexpected Improvements to Expected Improvement for Bayesian Optimization" (NeurIPS):
// EI = σ·h(z) with h(z) = φ(z) + zΦ(z). Far in the lower tail h(z) = φ(z)·g/(u + g) with
// u = −z/√2 and g the erfc continued-fraction tail, which stays accurate where φ + zΦ cancels
// to zero — so the acquisition keeps a useful gradient where plain EI is flat.

import { ERFC_SERIES_LIMIT, LOG_SQRT_2PI, erfcTail, normalCdf, normalPdf } from './normal.js';

/** Result slots of logEI: value and its partial derivatives in the mean and the std. deviation. */
export interface LogEiValue {
  value: number;
  dMean: number;
  dStd: number;
}

/** log h(z) and d log h / dz = Φ(z)/h(z), written into out[0], out[1]. */
export function logH(z: number, out: Float64Array): void {
  const u = -z / Math.SQRT2;
  if (u < ERFC_SERIES_LIMIT) {
    const cdf = normalCdf(z);
    const h = normalPdf(z) + z * cdf;
    out[0] = Math.log(h);
    out[1] = cdf / h;
    return;
  }
  const g = erfcTail(u);
  out[0] = -0.5 * z * z - LOG_SQRT_2PI + Math.log(g) - Math.log(u + g);
  out[1] = 1 / (Math.SQRT2 * g);
}

const scratch = new Float64Array(2);

/** log EI of improving on `best` (minimization) under N(mean, std²), with its gradient. */
export function logExpectedImprovement(
  mean: number,
  std: number,
  best: number,
  out: LogEiValue,
): LogEiValue {
  const z = (best - mean) / std;
  logH(z, scratch);
  out.value = Math.log(std) + scratch[0];
  out.dMean = -scratch[1] / std;
  out.dStd = (1 - scratch[1] * z) / std;
  return out;
}
