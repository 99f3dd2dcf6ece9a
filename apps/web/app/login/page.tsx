import { TokenForm } from '@/components/auth/token-form';
import { ErrorState } from '@/components/ui/states';
import { localPath } from '@/lib/auth/request-guards';

export const dynamic = 'force-dynamic';

/** Where a browser without a session lands: how to sign in, and a form to paste the token once. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { next, error } = await searchParams;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Sign in to Sweepwise</h1>
      {error === 'link' && (
        <ErrorState title="This login link was already used or has expired.">
          A link signs in one browser once. Restart `npm start` for a new link, or paste the token
          below.
        </ErrorState>
      )}
      <p className="text-sm text-slate-700">
        Sweeps run commands on the workers, so the dashboard and the API need a sign-in. Open the
        login link `npm start` printed in its terminal, or paste the server&apos;s API token: the
        value of <code>SWEEPWISE_API_TOKEN</code> when it is set, otherwise <code>apiToken</code> in
        the server&apos;s state file (<code>~/.sweepwise/state.json</code> unless{' '}
        <code>SWEEPWISE_STATE_DIR</code> says otherwise).
      </p>
      <TokenForm next={localPath(next)} />
    </section>
  );
}
