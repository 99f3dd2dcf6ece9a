// `sweepwise bench engine --json`: training throughput of @sweepwise/engine against TensorFlow.js
// on its WebAssembly backend, same workload, same process, one thread. One JSON line per workload.
// Each side trains several epochs and is scored by its fastest one (as timeit does), so a busy
// machine's interruptions weigh less; the first epoch includes JIT warm-up and rarely wins.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ImageShape } from '@sweepwise/data';
import { fitArrays, setSimdEnabled, validateConfig, type Samples } from '@sweepwise/engine';
import { nodeShardThreads } from '@sweepwise/engine/threads';
import { parseArgs } from '../args.js';

/** A hidden layer both engines build: dense and conv layers with ReLU, max pooling. */
type BenchLayer = { dense: number } | { conv: number; kernel: number } | { pool: number };

interface Workload {
  name: string;
  /** false: the engine's pure TypeScript kernels (what runs where WebAssembly SIMD is missing). */
  simd: boolean;
  inputs: number;
  /** Image inputs (channels last), for conv layers. */
  image?: ImageShape;
  layers: BenchLayer[];
  classes: number;
  batchSize: number;
  /** Samples per epoch: a multiple of the batch size, so both engines take equal steps. */
  samples: number;
  /** Timed epochs per side; the fastest counts. */
  epochs: number;
}

/** The reference CNN: conv3x3(32)-relu-maxpool2, conv3x3(64)-relu-maxpool2, dense 128-relu (then dense 10). */
export const REFERENCE_CNN: BenchLayer[] = [
  { conv: 32, kernel: 3 },
  { pool: 2 },
  { conv: 64, kernel: 3 },
  { pool: 2 },
  { dense: 128 },
];

const REFERENCE = {
  inputs: 784,
  layers: [{ dense: 256 }, { dense: 128 }],
  classes: 10,
  batchSize: 128,
  samples: 128 * 40,
  epochs: 6,
};

const WORKLOADS: Workload[] = [
  { name: 'mlp-784-256-128-10-batch128-adam', simd: true, ...REFERENCE },
  { name: 'mlp-784-256-128-10-batch128-adam-typescript-kernels', simd: false, ...REFERENCE },
  {
    name: 'cnn-mnist-c32-c64-d128-batch64-adam',
    simd: true,
    inputs: 784,
    image: { channels: 1, height: 28, width: 28 },
    layers: REFERENCE_CNN,
    classes: 10,
    batchSize: 64,
    samples: 64 * 16,
    epochs: 5,
  },
];

/** Random inputs in [0, 1) and random labels, from a fixed linear congruential stream. */
function randomSamples(w: Workload): Samples {
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const x = new Float32Array(w.samples * w.inputs).map(next);
  const y = new Float32Array(w.samples).map(() => Math.floor(next() * w.classes));
  return { x, y, n: w.samples, features: w.inputs, ...(w.image && { shape: w.image }) };
}

async function sweepwiseSamplesPerS(w: Workload, data: Samples): Promise<number> {
  setSimdEnabled(w.simd);
  try {
    return await fastestEpoch(w, data);
  } finally {
    setSimdEnabled(true);
  }
}

async function fastestEpoch(w: Workload, data: Samples, workers = 1): Promise<number> {
  const { dataset: _dataset, ...config } = validateConfig({
    dataset: { name: 'mnist' },
    model: { layers: w.layers },
    optimizer: { type: 'adam', lr: 0.001 },
    batchSize: w.batchSize,
    earlyStopping: { metric: 'train_loss', patience: null },
    epochs: w.epochs,
    parallel: { workers },
  });
  let fastest = Infinity;
  let last = 0;
  await fitArrays({
    config,
    classes: w.classes,
    train: data,
    threads: nodeShardThreads(),
    onEpoch: (m) => {
      fastest = Math.min(fastest, m.wall_s - last);
      last = m.wall_s;
    },
  });
  return w.samples / fastest;
}

async function tfjsWasmSamplesPerS(w: Workload, data: Samples): Promise<number> {
  // TensorFlow.js greets on stdout when it loads in Node; keep stdout for the JSON lines.
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // the .wasm files ship in the package's dist folder: load them from disk, no download
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    wasm.setThreadsCount(1);
    await tf.setBackend('wasm');
    await tf.ready();
    registerFilterGradient(tf);
    const model = tf.sequential();
    const image = w.image && [w.image.height, w.image.width, w.image.channels];
    let flat = !image;
    w.layers.forEach((layer, i) => {
      const input = i === 0 ? { inputShape: image ?? [w.inputs] } : {};
      if ('conv' in layer) {
        const { conv: filters, kernel: kernelSize } = layer;
        model.add(tf.layers.conv2d({ filters, kernelSize, activation: 'relu', ...input }));
      } else if ('pool' in layer) {
        model.add(tf.layers.maxPooling2d({ poolSize: layer.pool, ...input }));
      } else {
        if (!flat) model.add(tf.layers.flatten());
        flat = true;
        model.add(tf.layers.dense({ units: layer.dense, activation: 'relu', ...input }));
      }
    });
    model.add(tf.layers.dense({ units: w.classes, activation: 'softmax' }));
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
    const x = tf.tensor(data.x, [data.n, ...(image ?? [w.inputs])]);
    const y = tf.oneHot(tf.tensor1d(data.y, 'int32'), w.classes);
    let fastest = Infinity;
    let start = 0;
    await model.fit(x, y, {
      batchSize: w.batchSize,
      epochs: w.epochs,
      verbose: 0,
      callbacks: {
        onEpochBegin: async () => void (start = performance.now()),
        onEpochEnd: async () => void (fastest = Math.min(fastest, performance.now() - start)),
      },
    });
    tf.dispose([x, y]);
    model.dispose();
    return w.samples / (fastest / 1000);
  } finally {
    console.log = log;
  }
}

