/** Labelled values in two columns: a trial's parameters, metrics or timings. */
export function DetailList({
  entries,
  testId,
}: {
  entries: readonly (readonly [label: string, value: React.ReactNode])[];
  testId?: string;
}) {
  return (
    <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {entries.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
