import {
  ConfigError,
  checkTrialModel,
  trialModelCost,
  expectedDataShape,
  validateConfig,
  withParams,
  type ModelLimits,
  type TrialConfig,
} from '@sweepwise/engine';
import type { Params, ParamValue, Space } from '@sweepwise/tuner';

/** Config fields a model's size and memory depend on (see the engine's model/cost.ts). */
const COST_FIELD = /^(model\.|batchSize$|optimizer\.type$|crossValidation\.)/;

/**
 * The config of the largest model an engine sweep can train: each size its space tunes at the top
 * of its range (a numeric categorical at its largest choice), each other choice that changes the
 * cost (optimizer type, batch norm) at the one that costs most. Other parameters keep the values
 * of `sample`, a config the body check already accepted.
 */
export function largestModelConfig(
  engine: Record<string, unknown>,
  space: Space,
  sample: Params,
): TrialConfig {
  return validateConfig(withParams(engine, largestModelParams(engine, space, sample)));
}

/** The parameters of largestModelConfig: the config stores layers, not the names the space tunes. */
function largestModelParams(engine: Record<string, unknown>, space: Space, sample: Params): Params {
  const params: Params = { ...sample };
  const choices: [string, readonly ParamValue[]][] = [];
  for (const p of space.parameters) {
    if (!COST_FIELD.test(p.name)) continue;
    if (p.type === 'int' || p.type === 'float') params[p.name] = topOf(p.low, p.high, p.step);
    else if (p.type === 'categorical') {
      const numbers = p.choices.filter((c): c is number => typeof c === 'number');
      if (numbers.length === p.choices.length) params[p.name] = Math.max(...numbers);
      else choices.push([p.name, p.choices]);
    }
  }
  const bytesWith = (trial: Params): number => {
    try {
      const config = validateConfig(withParams(engine, trial));
      return trialModelCost(config, expectedDataShape(config)).trainingBytes;
    } catch {
      return -1;
    }
  };
  // One greedy pass: these few choices (optimizer, batch norm) each change the cost alone.
  for (const [name, values] of choices) {
    let best = -1;
    for (const value of values) {
      const bytes = bytesWith({ ...params, [name]: value });
      if (bytes > best) [best, params[name]] = [bytes, value];
    }
  }
  return params;
}

/** The top legal value of a range (its high end, or the last step below it). */
function topOf(low: number, high: number, step: number | undefined): number {
  return step === undefined ? high : low + Math.floor((high - low) / step + 1e-9) * step;
}

/**
 * Refuses an engine sweep whose largest model is over `limits` (the caller's
 * SWEEPWISE_MAX_MODEL_PARAMS, SWEEPWISE_MAX_MODEL_BYTES) with the engine's ConfigError, naming
 * `model.layers` or `batchSize`.
 * A part of a range the engine refuses anyway (a width past its maximum) is that error.
 */
export function checkLargestModel(
  engine: Record<string, unknown>,
  space: Space,
  sample: Params,
  limits: ModelLimits,
): void {
  const params = largestModelParams(engine, space, sample);
  const config = validateConfig(withParams(engine, params));
  try {
    checkTrialModel(config, limits);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const tuned = Object.keys(sample).filter((name) => COST_FIELD.test(name));
    const where = tuned.length ? ` (the largest the space allows: ${describe(params, tuned)})` : '';
    throw new ConfigError(err.field, `${err.message}${where}`);
  }
}

function describe(params: Params, names: string[]): string {
  const shown = names.slice(0, 4).map((name) => `${name} = ${JSON.stringify(params[name])}`);
  return shown.join(', ') + (names.length > 4 ? ', ...' : '');
}
