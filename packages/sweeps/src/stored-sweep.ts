import type { SweepSpec } from './spec.js';

/**
 * The SweepSpec of a stored sweep row (packages/db keeps it, as parsed, in the `spec` column):
 * what export writes as a sweep file, what clone creates again, what a worker runs.
 */
export function sweepSpecOf(sweep: { spec: unknown }): SweepSpec {
  return sweep.spec as SweepSpec;
}
