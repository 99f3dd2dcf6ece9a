import type { AlgorithmEntry, Catalogue } from '@sweepwise/sweeps';
import { describeIssue } from '@sweepwise/sweeps/spec';
import { browserSweepSpec, unknownMetricMessage } from '@sweepwise/sweeps/spec-checks';
import type { Direction } from '@sweepwise/tuner';
import { list, scalar, settingsOf, settingTexts, type SettingTexts } from './setting-fields';

/**
 * The create-sweep form's state and its translation to and from the API's create body. As the
 * user types, the body is checked with the schema the API parses with (@sweepwise/sweeps/spec-checks:
 * the shape, the parameters, the sampler's and the stopper's settings); the server adds the
 * engine's checks, and its errors land on the same fields. Names, settings, defaults and bounds
 * come from the catalogue (@sweepwise/sweeps), which the page hands over.
 */

/** What the catalogue says a data set's engine runs report (empty for an unknown name). */
export function engineMetrics(catalogue: Catalogue, dataset: string): readonly string[] {
  return catalogue.datasets.find((d) => d.name === dataset)?.metrics ?? [];
}

export const PARAM_TYPES = ['float', 'int', 'categorical', 'constant'] as const;

export interface ParamRow {
  key: number;
  name: string;
  type: (typeof PARAM_TYPES)[number];
  low: string;
  high: string;
  log: boolean;
  choices: string;
  value: string;
  /** Condition: active only when `whenParam` takes one of `whenValues` (comma-separated). */
  whenParam: string;
  whenValues: string;
}

export interface SweepForm {
  name: string;
  workload: 'engine' | 'command';
  dataset: string;
  epochs: string;
  program: string;
  args: string;
  metric: string;
  direction: Direction;
  params: ParamRow[];
  algorithm: string;
  seed: string;
  /** The sampler's settings fields, drawn from its catalogue entry. */
  algorithmSettings: SettingTexts;
  /** 'none' or a stopper type. */
  stopper: string;
  stopperSettings: SettingTexts;
  maxTrials: string;
  maxConcurrentTrials: string;
  maxWallTimeS: string;
}

let nextKey = 1;
export function newParam(partial: Partial<ParamRow> = {}): ParamRow {
  return {
    key: nextKey++,
    name: '',
    type: 'float',
    low: '',
    high: '',
    log: false,
    choices: '',
    value: '',
    whenParam: '',
    whenValues: '',
    ...partial,
  };
}

const schemas = new WeakMap<Catalogue, ReturnType<typeof browserSweepSpec>>();
/** The browser's SweepSpec over the page's catalogue, built once per catalogue. */
function schemaOf(catalogue: Catalogue) {
  let schema = schemas.get(catalogue);
  if (!schema) schemas.set(catalogue, (schema = browserSweepSpec(catalogue)));
  return schema;
}

const entryOf = (entries: readonly AlgorithmEntry[], type: string) =>
  entries.find((e) => e.type === type);

/** The settings fields of a sampler or stopper type at their defaults (or of `settings`). */
export function settingsFields(
  entries: readonly AlgorithmEntry[],
  type: string,
  settings?: Readonly<Record<string, unknown>>,
): SettingTexts {
  return settingTexts(entryOf(entries, type)?.settings ?? [], settings);
}

export function initialForm(catalogue: Catalogue): SweepForm {
  return {
    name: '',
    workload: 'engine',
    dataset: 'iris',
    epochs: '20',
    program: '',
    args: '',
    metric: 'val_loss',
    direction: 'minimize',
    params: [newParam({ key: 0, name: 'optimizer.lr', low: '0.0001', high: '0.1', log: true })],
    algorithm: 'random',
    seed: '1',
    algorithmSettings: settingsFields(catalogue.samplers, 'random'),
    stopper: 'none',
    stopperSettings: {},
    maxTrials: '20',
    maxConcurrentTrials: String(catalogue.defaults.maxConcurrentTrials),
    maxWallTimeS: '',
  };
}

/** Field path (as the API names it) -> message. */
export type FormErrors = Record<string, string>;

export function spaceOf(params: ParamRow[]): Record<string, Record<string, unknown>> {
  const space: Record<string, Record<string, unknown>> = {};
  for (const p of params) {
    const spec: Record<string, unknown> = { type: p.type };
    if (p.type === 'float' || p.type === 'int') {
      spec.low = p.low.trim() === '' ? undefined : Number(p.low);
      spec.high = p.high.trim() === '' ? undefined : Number(p.high);
      if (p.log) spec.log = true;
    }
    if (p.type === 'categorical') spec.choices = list(p.choices).map(scalar);
    if (p.type === 'constant') spec.value = scalar(p.value);
    if (p.whenParam) spec.when = { [p.whenParam]: list(p.whenValues).map(scalar) };
    space[p.name] = spec;
  }
  return space;
}

/**
 * The create-sweep body of the form, and every error the browser can see: what the fields cannot
 * say (a name missing, a number that is not one, a metric the engine does not report) and then
 * what the shared schema refuses, each on the field it names.
 */
