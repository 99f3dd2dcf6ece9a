// im2col / col2im (Chellapilla et al., 2006, "High Performance Convolutional Neural Networks for
// Document Processing"): a convolution becomes one matrix product when each output position's
// receptive field is laid out as a row. Images are channels last (height × width × channels per
// sample), so one kernel row of a receptive field is a contiguous run of kernel × channels values
// of the input, copied in one run (by a SIMD kernel when the buffers live in an Arena). Rows are
// numbered (sample, oy, ox) over the whole batch and taken a block at a time, so the column
// matrix of a block stays in cache for its products.

import { Arena } from './arena.js';

/** Where a convolution reads its input: sides, channels, kernel, stride and leading padding. */
export interface ConvGeometry {
  height: number;
  width: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  kernel: number;
  stride: number;
  padTop: number;
  padLeft: number;
}

/**
 * Rows r0..r1−1 of the column matrix into cols (from its start): row (sample, oy, ox), column
 * (ky, kx, c) = x[sample, oy·stride + ky − padTop, ox·stride + kx − padLeft, c], 0 outside the image.
 */
export function im2col(
  x: Float32Array,
  g: ConvGeometry,
  r0: number,
  r1: number,
  cols: Float32Array,
): void {
  transfer(x, cols, g, r0, r1, true);
}

/** The adjoint of im2col: adds rows r0..r1−1 of dcols back where im2col took them from, into dx. */
export function col2imAdd(
  dcols: Float32Array,
  g: ConvGeometry,
  r0: number,
  r1: number,
  dx: Float32Array,
): void {
  transfer(dx, dcols, g, r0, r1, false);
}

/** Runs at least this long go to the SIMD kernels; shorter ones cost less by a loop than a call. */
const MIN_KERNEL_RUN = 16;

/** One walk serves both directions, so the two stay each other's adjoint. */
function transfer(
  image: Float32Array,
  cols: Float32Array,
  g: ConvGeometry,
  r0: number,
  r1: number,
  toCols: boolean,
): void {
  const { height: h, width: w, channels: c, outHeight, outWidth, kernel: k, stride: s } = g;
  // Both in an Arena: long runs go to the SIMD kernels (byte pointers).
  const kernels = Arena.of(image, cols)?.kernels;
  const imageAt = image.byteOffset;
  const colsAt = cols.byteOffset;
  const rowLength = k * c;
  const positions = outHeight * outWidth;
  let i = Math.floor(r0 / positions);
  let oy = Math.floor((r0 - i * positions) / outWidth);
  let ox = r0 - i * positions - oy * outWidth;
  let q = 0;
  for (let r = r0; r < r1; r++) {
    const base = i * h * w * c;
    const x0 = ox * s - g.padLeft;
    // kernel columns kx0..kx1-1 fall inside the image: one contiguous run of the input
    const kx0 = Math.max(0, -x0);
    const kx1 = Math.min(k, w - x0);
    for (let ky = 0; ky < k; ky++, q += rowLength) {
      const y = oy * s + ky - g.padTop;
      if (y < 0 || y >= h || kx1 <= kx0) {
        if (toCols) cols.fill(0, q, q + rowLength);
        continue;
      }
      const from = q + kx0 * c;
      const to = q + kx1 * c;
      const at = base + (y * w + x0 + kx0) * c - from;
      if (toCols) {
        if (kx0 > 0) cols.fill(0, q, from);
        if (kernels && to - from >= MIN_KERNEL_RUN) {
          kernels.copy(colsAt + from * 4, imageAt + (at + from) * 4, to - from);
        } else {
          for (let t = from; t < to; t++) cols[t] = image[at + t];
        }
        if (kx1 < k) cols.fill(0, to, q + rowLength);
      } else if (kernels && to - from >= MIN_KERNEL_RUN) {
        kernels.addTo(imageAt + (at + from) * 4, colsAt + from * 4, to - from);
      } else {
        for (let t = from; t < to; t++) image[at + t] += cols[t];
      }
    }
    if (++ox === outWidth) {
      ox = 0;
      if (++oy === outHeight) {
        oy = 0;
        i++;
      }
    }
  }
}
