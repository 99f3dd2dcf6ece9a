import type { Vector } from './optimizers/optimizer.js';
import type { EpochMetrics } from './result.js';
import type { ScheduleState } from './schedule.js';

/**
 * Everything a run needs to continue exactly where it stopped, at an epoch boundary: weights and
 * batch-norm statistics, optimizer slots and step count, schedule state, the generator's state,
 * the curves so far and the early-stopping bookkeeping (best epoch and its weights).
 */
export interface Checkpoint {
  epoch: number;
  optimizerSteps: number;
  rng: number[];
  schedule: ScheduleState;
  curves: EpochMetrics[];
  best: { epoch: number; value: number } | null;
  badEpochs: number;
  wallTimeS: number;
  model: Float32Array[];
  optimizer: Vector[];
  bestModel: Float32Array[] | null;
}

const MAGIC = 0x4b435753; // "SWCK" little-endian
const VERSION = 1;

interface ArrayEntry {
  group: 'model' | 'optimizer' | 'bestModel';
  type: 'f32' | 'f64';
  length: number;
}

/**
 * Binary layout: magic, version, header byte length (u32 each), the JSON header (curves, counters,
 * array directory), zero padding to 8 bytes, then the arrays back to back in directory order.
 */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const { model, optimizer, bestModel, ...meta } = c;
  const arrays: [ArrayEntry, Vector][] = [
    ...model.map((a) => entry('model', a)),
    ...optimizer.map((a) => entry('optimizer', a)),
    ...(bestModel ?? []).map((a) => entry('bestModel', a)),
  ];
  const header = new TextEncoder().encode(
    JSON.stringify(
      { ...meta, hasBest: bestModel !== null, arrays: arrays.map(([e]) => e) },
      encodeNumber,
    ),
  );
  let size = align8(12 + header.length);
  const offsets = arrays.map(([, a]) => {
    const at = size;
    size += align8(a.byteLength);
    return at;
  });
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  arrays.forEach(([, a], i) =>
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]),
  );
  return bytes;
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12)
    throw new Error('not a checkpoint: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a checkpoint: bad magic number');
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`checkpoint version ${version} is not supported`);
  const headerLength = view.getUint32(8, true);
  const meta = JSON.parse(
    new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
    decodeNumber,
  );
  const groups: Record<ArrayEntry['group'], Vector[]> = { model: [], optimizer: [], bestModel: [] };
  let at = align8(12 + headerLength);
  for (const e of meta.arrays as ArrayEntry[]) {
    const width = e.type === 'f32' ? 4 : 8;
    if (at + e.length * width > bytes.length) throw new Error('checkpoint is truncated');
    // copy out so the checkpoint's buffer is not aliased by the restored run
    const raw = bytes.slice(at, at + e.length * width).buffer;
    groups[e.group].push(e.type === 'f32' ? new Float32Array(raw) : new Float64Array(raw));
    at += align8(e.length * width);
  }
  const { arrays: _arrays, hasBest, ...rest } = meta;
  return {
    ...rest,
    model: groups.model as Float32Array[],
    optimizer: groups.optimizer,
    bestModel: hasBest ? (groups.bestModel as Float32Array[]) : null,
  };
}

function entry(group: ArrayEntry['group'], a: Vector): [ArrayEntry, Vector] {
  return [{ group, type: a instanceof Float64Array ? 'f64' : 'f32', length: a.length }, a];
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

// JSON has no NaN or ±Infinity; curves carry them (no validation set, diverged runs).
function encodeNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;
}

function decodeNumber(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '$number' in value) {
    return Number((value as { $number: string }).$number);
  }
  return value;
}

/** A cross-validated run's checkpoint: its curves of means and wall time, each fold's checkpoint. */
export interface FoldsCheckpoint {
  wallTimeS: number;
  curves: EpochMetrics[];
  folds: Uint8Array[];
}

const FOLDS_MAGIC = 0x464b5753; // "SWKF" little-endian

/** Same framing as encodeCheckpoint: magic, version, header length, JSON header, 8-aligned blobs. */
export function encodeFoldsCheckpoint(c: FoldsCheckpoint): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify(
      { wallTimeS: c.wallTimeS, curves: c.curves, sizes: c.folds.map((f) => f.length) },
      encodeNumber,
    ),
  );
  let size = align8(12 + header.length);
  const offsets = c.folds.map((f) => {
    const at = size;
    size += align8(f.length);
    return at;
  });
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, FOLDS_MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  c.folds.forEach((f, i) => bytes.set(f, offsets[i]));
  return bytes;
}

export function decodeFoldsCheckpoint(bytes: Uint8Array): FoldsCheckpoint {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12)
    throw new Error('not a cross-validation checkpoint: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== FOLDS_MAGIC) {
    throw new Error('not a cross-validation checkpoint: bad magic number');
  }
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`checkpoint version ${version} is not supported`);
  const headerLength = view.getUint32(8, true);
  const { wallTimeS, curves, sizes } = JSON.parse(
    new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
    decodeNumber,
  ) as { wallTimeS: number; curves: EpochMetrics[]; sizes: number[] };
  let at = align8(12 + headerLength);
  const folds = sizes.map((size) => {
    if (at + size > bytes.length) throw new Error('checkpoint is truncated');
    const fold = bytes.slice(at, at + size);
    at += align8(size);
    return fold;
  });
  return { wallTimeS, curves, folds };
}
