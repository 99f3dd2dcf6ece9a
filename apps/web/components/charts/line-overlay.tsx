'use client';

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatValue } from '@/lib/format';

export interface NamedSeries {
  name: string;
  steps: number[];
  values: number[];
}

/** Distinct hues for up to ten overlaid lines (the compare page's limit). */
export const SERIES_COLORS = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#4d7c0f',
  '#475569',
  '#9333ea',
];

/**
 * A few series over steps, overlaid with Recharts: the trial page's loss / accuracy / learning
 * rate charts and the compare page. Series are merged into one row per step.
 */
export function LineOverlay({
  series,
  yLabel,
  height = 240,
}: {
  series: NamedSeries[];
  yLabel: string;
  height?: number;
}) {
  const rows = new Map<number, Record<string, number>>();
  series.forEach((s, k) =>
    s.steps.forEach((step, i) => {
      const row = rows.get(step) ?? { step };
      row[`s${k}`] = Number.isFinite(s.values[i]) ? s.values[i] : NaN;
      rows.set(step, row);
    }),
  );
  const data = [...rows.values()].sort((a, b) => a.step - b.step);
  if (data.length === 0)
    return <p className="py-6 text-center text-sm text-slate-500">No points recorded.</p>;
  return (
    <div style={{ height }} aria-label={`${yLabel} chart`} role="img">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} fontSize={11} />
          <YAxis
            fontSize={11}
            tickFormatter={(v: number) => formatValue(v, 3)}
            width={56}
            domain={['auto', 'auto']}
          />
          <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(s) => `step ${s}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, k) => (
            <Line
              key={s.name}
              dataKey={`s${k}`}
              name={s.name}
              stroke={SERIES_COLORS[k % SERIES_COLORS.length]}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
