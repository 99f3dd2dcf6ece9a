// The standard normal distribution in double precision without Math.erf: erfc by a positive-term
// series near zero and a continued fraction in the tail. The continued fraction also gives log
// expected improvement its stable form (./log-ei.ts).

const SQRT_PI = Math.sqrt(Math.PI);
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Below this argument erfc is 1 − erf from its series; above, the continued fraction converges fast. */
export const ERFC_SERIES_LIMIT = 3;

/**
 * The continued-fraction tail g(x) with √π·erfcx(x) = 1/(x + g(x)) for x ≥ ERFC_SERIES_LIMIT,
 * g = (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))) (Abramowitz & Stegun 7.1.14), evaluated by the
 * modified Lentz method. Kept separate from x because 1 − x/(x+g) = g/(x+g) has no cancellation.
 */
export function erfcTail(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = f;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = (k + 1) / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 0.5 / f;
}

/** erf(x) = (2/√π) e^{−x²} Σ_n x (2x²)^n / (2n+1)!!, all terms positive (A&S 7.1.6). */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < ERFC_SERIES_LIMIT) return 1 - erfSeries(x);
  if (x > 27) return 0; // e^{−x²} underflows
  return Math.exp(-x * x) / (SQRT_PI * (x + erfcTail(x)));
}

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