export function formToBody(
  form: SweepForm,
  catalogue: Catalogue,
): { body: Record<string, unknown>; errors: FormErrors } {
  const errors: FormErrors = {};
  if (form.name.trim() === '') errors.name = 'is required';
  if (form.workload === 'engine') {
    const known = engineMetrics(catalogue, form.dataset);
    const unknown = unknownMetricMessage(form.dataset, form.metric, known);
    if (unknown) errors['metric.name'] = unknown;
    if (!/^\d+$/.test(form.epochs) || Number(form.epochs) < 1)
      errors['workload.engine.epochs'] = 'must be a whole number >= 1';
  } else {
    if (form.program.trim() === '') errors['workload.command.program'] = 'is required';
    if (form.metric.trim() === '') errors['metric.name'] = 'is required';
  }
  const names = new Set<string>();
  form.params.forEach((p, i) => {
    if (p.name.trim() === '') errors[`params.${i}.name`] = 'is required';
    else if (names.has(p.name)) errors[`params.${i}.name`] = `duplicate parameter "${p.name}"`;
    names.add(p.name);
  });
  if (form.params.length === 0) errors.parameters = 'add at least one parameter';
  const int = (text: string, field: string, required: boolean) => {
    if (text.trim() === '' && !required) return null;
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
      errors[field] = 'must be a whole number >= 1';
    return Number(text);
  };
  const settings = (
    part: string,
    entries: readonly AlgorithmEntry[],
    type: string,
    texts: SettingTexts,
  ) => {
    const given = settingsOf(entryOf(entries, type)?.settings ?? [], texts, [...names]);
    for (const [key, message] of Object.entries(given.errors)) errors[`${part}.${key}`] = message;
    return given.settings;
  };
  const body = {
    name: form.name.trim(),
    workload:
      form.workload === 'engine'
        ? { engine: { dataset: { name: form.dataset }, epochs: Number(form.epochs) } }
        : {
            command: {
              program: form.program.trim(),
              args: form.args.trim() === '' ? [] : form.args.trim().split(/\s+/),
            },
          },
    metric: { name: form.metric.trim(), goal: form.direction },
    parameters: spaceOf(form.params),
    // The type first, as stored and exported, so a file round trip keeps its key order.
    algorithm: {
      type: form.algorithm,
      ...(form.seed.trim() !== '' && { seed: Number(form.seed) }),
      ...settings('algorithm', catalogue.samplers, form.algorithm, form.algorithmSettings),
    },
    stopper:
      form.stopper === 'none'
        ? null
        : {
            type: form.stopper,
            ...settings('stopper', catalogue.stoppers, form.stopper, form.stopperSettings),
          },
    budget: {
      maxTrials: int(form.maxTrials, 'budget.maxTrials', true),
      maxConcurrentTrials: int(form.maxConcurrentTrials, 'budget.maxConcurrentTrials', true),
      maxWallTimeS: int(form.maxWallTimeS, 'budget.maxWallTimeS', false),
    },
  };
  // The schema the API parses with, less the engine's checks: the shape, parameters, settings.
  const checked = schemaOf(catalogue).safeParse(body);
  for (const issue of checked.error?.issues ?? []) {
    const { path, reason } = describeIssue(issue);
    errors[formField(path.join('.'), form)] ??= reason;
  }
  return { body, errors };
}

interface BodyLike {
  name: string;
  workload: { engine?: Record<string, unknown>; command?: { program: string; args?: string[] } };
  metric: { name: string; goal: Direction };
  parameters: Record<string, Record<string, unknown>>;
  algorithm: { type: string; seed?: number; [k: string]: unknown };
  stopper?: { type: string; [k: string]: unknown } | null;
  budget: { maxTrials: number; maxConcurrentTrials?: number; maxWallTimeS?: number | null };
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The form for a body (an imported YAML file, a clone). Engine settings beyond data set and epochs are not editable here. */
export function bodyToForm(body: BodyLike, catalogue: Catalogue): SweepForm {
  const engine = body.workload.engine;
  const { type: algorithm, seed, ...algorithmSettings } = body.algorithm;
  const { type: stopper, ...stopperSettings } = body.stopper ?? { type: 'none' };
  return {
    name: body.name,
    workload: engine ? 'engine' : 'command',
    dataset: text((engine?.dataset as { name?: string } | undefined)?.name ?? 'iris'),
    epochs: text(engine?.epochs ?? 20),
    program: body.workload.command?.program ?? '',
    args: (body.workload.command?.args ?? []).join(' '),
    metric: body.metric.name,
    direction: body.metric.goal,
    params: Object.entries(body.parameters).map(([name, spec]) => {
      const [whenParam, whenValues] = Object.entries(
        (spec.when ?? {}) as Record<string, unknown[]>,
      )[0] ?? ['', []];
      return newParam({
        name,
        type: spec.type as ParamRow['type'],
        low: text(spec.low),
        high: text(spec.high),
        log: spec.log === true,
        choices: ((spec.choices as unknown[]) ?? []).join(', '),
        value: text(spec.value),
        whenParam,
        whenValues: whenValues.join(', '),
      });
    }),
    algorithm,
    seed: text(seed),
    algorithmSettings: settingsFields(catalogue.samplers, algorithm, algorithmSettings),
    stopper,
    stopperSettings: settingsFields(catalogue.stoppers, stopper, stopperSettings),
    maxTrials: text(body.budget.maxTrials),
    maxConcurrentTrials: text(
      body.budget.maxConcurrentTrials ?? catalogue.defaults.maxConcurrentTrials,
    ),
    maxWallTimeS: text(body.budget.maxWallTimeS),
  };
}

/** The form field of an API field path: parameters.<name>... lands on the parameter's row. */
export function formField(field: string, form: SweepForm): string {
  const i = form.params.findIndex(
    (p) => field === `parameters.${p.name}` || field.startsWith(`parameters.${p.name}.`),
  );
  return i >= 0 ? `params.${i}` : field || 'form';
}

/** The server's refusals, on the form's fields. */
export function serverErrorsToForm(
  issues: { field: string; reason: string }[],
  form: SweepForm,
): FormErrors {
  return Object.fromEntries(issues.map(({ field, reason }) => [formField(field, form), reason]));
}
