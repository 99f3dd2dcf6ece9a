/** How much one trial may report: without caps a runaway loop fills Postgres. */
export interface CurveCaps {
  /** Distinct metric names per trial. */
  metricsPerTrial: number;
  /** Steps per metric (a curve). */
  pointsPerCurve: number;
}

export const DEFAULT_CURVE_CAPS: CurveCaps = { metricsPerTrial: 100, pointsPerCurve: 100_000 };

/** Counts what a trial attempt reported, and refuses a report past a cap with the reason. */
export class CurveCounter {
  private readonly curves = new Map<string, { points: number; lastStep: number }>();

  count(step: number, metrics: Record<string, number>, caps: CurveCaps): void {
    for (const metric of Object.keys(metrics)) {
      if (!this.curves.has(metric) && this.curves.size >= caps.metricsPerTrial) {
        throw new Error(
          `metric ${JSON.stringify(metric.slice(0, 200))}: a trial reports at most ` +
            `${caps.metricsPerTrial} metric names (SWEEPWISE_MAX_METRICS_PER_TRIAL)`,
        );
      }
      const curve = this.curves.get(metric) ?? { points: 0, lastStep: Number.NaN };
      // A report of the step already stored replaces that point.
      if (curve.lastStep !== step && curve.points >= caps.pointsPerCurve) {
        throw new Error(
          `metric ${JSON.stringify(metric.slice(0, 200))}: step ${step} is past the ` +
            `${caps.pointsPerCurve} points a curve holds (SWEEPWISE_MAX_POINTS_PER_CURVE)`,
        );
      }
      if (curve.lastStep !== step) curve.points += 1;
      curve.lastStep = step;
      this.curves.set(metric, curve);
    }
  }
}
