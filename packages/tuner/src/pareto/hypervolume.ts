// Exact hypervolume of a set of loss vectors (every objective minimized) against a reference
// point: the volume of the union of the boxes [p, reference]. Points not strictly better than the
// reference in every objective add nothing. Two objectives: one sweep over the points sorted by the
// first loss, O(n log n). Three: a sweep over the third loss keeping the 2-D front of the points
// seen so far, O(n²) (the slicing idea of HV3D, Beume et al. 2009, without its balanced tree).
// More: WFG (While, Bradstreet & Barone 2012, "A fast way of calculating exact hypervolumes",
// IEEE TEC 16(1)), the sum of each point's exclusive volume over the points after it.

/** The hypervolume dominated by `points` and bounded by `reference`. */
export function hypervolume(
  points: readonly ArrayLike<number>[],
  reference: ArrayLike<number>,
): number {
  const d = reference.length;
  const inside = points.filter((p) => {
    if (p.length !== d) {
      throw new RangeError(`hypervolume: a point has ${p.length} objectives, the reference ${d}`);
    }
    for (let i = 0; i < d; i++) if (!(p[i] < reference[i])) return false;
    return true;
  });
  if (inside.length === 0) return 0;
  if (d === 1) return reference[0] - Math.min(...inside.map((p) => p[0]));
  if (d === 2) return hv2(inside, reference);
  if (d === 3) return hv3(inside, reference);
  return wfg(nonDominated(inside), reference);
}

function hv2(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let volume = 0;
  let floor = reference[1];
  for (const p of sorted) {
    if (p[1] < floor) {
      volume += (reference[0] - p[0]) * (floor - p[1]);
      floor = p[1];
    }
  }
  return volume;
}

function hv3(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const sorted = [...points].sort((a, b) => a[2] - b[2]);
  // The 2-D front of the points below the current slice, sorted by x (so y decreases).
  const front: [number, number][] = [];
  let area = 0;
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) {
    const [x, y] = [sorted[i][0], sorted[i][1]];
    let at = 0;
    while (at < front.length && front[at][0] < x) at++;
    const dominated =
      (at > 0 && front[at - 1][1] <= y) ||
      (at < front.length && front[at][0] === x && front[at][1] <= y);
    if (!dominated) {
      let end = at;
      while (end < front.length && front[end][1] >= y) end++;
      front.splice(at, end - at, [x, y]);
      area = 0;
      let floor = reference[1];
      for (const [fx, fy] of front) {
        area += (reference[0] - fx) * (floor - fy);
        floor = fy;
      }
    }
    const next = i + 1 < sorted.length ? sorted[i + 1][2] : reference[2];
    volume += area * (next - sorted[i][2]);
  }
  return volume;
}

/** The points no other point weakly dominates (duplicates kept once). */
function nonDominated(points: readonly ArrayLike<number>[]): ArrayLike<number>[] {
  const out: ArrayLike<number>[] = [];
  for (const p of points) {
    if (out.some((q) => weaklyDominates(q, p))) continue;
    for (let k = out.length - 1; k >= 0; k--) if (weaklyDominates(p, out[k])) out.splice(k, 1);
    out.push(p);
  }
  return out;
}

function weaklyDominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] > b[i]) return false;
  return true;
}

function wfg(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    let box = 1;
    for (let k = 0; k < reference.length; k++) box *= reference[k] - p[k];
    // Later points limited to p's box: what of p's box they already cover.
    const limited = sorted.slice(i + 1).map((q) => Array.from(q, (v, k) => Math.max(v, p[k])));
    volume += box - hypervolume(nonDominated(limited), reference);
  }
  return volume;
}
