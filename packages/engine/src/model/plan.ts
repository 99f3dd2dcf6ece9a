import type { ImageShape } from '@sweepwise/data';
import type { ConvLayerConfig, LayerConfig, ModelConfig, PoolLayerConfig } from '../config.js';
import { ConfigError } from '../config-error.js';

// The shapes a network's layers see, worked out once from the config before anything is built:
// the network, its memory footprint and its cost figures all read this plan, and a layer that
// does not fit its input (a kernel wider than the image) is a ConfigError naming the layer.

/** What a network is built from: the model config plus the data's input and output sizes. */
export interface NetworkSpec extends ModelConfig {
  /** Features per sample. */
  inputSize: number;
  /** How the features form an image (channels last), or null for flat features. */
  inputShape: ImageShape | null;
  outputSize: number;
}

/** Images are stored height × width × channels per sample (channels last). */
export type Shape = ImageShape;

export interface ConvPlan {
  kind: 'conv';
  config: ConvLayerConfig;
  input: Shape;
  output: Shape;
  /** Zero rows above and zero columns left of the input ('same' padding; 0 for 'valid'). */
  padTop: number;
  padLeft: number;
}

export interface PoolPlan {
  kind: 'pool';
  config: PoolLayerConfig;
  input: Shape;
  output: Shape;
}

export interface DensePlan {
  kind: 'dense';
  inputSize: number;
  outputSize: number;
  activation: ModelConfig['activation'];
  batchNorm: boolean;
  /** Dropout after the activation (hidden layers only). */
  dropout: number;
}

export interface FlattenPlan {
  kind: 'flatten';
  size: number;
}

export type LayerPlan = ConvPlan | PoolPlan | DensePlan | FlattenPlan;

export function size(shape: Shape): number {
  return shape.height * shape.width * shape.channels;
}

/**
 * The layers in order, the output layer (linear, no batch norm) last. Throws a ConfigError at the
 * first layer whose input cannot take it (field `model.layers.i...`).
 */
export function planNetwork(spec: NetworkSpec): LayerPlan[] {
  const { inputShape, inputSize } = spec;
  if (inputShape && size(inputShape) !== inputSize) {
    throw new Error(
      `the image shape ${inputShape.channels}x${inputShape.height}x${inputShape.width} does not hold ${inputSize} features`,
    );
  }
  let image: Shape | null = inputShape;
  let width = inputSize;
  const plans: LayerPlan[] = [];
  spec.layers.forEach((layer: LayerConfig, i) => {
    const field = `model.layers.${i}`;
    if ('dense' in layer) {
      plans.push({
        kind: 'dense',
        inputSize: width,
        outputSize: layer.dense,
        activation: layer.activation,
        batchNorm: layer.batchNorm,
        dropout: spec.dropout,
      });
      image = null;
      width = layer.dense;
      return;
    }
    if ('flatten' in layer) {
      plans.push({ kind: 'flatten', size: width });
      image = null;
      return;
    }
    const key = 'conv' in layer ? 'conv' : 'pool';
    if (image === null) {
      throw new ConfigError(
        `${field}.${key}`,
        spec.inputShape === null
          ? `${field}: a ${key} layer needs image inputs, and this data set's features are not an image`
          : `${field}: a ${key} layer needs image inputs, and it comes after a dense or flatten layer`,
      );
    }
    const plan = 'conv' in layer ? convPlan(layer, image, field) : poolPlan(layer, image, field);
    plans.push(plan);
    image = plan.output;
    width = size(image);
  });
  plans.push({
    kind: 'dense',
    inputSize: width,
    outputSize: spec.outputSize,
    activation: 'linear',
    batchNorm: false,
    dropout: 0,
  });
  return plans;
}

function convPlan(config: ConvLayerConfig, input: Shape, field: string): ConvPlan {
  const { kernel: k, stride: s } = config;
  const outSide = (side: number): number =>
    config.padding === 'same' ? Math.ceil(side / s) : Math.floor((side - k) / s) + 1;
  // 'same' as TensorFlow pads: the total split evenly, the odd one at the bottom and right
  const padBefore = (side: number): number =>
    config.padding === 'same' ? Math.floor(Math.max((outSide(side) - 1) * s + k - side, 0) / 2) : 0;
  tooSmall(k, input, field, 'kernel');
  return {
    kind: 'conv',
    config,
    input,
    output: { channels: config.conv, height: outSide(input.height), width: outSide(input.width) },
    padTop: padBefore(input.height),
    padLeft: padBefore(input.width),
  };
}

function poolPlan(config: PoolLayerConfig, input: Shape, field: string): PoolPlan {
  const { pool: p, stride: s } = config;
  tooSmall(p, input, field, 'pool');
  const outSide = (side: number) => Math.floor((side - p) / s) + 1;
  return {
    kind: 'pool',
    config,
    input,
    output: {
      channels: input.channels,
      height: outSide(input.height),
      width: outSide(input.width),
    },
  };
}

function tooSmall(window: number, input: Shape, field: string, key: string): void {
  // 'same' convolutions pad, yet a window wider than the image would only ever see padding
  if (window > input.height || window > input.width) {
    throw new ConfigError(
      `${field}.${key}`,
      `${field}.${key} ${window} is larger than its ${input.height}x${input.width} input`,
    );
  }
}
