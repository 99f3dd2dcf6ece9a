import { formatParam } from '@/lib/format';

/** Which params an exploit/explore event changed, as "name old → new". */
export function pbtChanges(
  oldParams: Record<string, unknown>,
  newParams: Record<string, unknown>,
): string[] {
  return Object.keys(newParams)
    .filter((k) => formatParam(oldParams[k]) !== formatParam(newParams[k]))
    .map((k) => `${k} ${formatParam(oldParams[k])} → ${formatParam(newParams[k])}`);
}

/** What an exploit marker and its tooltip say: "member #3 copied #1 at step 4: lr 0.01 → 0.012". */
export function describeExploit(e: {
  step: number;
  trialNumber: number;
  sourceNumber: number;
  oldParams: Record<string, unknown>;
  newParams: Record<string, unknown>;
  reason: string;
}): string {
  const why = e.reason === 'diverged' ? ' (diverged)' : '';
  const changed = pbtChanges(e.oldParams, e.newParams).join('; ') || 'no change';
  return `member #${e.trialNumber}${why} copied #${e.sourceNumber} at step ${e.step}: ${changed}`;
}
