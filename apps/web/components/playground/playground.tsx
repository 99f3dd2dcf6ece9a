'use client';

import { useEffect, useMemo, useState } from 'react';
import {
  OPTIMIZER_TYPES,
  SURFACE_NAMES,
  SURFACES,
  trajectory,
  type OptimizerType,
  type SurfaceName,
  type Trajectory,
} from '@sweepwise/engine/playground';
import { OPTIMIZER_COLORS } from '@/lib/playground/optimizer-colors';
import {
  checkControl,
  defaultView,
  queryOfView,
  type PlaygroundView,
} from '@/lib/playground/view-state';
import { formatValue } from '@/lib/format';
import { LossPlot } from './loss-plot';
import { SurfacePlot } from './surface-plot';

type NumberControl = 'lr' | 'momentum' | 'beta1' | 'beta2' | 'steps' | 'condition' | 'x' | 'y';

const CONTROLS: { key: NumberControl; label: string }[] = [
  { key: 'lr', label: 'Learning rate' },
  { key: 'momentum', label: 'Momentum μ' },
  { key: 'beta1', label: 'β1' },
  { key: 'beta2', label: 'β2' },
  { key: 'steps', label: 'Steps' },
  { key: 'x', label: 'Start x' },
  { key: 'y', label: 'Start y' },
  { key: 'condition', label: 'Condition number κ' },
];

const read = (view: PlaygroundView, key: NumberControl): number =>
  key === 'x' ? view.start[0] : key === 'y' ? view.start[1] : view[key];

function write(view: PlaygroundView, key: NumberControl, value: number): PlaygroundView {
  if (key === 'x') return { ...view, start: [value, view.start[1]] };
  if (key === 'y') return { ...view, start: [view.start[0], value] };
  return { ...view, [key]: value };
}

/**
 * Every engine optimizer on a classic 2-D surface, stepped in the browser by the engine's own
 * optimizer classes. The view lives in the URL, so a link restores it.
 */
export function Playground({ initial }: { initial: PlaygroundView }) {
  const [view, setView] = useState(initial);
  const [drafts, setDrafts] = useState<Partial<Record<NumberControl, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<NumberControl, string>>>({});

  const paths = useMemo(() => view.shown.map((type) => trajectory(type, view)), [view]);

  useEffect(() => {
    window.history.replaceState(null, '', `?${queryOfView(view)}`);
  }, [view]);

  const change = (key: NumberControl, raw: string) => {
    setDrafts((d) => ({ ...d, [key]: raw }));
    const checked = checkControl(key, raw);
    setErrors((e) => ({ ...e, [key]: typeof checked === 'string' ? checked : undefined }));
    if (typeof checked === 'number') setView((v) => write(v, key, checked));
  };

  const chooseSurface = (surface: SurfaceName) => {
    const d = defaultView(surface);
    setDrafts({});
    setErrors({});
    setView((v) => ({ ...v, surface, start: d.start, lr: d.lr }));
  };

  const toggle = (type: OptimizerType) =>
    setView((v) => ({
      ...v,
      shown: v.shown.includes(type)
        ? v.shown.filter((t) => t !== type)
        : OPTIMIZER_TYPES.filter((t) => t === type || v.shown.includes(t)),
    }));

  return (
    <div className="flex flex-wrap gap-6">
      <form className="w-56 space-y-3 text-sm" onSubmit={(e) => e.preventDefault()}>
        <label className="block">
          <span className="text-slate-600">Function</span>
          <select
            name="surface"
            value={view.surface}
            onChange={(e) => chooseSurface(e.target.value as SurfaceName)}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1"
          >
            {SURFACE_NAMES.map((n) => (
              <option key={n} value={n}>
                {SURFACES[n].label}
              </option>
            ))}
          </select>
        </label>
        {CONTROLS.filter((c) => c.key !== 'condition' || view.surface === 'quadratic').map(
          ({ key, label }) => (
            <label key={key} className="block">
              <span className="text-slate-600">{label}</span>
              <input
                name={key}
                inputMode="decimal"
                value={drafts[key] ?? String(read(view, key))}
                onChange={(e) => change(key, e.target.value)}
                aria-invalid={errors[key] ? true : undefined}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 aria-[invalid]:border-red-500"
              />
              {errors[key] && <span className="text-xs text-red-600">{errors[key]}</span>}
            </label>
          ),
        )}
      </form>
      <SurfacePlot settings={view} paths={paths} />
      <div className="space-y-3">
        <LossPlot paths={paths} steps={view.steps} />
        <table className="text-sm" data-testid="optimizer-table">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="pr-3 font-normal">optimizer</th>
              <th className="pr-3 font-normal">final loss</th>
              <th className="font-normal">outcome</th>
            </tr>
          </thead>
          <tbody>
            {OPTIMIZER_TYPES.map((type) => {
              const t = paths.find((p) => p.optimizer === type);
              return (
                <tr key={type}>
                  <td className="pr-3">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={view.shown.includes(type)}
                        onChange={() => toggle(type)}
                      />
                      <span
                        className="inline-block h-2 w-4 rounded"
                        style={{ background: OPTIMIZER_COLORS[type] }}
                      />
                      {type}
                    </label>
                  </td>
                  <td className="pr-3 tabular-nums">
                    {t && t.length > 0 ? formatValue(t.loss[t.length - 1], 4) : ''}
                  </td>
                  <td className="text-slate-600">{t ? outcome(t) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function outcome(t: Trajectory): string {
  if (t.divergedAt !== null) return `diverged at step ${t.divergedAt}`;
  if (t.convergedAt !== null) return `reached a minimum at step ${t.convergedAt}`;
  if (t.stalledAt !== null) return `stalled from step ${t.stalledAt}`;
  return 'still moving';
}
