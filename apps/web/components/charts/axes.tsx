import { formatValue } from '@/lib/format';
import type { Scale } from '@/lib/charts/scale';

/** The plot area of every custom chart, in viewBox units. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const FRAME: Frame = { width: 640, height: 260, left: 52, right: 12, top: 10, bottom: 34 };

export function AxisBottom({
  scale,
  frame,
  label,
  count = 6,
}: {
  scale: Scale;
  frame: Frame;
  label?: string;
  count?: number;
}) {
  const y = frame.height - frame.bottom;
  return (
    <g className="text-[10px] text-slate-500" aria-hidden>
      <line x1={frame.left} x2={frame.width - frame.right} y1={y} y2={y} stroke="currentColor" />
      {scale.ticks(count).map((t) => (
        <g key={t} transform={`translate(${scale(t)},${y})`}>
          <line y2={4} stroke="currentColor" />
          <text y={14} textAnchor="middle" fill="currentColor">
            {formatValue(t, 3)}
          </text>
        </g>
      ))}
      {label && (
        <text
          x={(frame.left + frame.width - frame.right) / 2}
          y={frame.height - 2}
          textAnchor="middle"
          fill="currentColor"
        >
          {label}
        </text>
      )}
    </g>
  );
}

export function AxisLeft({
  scale,
  frame,
  label,
  count = 5,
}: {
  scale: Scale;
  frame: Frame;
  label?: string;
  count?: number;
}) {
  return (
    <g className="text-[10px] text-slate-500" aria-hidden>
      <line
        x1={frame.left}
        x2={frame.left}
        y1={frame.top}
        y2={frame.height - frame.bottom}
        stroke="currentColor"
      />
      {scale.ticks(count).map((t) => (
        <g key={t} transform={`translate(${frame.left},${scale(t)})`}>
          <line x2={-4} stroke="currentColor" />
          <line
            x2={frame.width - frame.left - frame.right}
            stroke="currentColor"
            strokeOpacity={0.08}
          />
          <text x={-6} dy="0.32em" textAnchor="end" fill="currentColor">
            {formatValue(t, 3)}
          </text>
        </g>
      ))}
      {label && (
        <text
          transform={`translate(10,${(frame.top + frame.height - frame.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fill="currentColor"
        >
          {label}
        </text>
      )}
    </g>
  );
}

/**
 * Tick labels of a parameter axis (paramAxis ticks): given `x`, right-aligned just left of a
 * vertical axis there; given `y`, centred just below a horizontal axis there.
 */
export function ParamTickLabels({
  ticks,
  ...at
}: { ticks: { label: string; at: number }[] } & ({ x: number } | { y: number })) {
  return ticks.map((t) => (
    <text
      key={t.label + t.at}
      {...('x' in at
        ? { x: at.x - 4, y: t.at, dy: '0.32em', textAnchor: 'end' }
        : { x: t.at, y: at.y + 12, textAnchor: 'middle' })}
      className="text-[9px]"
      fill="#475569"
    >
      {t.label}
    </text>
  ));
}
