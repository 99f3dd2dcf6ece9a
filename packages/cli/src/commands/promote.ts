import { userInfo } from 'node:os';
import { parseArgs, stringFlag, UsageError } from '../args.js';
// The worker's promotion, run here: one retrain and one test evaluation per trial, exactly once.
import { runPromotion } from '@sweepwise/worker/dist/promotion/run-promotion.js';
import { withDb } from './platform.js';

const USAGE =
  'sweepwise promote SWEEP [--trial TRIAL_ID] [--train-on train+validation|train] [--epochs early-stopping|trial] [--json]';

/**
 * `sweepwise promote SWEEP`: retrains the best (or the given) trial and evaluates it once on the
 * sweep's sealed test set. Promoting the same trial again shows the stored evaluation.
 */
export async function promote(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, {
    valued: ['trial', 'train-on', 'epochs'],
    switches: ['json'],
    usage: USAGE,
  });
  const [sweepId, ...extra] = args.positionals;
  if (!sweepId || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
  await withDb(async (db) => {
    const { evaluation, created } = await runPromotion(db, {
      sweepId,
      trialId: stringFlag(args, 'trial'),
      trainOn: stringFlag(args, 'train-on') as 'train+validation' | 'train' | undefined,
      epochs: stringFlag(args, 'epochs') as 'early-stopping' | 'trial' | undefined,
      requestedBy: `cli:${userInfo().username}`,
    });
    if (args.flags.has('json')) return console.log(JSON.stringify({ created, evaluation }));
    console.log(
      `${created ? 'promoted' : 'already promoted'}: trial ${evaluation.trialId}, test-set use #${evaluation.sequence}, ` +
        `trained on ${evaluation.trainedOn} for ${evaluation.epochs} epochs`,
    );
    console.log(`test metrics: ${JSON.stringify(evaluation.metrics)}`);
  });
}
