import { toSweepFile } from '@sweepwise/sweeps';
import { readSweepSource } from '../sweep-source.js';

/** `sweepwise convert FILE`: the checked sweep as our YAML on stdout, notes on stderr. */
export async function convert(file: string, options: { set?: string[] }): Promise<void> {
  const parsed = readSweepSource(file, options.set ?? []);
  if (parsed.format !== 'wandb')
    process.stderr.write(`${file}: note: already a sweep file of ours; printed as export does\n`);
  for (const note of parsed.notes) process.stderr.write(`${file}: note: ${note}\n`);
  process.stdout.write(toSweepFile(parsed.spec));
}
