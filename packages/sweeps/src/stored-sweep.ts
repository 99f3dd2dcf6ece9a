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

/**
 * The program a stored sweep needs a worker to allow (`--allow-commands`) while it runs; null
 * when its trials need no such worker now (not a command, or not running).
 */
export function programToAllow(sweep: { spec: unknown; status: string }): string | null {
  const { workload } = sweep.spec as SweepSpec;
  return sweep.status === 'running' && 'command' in workload ? workload.command.program : null;
}