type Tf = typeof import('@tensorflow/tfjs');
type TensorInfo = import('@tensorflow/tfjs').TensorInfo;
type KernelArgs = Parameters<import('@tensorflow/tfjs').KernelFunc>[0];

/**
 * tfjs's wasm backend has no filter-gradient kernel (`Conv2DBackpropFilter`), so it cannot train
 * its own conv layers. This one is made of the backend's own kernels: for a stride-1 valid
 * convolution, dW[ky, kx, c, f] = Σ x[n, y+ky, x+kx, c]·dy[n, y, x, f] is itself a valid
 * convolution of x (channels as the batch, the batch as channels) with dy as the filter.
 */
function registerFilterGradient(tf: Tf): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const conv2d = tf.getKernel('Conv2D', 'wasm')!.kernelFunc;
  const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
      const { strides, pad, dataFormat } = attrs as { strides: number | number[]; pad: unknown; dataFormat: string }; // prettier-ignore
      if (pad !== 'valid' || [strides].flat().some((s) => s !== 1) || dataFormat !== 'NHWC') {
        throw new Error('bench: the filter gradient here covers stride-1 valid NHWC convolutions');
      }
      const run = (
        f: typeof conv2d,
        kernelInputs: KernelArgs['inputs'],
        kernelAttrs: KernelArgs['attrs'],
      ) => f({ inputs: kernelInputs, backend, attrs: kernelAttrs }) as TensorInfo;
      const xT = run(transpose, { x }, { perm: [3, 1, 2, 0] }); // C, H, W, N
      const dyT = run(transpose, { x: dy }, { perm: [1, 2, 0, 3] }); // Ho, Wo, N, F
      const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };
      const out = run(conv2d, { x: xT, filter: dyT }, conv); // C, kh, kw, F
      const dW = run(transpose, { x: out }, { perm: [1, 2, 0, 3] }); // kh, kw, C, F
      for (const t of [xT, dyT, out]) (backend as { disposeData(id: object): void }).disposeData(t.dataId); // prettier-ignore
      return dW;
    },
  });
}

export async function run({ json, args }: { json: boolean; args: string[] }): Promise<void> {
  parseArgs(args, { usage: 'sweepwise bench engine [--json]' });
  // workloads that differ only in the engine's kernels share one peer measurement
  const peers = new Map<string, number>();
  for (const w of WORKLOADS) {
    const data = randomSamples(w);
    const ours = await sweepwiseSamplesPerS(w, data);
    const key = JSON.stringify([w.inputs, w.layers, w.classes, w.batchSize, w.samples]);
    const peer = peers.get(key) ?? (await tfjsWasmSamplesPerS(w, data));
    peers.set(key, peer);
    const line = {
      workload: w.name,
      samples_per_s: Math.round(ours),
      peer: 'tfjs-wasm',
      peer_samples_per_s: Math.round(peer),
      ratio: Number((ours / peer).toFixed(2)),
    };
    if (json) console.log(JSON.stringify(line));
    else {
      console.log(
        `${line.workload}: sweepwise ${line.samples_per_s} samples/s, tfjs-wasm ${line.peer_samples_per_s} samples/s, ratio ${line.ratio}`,
      );
    }
  }
  await threadsLine(json);
}

/** Interleaved rounds of 1 and 2 threads, each side its fastest epoch over all rounds. */
const THREAD_ROUNDS = 3;

/**
 * The reference MLP with 2 worker threads (sync, all-reduce) against 1 thread, same global batch.
 * Rounds alternate the two so a busy machine's load weighs on both alike.
 */
async function threadsLine(json: boolean): Promise<void> {
  const w = WORKLOADS[0];
  const data = randomSamples(w);
  let one = 0;
  let two = 0;
  for (let round = 0; round < THREAD_ROUNDS; round++) {
    one = Math.max(one, await fastestEpoch(w, data, 1));
    two = Math.max(two, await fastestEpoch(w, data, 2));
  }
  const line = {
    workload: w.name,
    threads: 2,
    samples_per_s: Math.round(two),
    speedup_vs_1_thread: Number((two / one).toFixed(2)),
  };
  if (json) console.log(JSON.stringify(line));
  else {
    console.log(
      `${line.workload}, 2 threads: ${line.samples_per_s} samples/s, ${line.speedup_vs_1_thread}x one thread`,
    );
  }
}
