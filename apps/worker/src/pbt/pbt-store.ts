import {
  currentPbtParams,
  keepCheckpoint,
  pbtNewestSourceStep,
  pbtPeerScores,
  recordPbtExploit,
  withPbtLock,
  type Db,
} from '@sweepwise/db';
import type { PbtMemberStore } from '@sweepwise/runners';

/**
 * Where the platform's PBT members meet: Postgres, so members on any machine copy each other's
 * checkpoints, deciding one at a time under the sweep's advisory lock.
 */
export function postgresPbtStore(db: Db): PbtMemberStore {
  return {
    currentParams: (trialId) => currentPbtParams(db, trialId),
    keepCheckpoint: (trialId, step) => keepCheckpoint(db, trialId, step),
    withLock: (sweepId, fn) =>
      withPbtLock(db, sweepId, (tx) =>
        fn({
          newestSourceStep: (sweep, trialId, metric, before) =>
            pbtNewestSourceStep(tx, sweep, trialId, metric, before),
          peerScores: (sweep, metric, step) => pbtPeerScores(tx, sweep, metric, step),
          recordExploit: (input) => recordPbtExploit(tx, input),
        }),
      ),
  };
}
