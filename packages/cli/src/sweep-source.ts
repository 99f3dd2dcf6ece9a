import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { modelLimitsFromEnv } from '@sweepwise/engine';
import {
  readSweepFile,
  SweepFileError,
  sweepSpecWithin,
  WandbFileError,
  type ParsedSweepFile,
  type SweepSpec,
} from '@sweepwise/sweeps';

/** A sweep file that cannot run: `FILE:LINE: field: reason`, never a stack trace. */
export class SweepSourceError extends Error {
  override name = 'SweepSourceError';
}

/**
 * Reads and checks a sweep file completely before anything runs: the file's structure, the API's
 * schema, the tuner, the engine's config and, for engine workloads, that the objective is a metric
 * the engine reports (all in readSweepFile), the largest model within this machine's limits. A
 * W&B sweep file is converted first; what the conversion dropped is said on stderr.
 */
export function loadSweepFile(path: string, overrides: readonly string[] = []): SweepSpec {
  const file = readSweepSource(path, overrides);
  for (const note of file.notes) process.stderr.write(`${path}: note: ${note}\n`);
  return file.spec;
}

/** The file read and checked, with its format and conversion notes (`sweepwise convert`). */
export function readSweepSource(path: string, overrides: readonly string[] = []): ParsedSweepFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SweepSourceError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  text = applyOverrides(text, overrides);
  try {
    return readSweepFile(text, {
      name: basename(path, extname(path)),
      schema: sweepSpecWithin(modelLimitsFromEnv(process.env)),
    });
  } catch (err) {
    // Every field of a W&B file that cannot be mapped, one line each.
    if (err instanceof WandbFileError)
      throw new SweepSourceError(err.all.map((e) => placed(path, e)).join('\n'));
    if (err instanceof SweepFileError) throw new SweepSourceError(placed(path, err));
    throw err;
  }
}

/** `FILE:LINE: field: reason`. */
function placed(path: string, err: SweepFileError): string {
  return `${path}${err.line === null ? '' : `:${err.line}`}: ${err.field ? `${err.field}: ` : ''}${err.reason}`;
}

/**
 * `--set budget.maxTrials=2`: a field of the file replaced (or added) before it is read, the value
 * read as YAML (`2` is a number, `[8, 8]` a list). Keys are split at dots, so a parameter whose
 * name holds a dot cannot be addressed this way.
 */
export function applyOverrides(text: string, overrides: readonly string[]): string {
  if (overrides.length === 0) return text;
  const doc = parseDocument(text);
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0)
      throw new SweepSourceError(
        `--set ${override}: expected FIELD=VALUE, e.g. budget.maxTrials=2`,
      );
    const path = override
      .slice(0, eq)
      .split('.')
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    doc.setIn(path, doc.createNode(parse(override.slice(eq + 1))));
  }
  return doc.toString();
}
