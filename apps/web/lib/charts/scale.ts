/** A linear or log mapping from data to pixels, with ticks; the base of every custom SVG chart. */
export interface Scale {
  (value: number): number;
  invert(pixel: number): number;
  ticks(count?: number): number[];
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly log: boolean;
}

export function makeScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  log = false,
): Scale {
  const useLog = log && domain[0] > 0 && domain[1] > 0;
  const t = (v: number) => (useLog ? Math.log10(v) : v);
  const u = (v: number) => (useLog ? 10 ** v : v);
  let d0 = t(domain[0]);
  let d1 = t(domain[1]);
  if (d0 === d1) {
    d0 -= 0.5;
    d1 += 0.5;
  }
  const k = (range[1] - range[0]) / (d1 - d0);
  const scale = ((v: number) => range[0] + (t(v) - d0) * k) as Scale;
  return Object.assign(scale, {
    invert: (p: number) => u(d0 + (p - range[0]) / k),
    ticks: (count = 5) => (useLog ? logTicks(d0, d1) : niceTicks(d0, d1, count)),
    domain,
    range,
    log: useLog,
  });
}

/** Round-number ticks (1, 2, 5 times a power of ten) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const span = max - min || 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function logTicks(d0: number, d1: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(d0); e <= Math.floor(d1); e++) ticks.push(10 ** e);
  return ticks.length >= 2 ? ticks : niceTicks(10 ** d0, 10 ** d1, 4);
}

/** Min and max of the finite values, or null when there are none. */
export function extent(values: Iterable<number | null | undefined>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? null : [lo, hi];
}

/** Data margin so points do not sit on the frame. */
export function pad([lo, hi]: [number, number], fraction = 0.05): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - span * fraction, hi + span * fraction];
}

/** Pointer position in the SVG's own coordinates (the viewBox), whatever its rendered size. */
export function svgPoint(
  svg: SVGSVGElement,
  clientX: number,
  clientY: number,
): { x: number; y: number } {
  const rect = svg.getBoundingClientRect();
  const box = svg.viewBox.baseVal;
  return {
    x: ((clientX - rect.left) / rect.width) * box.width,
    y: ((clientY - rect.top) / rect.height) * box.height,
  };
}

/** Many dots as one path (zero-length round-capped segments): 10,000 points, one DOM node. */
export function dotsPath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `M${xs[i].toFixed(1)} ${ys[i].toFixed(1)}h0`;
  return d;
}
