/** The useful line of an error for a log: Prisma's messages open with blank lines and a call site. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? text;
}
