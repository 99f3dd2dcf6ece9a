'use client';

import type { AlgorithmEntry } from '@sweepwise/sweeps';
import type { SettingDescriptor } from '@sweepwise/tuner';
import { rangeText, type SettingTexts } from '@/lib/setting-fields';
import type { FormErrors } from '@/lib/sweep-form';
import { Field, FieldError, input } from './field';

/**
 * A sampler's or stopper's settings as labelled fields, one per setting its registry declares,
 * with its default filled in and its help and range below. `part` is the body's key (algorithm,
 * stopper), so an error the schema puts on `algorithm.startupTrials` shows under that field.
 */
export function SettingsFields({
  legend,
  part,
  entry,
  texts,
  parameters,
  errors,
  seen,
  onChange,
}: {
  legend: string;
  part: 'algorithm' | 'stopper';
  entry: AlgorithmEntry | undefined;
  texts: SettingTexts;
  /** The space's parameter names: a grid lists its values per parameter. */
  parameters: readonly string[];
  errors: FormErrors;
  seen: (field: string) => boolean;
  onChange: (key: string, text: string) => void;
}) {
  const shown = new Set<string>();
  const field = (s: SettingDescriptor, key: string, label: string) => {
    const path = `${part}.${key}`;
    shown.add(path);
    const text = texts[key] ?? '';
    const hint = (
      <>
        {s.help}
        {rangeText(s) && <span className="text-slate-400"> ({rangeText(s)})</span>}
      </>
    );
    return (
      <Field
        key={key}
        label={label}
        field={path}
        errors={errors}
        touched={seen(path) || (key.includes('.') && seen(`${part}.${s.key}`))}
        hint={hint}
      >
        {(p) =>
          s.kind === 'bool' ? (
            <input
              {...p}
              type="checkbox"
              checked={text === 'true'}
              onChange={(e) => onChange(key, String(e.target.checked))}
            />
          ) : s.kind === 'enum' ? (
            <select
              {...p}
              className={input}
              value={text}
              onChange={(e) => onChange(key, e.target.value)}
            >
              {s.choices?.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          ) : (
            <input
              {...p}
              className={input}
              inputMode={s.kind === 'int' ? 'numeric' : s.kind === 'values' ? 'text' : 'decimal'}
              placeholder={s.kind === 'values' ? 'values, e.g. 0.01, 0.1' : 'default'}
              value={text}
              onChange={(e) => onChange(key, e.target.value)}
            />
          )
        }
      </Field>
    );
  };
  const fields = (entry?.settings ?? []).flatMap((s) =>
    s.kind === 'values'
      ? parameters.map((name) => field(s, `${s.key}.${name}`, `${s.key}: ${name}`))
      : [field(s, s.key, s.key)],
  );
  // Errors about the settings together (a grid too large) or the algorithm as a whole.
  const others = Object.keys(errors).filter(
    (k) =>
      (k === part || k.startsWith(`${part}.`)) &&
      !shown.has(k) &&
      !['type', 'seed'].includes(k.slice(part.length + 1)) &&
      (seen(k) || seen(part)),
  );
  if (fields.length === 0 && others.length === 0) return null;
  return (
    <fieldset
      aria-label={legend}
      className="grid gap-3 rounded border border-slate-100 p-2 md:col-span-3 md:grid-cols-3"
    >
      <legend className="px-1 text-xs font-semibold text-slate-600">{legend}</legend>
      {fields}
      {others.map((k) => (
        <div key={k} className="md:col-span-3">
          <FieldError id={`f-${k.replace(/\W/g, '-')}-error`} message={errors[k]} />
        </div>
      ))}
    </fieldset>
  );
}
