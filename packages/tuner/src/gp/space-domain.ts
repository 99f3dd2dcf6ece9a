// A study's search space as the acquisition optimizer sees it: the model encoding's unit cube
// (../encoding.ts) where a feasible point is one that decodes and re-encodes to itself — integers
// on their cell centres, one exact one-hot per categorical, inactive conditional parameters at
// their neutral value.

import { decode, encode, encodingOf } from '../encoding.js';
import type { Space } from '../space.js';
import type { SearchDomain } from './acquisition.js';

export function spaceDomain(space: Space): SearchDomain {
  const enc = encodingOf(space);
  const continuous = new Uint8Array(enc.dims);
  for (const { param, offset } of enc.params) {
    if (param.type !== 'categorical' && enc.levels[offset] === null) continuous[offset] = 1;
  }
  const project = (x: Float64Array): void => x.set(encode(space, decode(space, x)));
  return {
    dims: enc.dims,
    continuous,
    sample(rng, out) {
      // Uniform coordinates decode to uniform levels and (by one-hot argmax) uniform choices.
      for (let k = 0; k < enc.dims; k++) out[k] = rng.uniform();
      project(out);
    },
    project,
    neighbours(x) {
      const params = decode(space, x);
      const out: Float64Array[] = [];
      const push = (set: (y: Float64Array) => void) => {
        const y = Float64Array.from(x);
        set(y);
        project(y);
        out.push(y);
      };
      for (const { param, offset, width } of enc.params) {
        if (!(param.name in params)) continue;
        if (param.type === 'categorical') {
          const current = param.choices.indexOf(params[param.name]);
          for (let j = 0; j < width; j++) {
            if (j !== current) push((y) => y.fill(0, offset, offset + width).set([1], offset + j));
          }
          continue;
        }
        const n = enc.levels[offset];
        if (n === null) continue;
        const cell = Math.min(n - 1, Math.floor(x[offset] * n));
        for (const next of [cell - 1, cell + 1]) {
          if (next >= 0 && next < n) push((y) => (y[offset] = (next + 0.5) / n));
        }
      }
      return out;
    },
  };
}
