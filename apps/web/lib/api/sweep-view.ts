import { sweepSpecOf } from '@sweepwise/sweeps';

/** A sweep row as every API answer shows it: secret env values left out (only workers get them). */
export function sweepView<S extends { spec: unknown }>(sweep: S): S {
  return { ...sweep, spec: sweepSpecOf(sweep) };
}
