/** Display helpers shared by pages and charts: one way to write a value everywhere. */

export function formatValue(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}

export function formatParam(value: unknown): string {
  if (typeof value === 'number') return formatValue(value);
  if (value === null || value === undefined) return '—';
  return String(value);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** Seconds between two instants; an open end counts until now. */
export function secondsBetween(
  start: Date | string | null,
  end: Date | string | null,
): number | null {
  if (!start) return null;
  return ((end ? new Date(end).getTime() : Date.now()) - new Date(start).getTime()) / 1000;
}
