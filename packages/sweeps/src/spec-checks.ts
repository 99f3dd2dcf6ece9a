import { createStudy, type Study } from '@sweepwise/tuner';
import type { z } from 'zod';
import { sweepSpecSchema, type SpecNames, type SweepSpec } from './spec.js';
import { studyConfigOf } from './study-config.js';

// The tuner's checks of a SweepSpec (its parameters, its sampler's and its stopper's settings),
// which need neither the engine nor the data sets. Browser-safe (the tuner and zod only), so the
// new-sweep form checks a sweep with the very schema and checks the API parses with; the server's
// SweepSpec (sweep-spec.ts) runs these, then the engine's.

/**
 * The tuner's checks of `spec`, as issues on the fields they name. The sampler and the stopper are
 * checked apart, so that an error on each shows on its own part. Returns the stopper's study (a
 * seeded random sampler, which draws the engine check's sample), or null when a check failed.
 */
export function checkTunerParts(spec: SweepSpec, ctx: z.RefinementCtx): Study | null {
  // The tuner is the one authority on spaces and settings; its errors name the field.
  let spaceFailed = false;
  const tuner = (part: string, make: () => Study): Study | null => {
    try {
      return make();
    } catch (err) {
      const e = err as { param?: unknown };
      spaceFailed ||= typeof e?.param === 'string';
      ctx.addIssue({ code: 'custom', path: tunerErrorPath(part, err), message: messageOf(err) });
      return null;
    }
  };
  // A study with the sampler checks the space and the sampler.
  const sampler = tuner('algorithm', () => createStudy(studyConfigOf({ ...spec, stopper: null })));
  // A bad space would fail the stopper's study the same way: said once.
  if (spaceFailed) return null;
  const probe = tuner('stopper', () =>
    createStudy(studyConfigOf({ ...spec, algorithm: { type: 'random', seed: 0 } })),
  );
  return sampler && probe;
}

/** A SweepSpec as the browser can check it: the shape over `names`, then the tuner's checks. */
export function browserSweepSpec(names: SpecNames) {
  return sweepSpecSchema(names).superRefine((spec, ctx) => {
    checkTunerParts(spec, ctx);
  });
}

/** Why `metric` is not one of the metrics the engine reports on a data set, or null. */
export function unknownMetricMessage(
  label: string,
  metric: string,
  metrics: readonly string[],
): string | null {
  if (metrics.includes(metric)) return null;
  return `unknown metric ${JSON.stringify(metric)} for ${label}; the engine reports ${metrics.join(', ')}`;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The field a tuner error names: SpaceError.param is one of `parameters` (names may hold dots, so
 * it stays one segment); OptionsError.field is an option of the sampler or stopper, sometimes
 * prefixed `sampler.` / `stopper.`, which a SweepSpec calls `algorithm.` / `stopper.`.
 */
function tunerErrorPath(part: string, err: unknown): string[] {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  // A SpaceError about the space as a whole (too many parameters) names `space` itself.
  if (typeof e.param === 'string')
    return e.param === 'space' ? ['parameters'] : ['parameters', e.param];
  if (typeof e.field === 'string') {
    return [
      part,
      ...e.field
        .replace(/^(sampler|stopper)\./, '')
        .split('.')
        .filter(Boolean),
    ];
  }
  return [part];
}
