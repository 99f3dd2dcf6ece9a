/** One completed trial as the importance estimate sees it. */
export interface ImportanceSample {
  params: Record<string, unknown>;
  value: number;
}

export interface ParameterImportance {
  param: string;
  /** Share of the objective's variance explained by this parameter alone, normalized to sum 1. */
  importance: number;
}

/** Quantile bins per numeric parameter: enough to see a shape, few enough to fill with 20 trials. */
export const IMPORTANCE_BINS = 8;

/**
 * fANOVA-style first-order estimate: for each parameter, the variance of the objective's mean
 * across bins of that parameter divided by the total variance (the correlation ratio eta^2, the
 * main-effect term of the functional ANOVA decomposition; Hutter et al., ICML 2014). Numeric
 * parameters are binned by quantile, categorical ones by value; a parameter absent from a trial
 * (conditional spaces) gets its own bin. Non-finite objectives are left out.
 */
export function estimateParameterImportance(
  samples: readonly ImportanceSample[],
  bins = IMPORTANCE_BINS,
): ParameterImportance[] {
  const usable = samples.filter((s) => Number.isFinite(s.value));
  if (usable.length < 2) return [];
  const mean = usable.reduce((acc, s) => acc + s.value, 0) / usable.length;
  const total = usable.reduce((acc, s) => acc + (s.value - mean) ** 2, 0);
  const names = [...new Set(usable.flatMap((s) => Object.keys(s.params)))].sort();
  const raw = names.map((param) => {
    if (total === 0) return { param, importance: 0 };
    const keys = binKeys(
      usable.map((s) => s.params[param]),
      bins,
    );
    const groups = new Map<string, { sum: number; count: number }>();
    keys.forEach((key, i) => {
      const g = groups.get(key) ?? { sum: 0, count: 0 };
      g.sum += usable[i].value;
      g.count++;
      groups.set(key, g);
    });
    let between = 0;
    for (const g of groups.values()) between += g.count * (g.sum / g.count - mean) ** 2;
    return { param, importance: between / total };
  });
  const sum = raw.reduce((acc, r) => acc + r.importance, 0);
  return raw
    .map((r) => ({ param: r.param, importance: sum > 0 ? r.importance / sum : 0 }))
    .sort((a, b) => b.importance - a.importance);
}

function binKeys(values: readonly unknown[], bins: number): string[] {
  const numeric = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const isNumeric = numeric.length > 0 && numeric.length === values.filter((v) => v != null).length;
  if (!isNumeric || new Set(numeric).size <= bins)
    return values.map((v) => JSON.stringify(v ?? null));
  const sorted = [...numeric].sort((a, b) => a - b);
  const edges = Array.from({ length: bins - 1 }, (_, i) => {
    return sorted[Math.floor(((i + 1) * sorted.length) / bins)];
  });
  return values.map((v) => {
    if (typeof v !== 'number') return 'absent';
    let bin = 0;
    while (bin < edges.length && v >= edges[bin]) bin++;
    return `bin${bin}`;
  });
}
