'use client';

import { useMemo } from 'react';
import { AxisBottom, AxisLeft, FRAME } from './axes';
import type { ParetoView } from '@/lib/charts/pareto';
import { makeScale, pad } from '@/lib/charts/scale';
import { BEST_COLOR } from '@/lib/charts/trial-colors';
import { formatValue } from '@/lib/format';

/** The hypervolume of the front after each feasible trial, against one reference point. */
export function HypervolumeChart({ view }: { view: ParetoView }) {
  const { history, reference } = view.hypervolume;
  const drawn = useMemo(() => {
    if (history.length === 0) return null;
    const last = history[history.length - 1];
    const x = makeScale(
      [0, Math.max(1, last.trial.number)],
      [FRAME.left, FRAME.width - FRAME.right],
    );
    const y = makeScale(pad([0, last.hypervolume || 1]), [FRAME.height - FRAME.bottom, FRAME.top]);
    let d = '';
    for (const h of history) {
      d += `${d ? 'H' : 'M'}${x(h.trial.number).toFixed(1)}${d ? 'V' : ' '}${y(h.hypervolume).toFixed(1)}`;
    }
    d += `H${(FRAME.width - FRAME.right).toFixed(1)}`;
    return { x, y, d, last: last.hypervolume };
  }, [history]);

  if (!drawn) {
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        No feasible completed trial yet: the hypervolume appears as trials finish.
      </p>
    );
  }
  return (
    <div>
      <svg
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        className="w-full"
        role="img"
        aria-label="hypervolume over trials"
        data-testid="hypervolume-chart"
      >
        <AxisLeft scale={drawn.y} frame={FRAME} label="hypervolume" />
        <AxisBottom scale={drawn.x} frame={FRAME} label="trial" />
        <path d={drawn.d} fill="none" stroke={BEST_COLOR} strokeWidth={2} />
      </svg>
      <p className="mt-1 text-xs text-slate-500">
        Now <strong data-testid="hypervolume-value">{formatValue(drawn.last)}</strong>. Reference
        point:{' '}
        {Object.entries(reference)
          .map(([name, v]) => `${name} ${formatValue(v)}`)
          .join(', ')}{' '}
        (the worst feasible value of each objective plus 10% of its range, as BoTorch infers one),
        so the curve never falls; it moves as new trials widen the range.
      </p>
    </div>
  );
}
