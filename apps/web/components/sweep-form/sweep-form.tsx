'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { callApi } from '@/lib/client-api';
import type { Catalogue } from '@sweepwise/sweeps';
import {
  bodyToForm,
  engineMetrics,
  formToBody,
  initialForm,
  newParam,
  PARAM_TYPES,
  serverErrorsToForm,
  settingsFields,
  type FormErrors,
  type ParamRow,
  type SweepForm,
} from '@/lib/sweep-form';
import { Field, FieldError, input } from './field';
import { SettingsFields } from './settings-fields';

/**
 * Create a sweep: workload, objective, search space, algorithm, early stopping, budget. Errors
 * show as the user types (after the first edit of a field, or all at once on submit); the
 * server's refusals land on the same fields. YAML goes both ways through the API's parser.
 */
export function SweepFormView({ catalogue }: { catalogue: Catalogue }) {
  const router = useRouter();
  const [form, setForm] = useState<SweepForm>(() => initialForm(catalogue));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [yaml, setYaml] = useState('');
  const [yamlMessage, setYamlMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const { body, errors: localErrors } = useMemo(
    () => formToBody(form, catalogue),
    [form, catalogue],
  );
  const errors = { ...serverErrors, ...localErrors };
  const seen = (field: string) => submitted || touched.has(field) || field in serverErrors;

  function update(patch: Partial<SweepForm>, field: string) {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((t) => new Set(t).add(field));
    setServerErrors({});
  }
  /** A settings field changed: its error shows, and so do those about the settings together. */
  function updateSettings(part: 'algorithm' | 'stopper', patch: Partial<SweepForm>, key: string) {
    update(patch, `${part}.${key}`);
    setTouched((t) => new Set(t).add(part));
  }
  function updateParam(i: number, patch: Partial<ParamRow>) {
    const params = form.params.map((p, k) => (k === i ? { ...p, ...patch } : p));
    update({ params }, `params.${i}`);
    setTouched((t) => new Set(t).add(`params.${i}`).add(`params.${i}.name`));
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(localErrors).length > 0) return;
    setBusy(true);
    const result = await callApi<{ id: string }>('/api/v1/sweeps', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    setBusy(false);
    if (!result.ok)
      return setServerErrors({
        form: result.error.message,
        ...serverErrorsToForm(result.error.issues, form),
      });
    router.push(`/sweeps/${result.data.id}`);
  }

  async function exportYaml() {
    setSubmitted(true);
    if (Object.keys(localErrors).length > 0)
      return setYamlMessage({ ok: false, text: 'Fix the errors above to export.' });
    const result = await callApi<{ yaml: string }>('/api/v1/sweep-files/format', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!result.ok) return setYamlMessage({ ok: false, text: result.error.message });
    setYaml(result.data.yaml);
    setYamlMessage({ ok: true, text: 'The sweep as YAML: save it as a file for `sweepwise run`.' });
  }

  async function importYaml() {
    const result = await callApi<{ body: Parameters<typeof bodyToForm>[0] }>(
      '/api/v1/sweep-files/parse',
      {
        method: 'POST',
        body: JSON.stringify({ yaml }),
      },
    );
    if (!result.ok) return setYamlMessage({ ok: false, text: result.error.message });
    setForm(bodyToForm(result.data.body, catalogue));
    setServerErrors({});
    setYamlMessage({ ok: true, text: 'Imported into the form.' });
  }

  const f = (
    field: string,
    label: string,
    control: (p: { id: string; 'aria-invalid': boolean }) => React.ReactNode,
  ) => (
    <Field label={label} field={field} errors={errors} touched={seen(field)}>
      {control}
    </Field>
  );
  const metrics = form.workload === 'engine' ? engineMetrics(catalogue, form.dataset) : [];
  const parameterNames = form.params.map((p) => p.name).filter(Boolean);

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="create sweep">
      {errors.form && seen('form') && (
        <p
          role="alert"
          className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800"
        >
          {errors.form}
        </p>
      )}
      <section className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-2">
        {f('name', 'Name', (p) => (
          <input
            {...p}
            className={input}
            value={form.name}
            onChange={(e) => update({ name: e.target.value }, 'name')}
          />
        ))}
        {f('workload', 'Workload', (p) => (
          <select
            {...p}
            className={input}
            value={form.workload}
            onChange={(e) =>
              update({ workload: e.target.value as SweepForm['workload'] }, 'workload')
            }
          >
            <option value="engine">Built-in engine on a bundled data set</option>
            <option value="command">External command</option>
          </select>
        ))}
        {form.workload === 'engine' ? (
          <>
            {f('workload.engine.dataset', 'Data set', (p) => (
              <select
                {...p}
                className={input}
                value={form.dataset}
                onChange={(e) => update({ dataset: e.target.value }, 'workload.engine.dataset')}
              >
                {catalogue.datasets.map((d) => (
                  <option key={d.name}>{d.name}</option>
                ))}
              </select>
            ))}
            {f('workload.engine.epochs', 'Epochs', (p) => (
              <input
                {...p}
                className={input}
                inputMode="numeric"
                value={form.epochs}
                onChange={(e) => update({ epochs: e.target.value }, 'workload.engine.epochs')}
              />
            ))}
          </>
        ) : (
          <>
            {f('workload.command.program', 'Program', (p) => (
              <input
                {...p}
                className={input}
                placeholder="python3"
                value={form.program}
                onChange={(e) => update({ program: e.target.value }, 'workload.command.program')}
              />
            ))}
            {f('workload.command.args', 'Arguments (${param} placeholders)', (p) => (
              <input
                {...p}
                className={input}
                placeholder="train.py --lr ${optimizer.lr}"
                value={form.args}
                onChange={(e) => update({ args: e.target.value }, 'workload.command.args')}
              />
            ))}
          </>
        )}
        {f('metric.name', 'Objective metric', (p) => (
          <>
            <input
              {...p}
              className={input}
              list="known-metrics"
              value={form.metric}
              onChange={(e) => update({ metric: e.target.value }, 'metric.name')}
            />
            <datalist id="known-metrics">
              {metrics.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </>
        ))}
        {f('metric.goal', 'Direction', (p) => (
          <select
            {...p}
            className={input}
            value={form.direction}
            onChange={(e) =>
              update({ direction: e.target.value as SweepForm['direction'] }, 'metric.goal')
            }
          >
            <option value="minimize">minimize</option>
            <option value="maximize">maximize</option>
          </select>
        ))}
      </section>

      <section className="rounded border border-slate-200 bg-white p-4" aria-label="search space">
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-sm font-semibold">Search space</h2>
          <button
            type="button"
            onClick={() => update({ params: [...form.params, newParam()] }, 'parameters')}
            className="rounded border px-2 py-0.5 text-xs"
          >
            Add parameter
          </button>
        </div>
        <FieldError
          id="parameters-error"
          message={seen('parameters') ? errors.parameters : undefined}
        />
        <div className="space-y-2">
          {form.params.map((p, i) => (
            <fieldset
              key={p.key}
              aria-label={`parameter ${i + 1}`}
              className="grid grid-cols-2 gap-2 rounded border border-slate-100 p-2 md:grid-cols-8"
            >
              <div className="md:col-span-2">
                <input
                  aria-label={`parameter ${i + 1} name`}
                  aria-invalid={seen(`params.${i}.name`) && Boolean(errors[`params.${i}.name`])}
                  className={input}
                  placeholder="name, e.g. optimizer.lr"
                  value={p.name}
                  onChange={(e) => updateParam(i, { name: e.target.value })}
                />
              </div>
              <select
                aria-label={`parameter ${i + 1} type`}
                className={input}
                value={p.type}
                onChange={(e) => updateParam(i, { type: e.target.value as ParamRow['type'] })}
              >
                {PARAM_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              {p.type === 'float' || p.type === 'int' ? (
                <>
                  <input
                    aria-label={`parameter ${i + 1} low`}
                    className={input}
                    placeholder="low"
                    value={p.low}
                    onChange={(e) => updateParam(i, { low: e.target.value })}
                  />
                  <input
                    aria-label={`parameter ${i + 1} high`}
                    className={input}
                    placeholder="high"
                    value={p.high}
                    onChange={(e) => updateParam(i, { high: e.target.value })}
                  />
                  <label className="flex items-center gap-1 text-xs">
                    <input
                      type="checkbox"
                      checked={p.log}
                      onChange={(e) => updateParam(i, { log: e.target.checked })}
                    />{' '}
                    log
                  </label>
                </>
              ) : p.type === 'categorical' ? (
                <input
                  aria-label={`parameter ${i + 1} choices`}
                  className={`${input} md:col-span-3`}
                  placeholder="choices: adam, sgd"
                  value={p.choices}
                  onChange={(e) => updateParam(i, { choices: e.target.value })}
                />
              ) : (
                <input
                  aria-label={`parameter ${i + 1} value`}
                  className={`${input} md:col-span-3`}
                  placeholder="value"
                  value={p.value}
                  onChange={(e) => updateParam(i, { value: e.target.value })}
                />
              )}
              <select
                aria-label={`parameter ${i + 1} condition`}
                className={input}
                value={p.whenParam}
                onChange={(e) => updateParam(i, { whenParam: e.target.value })}
              >
                <option value="">always</option>
                {form.params
                  .filter((q) => q.key !== p.key && q.name && q.type !== 'float')
                  .map((q) => (
                    <option key={q.key} value={q.name}>
                      when {q.name} in
                    </option>
                  ))}
              </select>
              <div className="flex gap-1">
                {p.whenParam && (
                  <input
                    aria-label={`parameter ${i + 1} condition values`}
                    className={input}
                    placeholder="sgd, rmsprop"
                    value={p.whenValues}
                    onChange={(e) => updateParam(i, { whenValues: e.target.value })}
                  />
                )}
                <button
                  type="button"
                  aria-label={`remove parameter ${i + 1}`}
                  onClick={() =>
                    update({ params: form.params.filter((_, k) => k !== i) }, 'parameters')
                  }
                  className="rounded px-2 text-slate-500 hover:bg-slate-100"
                >
                  ✕
                </button>
              </div>
              <div className="col-span-full">
                <FieldError
                  id={`p${i}-name-error`}
                  message={seen(`params.${i}.name`) ? errors[`params.${i}.name`] : undefined}
                />
                <FieldError
                  id={`p${i}-error`}
                  message={seen(`params.${i}`) ? errors[`params.${i}`] : undefined}
                />
              </div>
            </fieldset>
          ))}
        </div>
      </section>

      <section className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-3">
        {f('algorithm.type', 'Algorithm', (p) => (
          <select
            {...p}
            className={input}
            value={form.algorithm}
            onChange={(e) =>
              update(
                {
                  algorithm: e.target.value,
                  algorithmSettings: settingsFields(catalogue.samplers, e.target.value),
                },
                'algorithm.type',
              )
            }
          >
            {catalogue.samplers.map((a) => (
              <option key={a.type}>{a.type}</option>
            ))}
          </select>
        ))}
        {f('algorithm.seed', 'Seed', (p) => (
          <input
            {...p}
            className={input}
            value={form.seed}
            onChange={(e) => update({ seed: e.target.value }, 'algorithm.seed')}
          />
        ))}
        {f('stopper.type', 'Early stopping', (p) => (
          <select
            {...p}
            className={input}
            value={form.stopper}
            onChange={(e) =>
              update(
                {
                  stopper: e.target.value,
                  stopperSettings: settingsFields(catalogue.stoppers, e.target.value),
                },
                'stopper.type',
              )
            }
          >
            {['none', ...catalogue.stoppers.map((s) => s.type)].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        ))}
        <SettingsFields
          legend={`${form.algorithm} settings`}
          part="algorithm"
          entry={catalogue.samplers.find((a) => a.type === form.algorithm)}
          texts={form.algorithmSettings}
          parameters={parameterNames}
          errors={errors}
          seen={seen}
          onChange={(key, text) =>
            updateSettings(
              'algorithm',
              { algorithmSettings: { ...form.algorithmSettings, [key]: text } },
              key,
            )
          }
        />
        <SettingsFields
          legend={`${form.stopper} settings`}
          part="stopper"
          entry={catalogue.stoppers.find((a) => a.type === form.stopper)}
          texts={form.stopperSettings}
          parameters={parameterNames}
          errors={errors}
          seen={seen}
          onChange={(key, text) =>
            updateSettings(
              'stopper',
              { stopperSettings: { ...form.stopperSettings, [key]: text } },
              key,
            )
          }
        />
        {f('budget.maxTrials', 'Max trials', (p) => (
          <input
            {...p}
            className={input}
            inputMode="numeric"
            value={form.maxTrials}
            onChange={(e) => update({ maxTrials: e.target.value }, 'budget.maxTrials')}
          />
        ))}
        {f('budget.maxConcurrentTrials', 'Max concurrent trials', (p) => (
          <input
            {...p}
            className={input}
            inputMode="numeric"
            value={form.maxConcurrentTrials}
            onChange={(e) =>
              update({ maxConcurrentTrials: e.target.value }, 'budget.maxConcurrentTrials')
            }
          />
        ))}
        {f('budget.maxWallTimeS', 'Max wall time (s, optional)', (p) => (
          <input
            {...p}
            className={input}
            inputMode="numeric"
            value={form.maxWallTimeS}
            onChange={(e) => update({ maxWallTimeS: e.target.value }, 'budget.maxWallTimeS')}
          />
        ))}
      </section>

      <div className="flex items-center gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {busy ? 'Creating…' : 'Create sweep'}
        </button>
        <button
          type="button"
          onClick={exportYaml}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
        >
          Export YAML
        </button>
      </div>

      <section className="rounded border border-slate-200 bg-white p-4" aria-label="yaml">
        <label htmlFor="sweep-yaml" className="mb-1 block text-sm font-semibold">
          Sweep file (YAML)
        </label>
        <textarea
          id="sweep-yaml"
          rows={12}
          className={`${input} font-mono`}
          value={yaml}
          onChange={(e) => setYaml(e.target.value)}
          placeholder="Paste a sweep file here and import it into the form."
        />
        <div className="mt-2 flex items-center gap-2">
          <button
            type="button"
            onClick={importYaml}
            className="rounded border border-slate-300 px-3 py-1 text-sm"
          >
            Import YAML
          </button>
          {yaml && (
            <a
              download={`${form.name || 'sweep'}.yaml`}
              href={`data:application/yaml;charset=utf-8,${encodeURIComponent(yaml)}`}
              className="text-sm text-blue-800 underline"
            >
              Download
            </a>
          )}
          {yamlMessage && (
            <span
              role={yamlMessage.ok ? 'status' : 'alert'}
              className={`text-sm ${yamlMessage.ok ? 'text-emerald-700' : 'text-red-700'}`}
            >
              {yamlMessage.text}
            </span>
          )}
        </div>
      </section>
    </form>
  );
}
