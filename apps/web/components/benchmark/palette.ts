/** One colour per algorithm, in the report's order (Tableau 10: distinct on white, colour-blind safer). */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export function algorithmColor(algorithms: readonly string[], algorithm: string): string {
  return PALETTE[Math.max(0, algorithms.indexOf(algorithm)) % PALETTE.length];
}
