export default function Loading() {
  return (
    <div className="animate-pulse space-y-3" aria-busy="true" aria-label="loading">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-48 rounded bg-slate-200" />
    </div>
  );
}
