/** One colour per trial state, shared by every chart and the table. */
export const STATE_COLORS: Record<string, string> = {
  completed: '#2563eb',
  pruned: '#ea580c',
  running: '#0891b2',
  failed: '#dc2626',
  queued: '#94a3b8',
  cancelled: '#94a3b8',
};

export const BEST_COLOR = '#059669';

/** Sequential palette (viridis, 6 stops) for colouring by objective, best first. */
export const VALUE_PALETTE = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'];

/** Robust extent: ignores the most extreme 1% each side so one diverged trial cannot flatten a chart. */
export function robustExtent(values: readonly (number | null)[]): [number, number] | null {
  const finite = values
    .filter((v): v is number => v != null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const at = (q: number) =>
    finite[Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))))];
  return finite.length > 50 ? [at(0.01), at(0.99)] : [finite[0], finite[finite.length - 1]];
}
