/** A curve as parallel arrays: steps ascending, values aligned. */
export interface Series {
  steps: number[];
  values: number[];
}

/**
 * Largest-Triangle-Three-Buckets: keeps `threshold` points that preserve the visual shape of a
 * line (Steinarsson 2013, "Downsampling Time Series for Visual Representation", ch. 4).
 * Non-finite values are kept as points of their own bucket's choice only when nothing finite is
 * there, so a divergence still shows as the line's end.
 */
export function downsampleLttb(series: Series, threshold: number): Series {
  const n = series.steps.length;
  if (threshold >= n || threshold < 3) return series;
  const { steps, values } = series;
  const outSteps = [steps[0]];
  const outValues = [values[0]];
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.min(Math.floor((i + 1) * bucketSize) + 1, n - 1);
    // Average of the next bucket: the third corner of the triangles.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      if (!Number.isFinite(values[j])) continue;
      avgX += steps[j];
      avgY += values[j];
      count++;
    }
    avgX = count ? avgX / count : steps[nextStart];
    avgY = count ? avgY / count : values[a];
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs(
        (steps[a] - avgX) * (values[j] - values[a]) - (steps[a] - steps[j]) * (avgY - values[a]),
      );
      const score = Number.isFinite(area) ? area : -0.5;
      if (score > bestArea) {
        bestArea = score;
        best = j;
      }
    }
    outSteps.push(steps[best]);
    outValues.push(values[best]);
    a = best;
  }
  outSteps.push(steps[n - 1]);
  outValues.push(values[n - 1]);
  return { steps: outSteps, values: outValues };
}
