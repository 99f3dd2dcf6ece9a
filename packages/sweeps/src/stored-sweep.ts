import { redactWorkload } from './command-env.js';
import type { SweepSpec } from './spec.js';

/**
 * The SweepSpec of a stored sweep row (packages/db keeps it, as parsed, in the `spec` column):
 * what export writes as a sweep file, what clone creates again, what a worker runs. Secret env
 * values are left out unless `secrets: 'keep'` (a worker, and a clone made on the server).
 */
export function sweepSpecOf(
  sweep: { spec: unknown },
  { secrets = 'redact' }: { secrets?: 'redact' | 'keep' } = {},
): SweepSpec {
  const spec = sweep.spec as SweepSpec;
  return secrets === 'keep' ? spec : { ...spec, workload: redactWorkload(spec.workload) };
}
