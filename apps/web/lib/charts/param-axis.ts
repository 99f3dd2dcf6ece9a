import type { CellValue } from '@sweepwise/db';
import { formatValue } from '../format';
import { extent, makeScale, pad, type Scale } from './scale';

/** The part of a search-space entry the charts need (see @sweepwise/tuner's SpaceJSON). */
export interface ParamSpecView {
  type?: string;
  low?: number;
  high?: number;
  log?: boolean;
  choices?: unknown[];
}

export type SpaceView = Record<string, ParamSpecView>;

/** A parameter laid along one pixel range: numbers on a (log) scale, choices evenly spaced. */
export interface ParamAxis {
  name: string;
  position(value: CellValue): number | null;
  /** Tick positions and labels. */
  ticks: { at: number; label: string }[];
  numeric: Scale | null;
}

export function paramAxis(
  name: string,
  spec: ParamSpecView | undefined,
  values: readonly CellValue[],
  range: readonly [number, number],
): ParamAxis {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const isNumeric = spec
    ? spec.type === 'float' || spec.type === 'int'
    : numbers.length === values.filter((v) => v != null).length && numbers.length > 0;
  if (isNumeric) {
    const domain: [number, number] =
      spec?.low !== undefined && spec.high !== undefined
        ? [spec.low, spec.high]
        : (extent(numbers) ?? [0, 1]);
    const scale = makeScale(spec?.log ? domain : pad(domain, 0.02), range, spec?.log === true);
    return {
      name,
      numeric: scale,
      position: (v) => (typeof v === 'number' ? scale(v) : null),
      ticks: scale.ticks(4).map((t) => ({ at: scale(t), label: formatValue(t, 3) })),
    };
  }
  const choices = [
    ...new Set(
      [...(spec?.choices ?? []), ...values.filter((v) => v != null)].map((v) => String(v)),
    ),
  ];
  const step = choices.length > 1 ? (range[1] - range[0]) / (choices.length - 1) : 0;
  const mid = (range[0] + range[1]) / 2;
  const at = new Map(choices.map((c, i) => [c, choices.length > 1 ? range[0] + i * step : mid]));
  return {
    name,
    numeric: null,
    position: (v) => (v == null ? null : (at.get(String(v)) ?? null)),
    ticks: choices.map((c) => ({ at: at.get(c)!, label: c })),
  };
}
