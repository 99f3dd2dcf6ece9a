// Pareto dominance on loss vectors (every objective minimized), with Deb's constrained domination
// (Deb, Pratap, Agarwal & Meyarivan 2002, "A fast and elitist multiobjective genetic algorithm:
// NSGA-II", IEEE TEC 6(2), section IV-B): a feasible point beats an infeasible one, of two
// infeasible points the smaller total violation wins, and two feasible points compare by plain
// dominance. Infeasible points therefore never reach the first front while a feasible one exists.

/** `a` is no worse than `b` in every objective and strictly better in one. */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/** Deb's constrained domination; violations are totals, 0 meaning feasible. */
export function constrainedDominates(
  a: ArrayLike<number>,
  violationA: number,
  b: ArrayLike<number>,
  violationB: number,
): boolean {
  if (violationA === 0 && violationB === 0) return dominates(a, b);
  if (violationA === 0) return true;
  if (violationB === 0) return false;
  return violationA < violationB;
}

/**
 * Fast non-dominated sort (Deb et al. 2002, section III-A): the indices of `losses` by front, the
 * first front being the points nothing (constrained-)dominates. Order within a front is index
 * order. O(M N²) for N points and M objectives.
 */
export function nonDominatedSort(
  losses: readonly ArrayLike<number>[],
  violations?: readonly number[],
): number[][] {
  const n = losses.length;
  const beats = (i: number, j: number) =>
    violations
      ? constrainedDominates(losses[i], violations[i], losses[j], violations[j])
      : dominates(losses[i], losses[j]);
  const dominatedBy = new Int32Array(n);
  const dominatesList: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (beats(i, j)) {
        dominatesList[i].push(j);
        dominatedBy[j]++;
      } else if (beats(j, i)) {
        dominatesList[j].push(i);
        dominatedBy[i]++;
      }
    }
  }
  const fronts: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (dominatedBy[i] === 0) current.push(i);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) {
      for (const j of dominatesList[i]) if (--dominatedBy[j] === 0) next.push(j);
    }
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/**
 * Crowding distance of each member of one front (Deb et al. 2002, section III-B): per objective,
 * the members sorted by it, the two extremes get Infinity and every other member adds the gap
 * between its neighbours divided by the objective's range. An objective with zero range adds
 * nothing (Optuna's `_crowding_distance_sort` does the same). Returns distances in `front` order.
 */
export function crowdingDistance(
  losses: readonly ArrayLike<number>[],
  front: readonly number[],
): Float64Array {
  const m = front.length;
  const distance = new Float64Array(m);
  if (m === 0) return distance;
  const order = Array.from({ length: m }, (_, i) => i);
  for (let k = 0; k < losses[front[0]].length; k++) {
    const value = (i: number) => losses[front[i]][k];
    order.sort((a, b) => value(a) - value(b) || a - b);
    const width = value(order[m - 1]) - value(order[0]);
    if (width === 0) continue;
    distance[order[0]] = Infinity;
    distance[order[m - 1]] = Infinity;
    for (let j = 1; j < m - 1; j++) {
      distance[order[j]] += (value(order[j + 1]) - value(order[j - 1])) / width;
    }
  }
  return distance;
}

/** Indices of the points no other point dominates (ties: identical points all stay). */
export function paretoFront(losses: readonly ArrayLike<number>[]): number[] {
  const front: number[] = [];
  for (let i = 0; i < losses.length; i++) {
    if (front.some((j) => dominates(losses[j], losses[i]))) continue;
    for (let k = front.length - 1; k >= 0; k--) {
      if (dominates(losses[i], losses[front[k]])) front.splice(k, 1);
    }
    front.push(i);
  }
  return front.sort((a, b) => a - b);
}
