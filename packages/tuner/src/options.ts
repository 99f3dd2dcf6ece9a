// Algorithm options: merged with the algorithm's defaults once, validated once, with messages that
// name the field and the value (`reductionFactor must be >= 2, got 1`).

export class OptionsError extends Error {
  override readonly name = 'OptionsError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Shared maxima of algorithm options (the README's bounds table lists every option's range).
 * Each exists so that no option alone can make a sampler or stopper take unbounded time or memory.
 */
export const OPTION_LIMITS = {
  /** A step or resource (epochs, reports): past a billion it is a typo. */
  step: 1e9,
  /** Trials an option counts (start-up trials, population members, peers). */
  trials: 10_000,
} as const;

/** A value as JSON for a message, cut short: an error must not echo a megabyte back. */
export function showValue(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Defaults overridden by `given`; an option the algorithm does not have is an error. */
export function mergeOptions<D extends Record<string, unknown>>(
  owner: string,
  defaults: D,
  given: Readonly<Record<string, unknown>>,
): D {
  for (const key of Object.keys(given)) {
    if (!(key in defaults)) {
      const known = Object.keys(defaults);
      throw new OptionsError(
        key,
        `${owner} has no option "${key}"` + (known.length ? ` (options: ${known.join(', ')})` : ''),
      );
    }
  }
  const merged: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) merged[k] = v;
  return merged as D;
}

/** A finite number, optionally an integer, within inclusive bounds. */
export function checkNumber(
  field: string,
  value: unknown,
  rule: { min?: number; max?: number; integer?: boolean; above?: number },
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new OptionsError(field, `${field} must be a finite number, got ${showValue(value)}`);
  }
  if (rule.integer && !Number.isInteger(value)) {
    throw new OptionsError(field, `${field} must be an integer, got ${value}`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw new OptionsError(field, `${field} must be >= ${rule.min}, got ${value}`);
  }
  if (rule.above !== undefined && value <= rule.above) {
    throw new OptionsError(field, `${field} must be > ${rule.above}, got ${value}`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw new OptionsError(field, `${field} must be <= ${rule.max}, got ${value}`);
  }
  return value;
}

export function checkOneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    throw new OptionsError(
      field,
      `${field} must be one of ${allowed.join(', ')}, got ${showValue(value)}`,
    );
  }
  return value as T;
}

/** Looks up `type` in a registry of factories, naming the valid types when it is unknown. */
export function lookupType<F>(field: string, table: Readonly<Record<string, F>>, type: unknown): F {
  const found = typeof type === 'string' && Object.hasOwn(table, type) ? table[type] : undefined;
  if (found === undefined) {
    throw new OptionsError(
      field,
      `${field} must be one of ${Object.keys(table).join(', ')}, got ${showValue(type)}`,
    );
  }
  return found;
}
