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

/** The JSON header of a checkpoint: everything but the arrays, and the arrays' directory. */
type CheckpointHeader = Omit<Checkpoint, 'model' | 'optimizer' | 'bestModel'> & {
  hasBest: boolean;
  arrays: ArrayEntry[];
};

/** The arrays travel as blobs after the JSON header that lists them. */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const { model, optimizer, bestModel, ...meta } = c;
  const arrays: [ArrayEntry, Vector][] = [
    ...model.map((a) => entry('model', a)),
    ...optimizer.map((a) => entry('optimizer', a)),
    ...(bestModel ?? []).map((a) => entry('bestModel', a)),
  ];
  const header: CheckpointHeader = {
    ...meta,
    hasBest: bestModel !== null,
    arrays: arrays.map(([e]) => e),
  };
  const blobs = arrays.map(([, a]) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return frame(MAGIC, header, blobs);
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const { header, blobs } = unframe(bytes, MAGIC, 'checkpoint', (h: CheckpointHeader) =>
    h.arrays.map((e) => e.length * (e.type === 'f32' ? 4 : 8)),
  );
  const { arrays, hasBest, ...meta } = header;
  const groups: Record<ArrayEntry['group'], Vector[]> = { model: [], optimizer: [], bestModel: [] };
  arrays.forEach((e, i) => {
    const raw = blobs[i].buffer;
    groups[e.group].push(e.type === 'f32' ? new Float32Array(raw) : new Float64Array(raw));
  });
  return {
    ...meta,
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

/** Each fold's checkpoint is one blob; the header holds the run's curves and the blobs' sizes. */
export function encodeFoldsCheckpoint(c: FoldsCheckpoint): Uint8Array {
  return frame(
    FOLDS_MAGIC,
    { wallTimeS: c.wallTimeS, curves: c.curves, sizes: c.folds.map((f) => f.length) },
    c.folds,
  );
}

export function decodeFoldsCheckpoint(bytes: Uint8Array): FoldsCheckpoint {
  const { header, blobs } = unframe(
    bytes,
    FOLDS_MAGIC,
    'cross-validation checkpoint',
    (h: Omit<FoldsCheckpoint, 'folds'> & { sizes: number[] }) => h.sizes,
  );
  return { wallTimeS: header.wallTimeS, curves: header.curves, folds: blobs };
}

/**
 * The framing both formats share: magic, version, header byte length (u32 each), the JSON header,
 * zero padding to 8 bytes, then the blobs back to back, each padded to 8 bytes (so f64 arrays
 * stay aligned).
 */
function frame(magic: number, header: object, blobs: readonly Uint8Array[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header, encodeNumber));
  let size = align8(12 + json.length);
  const offsets = blobs.map((blob) => {
    const at = size;
    size += align8(blob.length);
    return at;
  });
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  blobs.forEach((blob, i) => bytes.set(blob, offsets[i]));
  return bytes;
}

/**
 * Reads a frame written by `frame` with this magic: its header, and its blobs, whose byte lengths
 * the header gives. Blobs are copies, so a restored run does not alias the checkpoint's buffer.
 */
function unframe<Header>(
  bytes: Uint8Array,
  magic: number,
  kind: string,
  blobLengths: (header: Header) => number[],
): { header: Header; blobs: Uint8Array[] } {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12)
    throw new Error(`not a ${kind}: too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== magic) throw new Error(`not a ${kind}: bad magic number`);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`checkpoint version ${version} is not supported`);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
    decodeNumber,
  ) as Header;
  let at = align8(12 + headerLength);
  const blobs = blobLengths(header).map((length) => {
    if (at + length > bytes.length) throw new Error('checkpoint is truncated');
    const blob = bytes.slice(at, at + length);
    at += align8(length);
    return blob;
  });
  return { header, blobs };
}
