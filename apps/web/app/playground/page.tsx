import { Playground } from '@/components/playground/playground';
import { viewFromQuery } from '@/lib/playground/view-state';

export const dynamic = 'force-dynamic';

export default async function PlaygroundPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Optimizer playground</h1>
        <p className="text-sm text-slate-600">
          Every optimizer of the engine, stepped in your browser by the engine&apos;s own code, from
          the start point (●) towards the minima (+). ✕ marks a divergence, ○ a stall. The URL keeps
          the view: share it.
        </p>
      </div>
      <Playground initial={viewFromQuery(await searchParams)} />
    </section>
  );
}
