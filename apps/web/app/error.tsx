'use client';

import { ErrorState } from '@/components/ui/states';

/** Any page that throws lands here: a sentence and a retry, never the stack. */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const unreachable = /unreachable|ECONNREFUSED|connect/i.test(error.message);
  return (
    <ErrorState
      title={unreachable ? 'The database does not answer.' : 'This page could not be loaded.'}
    >
      <p>
        {unreachable
          ? 'Start Postgres (bash scripts/services.sh) and retry.'
          : `The server log has the details${error.digest ? ` (reference ${error.digest})` : ''}.`}
      </p>
      <button onClick={reset} className="mt-2 rounded bg-red-700 px-3 py-1 text-white">
        Retry
      </button>
    </ErrorState>
  );
}
