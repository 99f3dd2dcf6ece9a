import type { Bound, SettingDescriptor } from '@sweepwise/tuner';

/**
 * A sampler's or stopper's settings as form fields, drawn from the descriptors the registries
 * declare (the catalogue hands them over): the text each field shows, the value it stands for and
 * the range it may take. The bounds themselves are checked by the shared schema, not here.
 */

/** Field key -> text typed; a grid's per-parameter values are under `values.<parameter>`. */
export type SettingTexts = Record<string, string>;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The fields' texts for `settings` (a stored or imported body's), defaults where not given. */
export function settingTexts(
  descriptors: readonly SettingDescriptor[],
  settings: Readonly<Record<string, unknown>> = {},
): SettingTexts {
  const texts: SettingTexts = {};
  for (const s of descriptors) {
    const value = s.key in settings ? settings[s.key] : s.default;
    if (s.kind === 'values') {
      for (const [name, list] of Object.entries((value ?? {}) as Record<string, unknown[]>)) {
        texts[`${s.key}.${name}`] = valueText(list);
      }
    } else texts[s.key] = valueText(value);
  }
  return texts;
}

/** Scalars typed in a text box: numbers and booleans become values, the rest stays text. */
export function scalar(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

export const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The settings the fields give, only those that differ from their defaults (as the API and a
 * sweep file take them), and the fields that are not numbers where numbers are due. An empty
 * field means the default; `parameters` are the space's names (a grid lists values per name).
 */
export function settingsOf(
  descriptors: readonly SettingDescriptor[],
  texts: SettingTexts,
  parameters: readonly string[],
): { settings: Record<string, unknown>; errors: Record<string, string> } {
  const settings: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const s of descriptors) {
    const text = (texts[s.key] ?? '').trim();
    let value: unknown;
    if (s.kind === 'values') {
      const byName = Object.fromEntries(
        parameters
          .map((name) => [name, list(texts[`${s.key}.${name}`] ?? '').map(scalar)] as const)
          .filter(([, values]) => values.length > 0),
      );
      value = byName;
    } else if (text === '') continue;
    else if (s.kind === 'int' || s.kind === 'real') {
      value = Number(text);
      if (!Number.isFinite(value)) errors[s.key] = `must be a number, got "${text}"`;
    } else if (s.kind === 'reals') {
      value = list(text).map(Number);
      if ((value as number[]).some((n) => !Number.isFinite(n)))
        errors[s.key] = `must be numbers separated by commas, got "${text}"`;
    } else if (s.kind === 'bool') value = text === 'true';
    else value = text;
    if (!sameValue(value, s.default)) settings[s.key] = value;
  }
  return { settings, errors };
}

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
const bound = (b: Bound) => (typeof b === 'number' ? number(b) : b.setting);

/** The range a setting may take, as the field's hint: "integer, 1 to 10,000", "number, > 0 and <= 1". */
export function rangeText(s: SettingDescriptor): string {
  const range =
    s.min !== undefined && s.max !== undefined
      ? [`${bound(s.min)} to ${bound(s.max)}`]
      : [
          s.min !== undefined && `>= ${bound(s.min)}`,
          s.above !== undefined && `> ${bound(s.above)}`,
          s.max !== undefined && `<= ${bound(s.max)}`,
        ].filter((p): p is string => Boolean(p));
  const what = {
    int: 'integer',
    real: 'number',
    reals: `${s.items?.min} to ${s.items?.max} numbers, each`,
    bool: '',
    enum: '',
    values: '',
  }[s.kind];
  const head = s.kind === 'reals' ? `${what} ${range.join(' and ')}` : [what, range.join(' and ')];
  const parts = typeof head === 'string' ? [head] : head.filter(Boolean);
  if (s.required) parts.push('required');
  else if (s.nullable) parts.push('may be empty');
  return parts.join(', ');
}
