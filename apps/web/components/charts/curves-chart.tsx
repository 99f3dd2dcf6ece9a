'use client';

import { useMemo, useState } from 'react';
import type { DrawnCurve, PbtEventRow } from '@sweepwise/db';
import { describeExploit } from '@/components/sweep/pbt-changes';
import { AxisBottom, AxisLeft, FRAME } from './axes';
import { extent, makeScale, pad } from '@/lib/charts/scale';
import { BEST_COLOR, STATE_COLORS, robustExtent } from '@/lib/charts/trial-colors';

/** What an exploit marker needs of a PBT event. */
export type ExploitEvent = Pick<
  PbtEventRow,
  'id' | 'step' | 'trialNumber' | 'sourceNumber' | 'oldParams' | 'newParams' | 'reason'
>;

const EXPLOIT_COLOR = '#7c3aed';

/** The curve's last drawn value at or before `step` (curves are thinned), or null. */
function valueAt(curve: DrawnCurve | undefined, step: number): number | null {
  if (!curve) return null;
  let value: number | null = null;
  for (let i = 0; i < curve.steps.length && curve.steps[i] <= step; i++) {
    const v = curve.values[i];
    if (v != null && Number.isFinite(v)) value = v;
  }
  return value;
}

/**
 * Learning curves of the drawn trials overlaid: one path per state (a hundred lines, a handful
 * of DOM nodes), the best trial on top in green, each pruned trial ended by a marker whose
 * tooltip is the stopping rule's reason, and on a PBT sweep a marker at each exploit: on the
 * copying member's curve at the step it copied, its tooltip who copied whom and what changed.
 */
export function CurvesChart({
  curves,
  metric,
  bestNumber,
  exploits = [],
  onOpen,
}: {
  curves: DrawnCurve[];
  metric: string;
  bestNumber: number | null;
  exploits?: readonly ExploitEvent[];
  onOpen(number: number): void;
}) {
  const [hover, setHover] = useState<string | null>(null);
  const f = FRAME;
  const drawn = useMemo(() => {
    const steps = extent(curves.flatMap((c) => [c.steps[0], c.steps[c.steps.length - 1]])) ?? [
      0, 1,
    ];
    const values = robustExtent(curves.flatMap((c) => c.values));
    const x = makeScale(steps, [f.left, f.width - f.right]);
    const y = makeScale(pad(values ?? [0, 1]), [f.height - f.bottom, f.top]);
    const py = (v: number) => Math.min(f.height - f.bottom, Math.max(f.top, y(v))).toFixed(1);
    const line = (c: DrawnCurve) => {
      let d = '';
      let pen = false;
      c.steps.forEach((s, i) => {
        const v = c.values[i];
        if (v == null || !Number.isFinite(v)) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${x(s).toFixed(1)} ${py(v)}`;
        pen = true;
      });
      return d;
    };
    const byState: Record<string, string> = {};
    for (const c of curves) {
      if (c.number === bestNumber) continue;
      byState[c.state] = (byState[c.state] ?? '') + line(c);
    }
    const best = curves.find((c) => c.number === bestNumber);
    const markers = curves
      .filter((c) => c.state === 'pruned' && c.steps.length > 0)
      .map((c) => {
        const last = c.values.length - 1;
        return { curve: c, cx: x(c.steps[last]), cy: Number(py(c.values[last] ?? 0)) };
      });
    const byNumber = new Map(curves.map((c) => [c.number, c]));
    // A member that copied ahead of its own curve (after diverging) is drawn at its source's value.
    const exploitMarkers = exploits.flatMap((e) => {
      const member = byNumber.get(e.trialNumber);
      const v = valueAt(member, e.step) ?? valueAt(byNumber.get(e.sourceNumber), e.step);
      if (!member || v === null) return [];
      return [{ event: e, cx: x(e.step), cy: Number(py(v)) }];
    });
    return { x, y, byState, best: best ? line(best) : '', markers, exploitMarkers };
  }, [curves, bestNumber, exploits, f]);

  if (curves.length === 0) {
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        No curve points yet: lines appear as trials report.
      </p>
    );
  }
  return (
    <div className="relative">
      <svg
        viewBox={`0 0 ${f.width} ${f.height}`}
        className="w-full"
        role="img"
        aria-label="learning curves"
        data-testid="curves-chart"
      >
        <AxisLeft scale={drawn.y} frame={f} label={metric} />
        <AxisBottom scale={drawn.x} frame={f} label="step" />
        {Object.entries(drawn.byState).map(([state, d]) => (
          <path
            key={state}
            d={d}
            fill="none"
            stroke={STATE_COLORS[state] ?? '#94a3b8'}
            strokeOpacity={0.35}
            strokeWidth={1}
          />
        ))}
        {drawn.best && (
          <path
            d={drawn.best}
            fill="none"
            stroke={BEST_COLOR}
            strokeWidth={2.5}
            data-testid="best-curve"
          />
        )}
        {drawn.markers.map(({ curve, cx, cy }) => (
          <g
            key={curve.number}
            transform={`translate(${cx},${cy})`}
            className="cursor-pointer"
            data-testid="stop-marker"
            aria-label={`trial ${curve.number} pruned: ${curve.stopReason ?? ''}`}
            onMouseEnter={() => setHover(prunedText(curve))}
            onMouseLeave={() => setHover(null)}
            onClick={() => onOpen(curve.number)}
          >
            <title>{prunedText(curve)}</title>
            <circle r={6} fill="transparent" />
            <path d="M-3 -3L3 3M-3 3L3 -3" stroke={STATE_COLORS.pruned} strokeWidth={1.5} />
          </g>
        ))}
        {drawn.exploitMarkers.map(({ event, cx, cy }) => (
          <g
            key={event.id}
            transform={`translate(${cx},${cy})`}
            className="cursor-pointer"
            data-testid="exploit-marker"
            aria-label={describeExploit(event)}
            onMouseEnter={() => setHover(describeExploit(event))}
            onMouseLeave={() => setHover(null)}
            onClick={() => onOpen(event.trialNumber)}
          >
            <title>{describeExploit(event)}</title>
            <circle r={6} fill="transparent" />
            <path d="M0 -4L4 0L0 4L-4 0Z" fill={EXPLOIT_COLOR} stroke="white" strokeWidth={0.75} />
          </g>
        ))}
      </svg>
      {hover && (
        <div
          role="tooltip"
          className="pointer-events-none absolute left-2 top-2 max-w-md rounded bg-slate-900/90 px-2 py-1 text-xs text-white"
        >
          {hover}
        </div>
      )}
      <p className="mt-1 text-xs text-slate-500">
        {curves.length} trials drawn (best, running, pruned and a sample of the rest).{' '}
        <span style={{ color: BEST_COLOR }}>■</span> best{' '}
        <span style={{ color: STATE_COLORS.pruned }}>✕</span> pruned
        {exploits.length > 0 && (
          <>
            {' '}
            <span style={{ color: EXPLOIT_COLOR }}>◆</span> exploit (member copied another)
          </>
        )}
      </p>
    </div>
  );
}

function prunedText(curve: DrawnCurve): string {
  return `#${curve.number} pruned at step ${curve.stoppedAt ?? '?'}: ${curve.stopReason ?? 'no reason recorded'}`;
}
