import { userInfo } from 'node:os';
import { requestPromotion } from '@sweepwise/db';
import { evaluatePromotion } from '@sweepwise/runners';
import { promotionRefusalOf } from '@sweepwise/sweeps';
import { withDb } from './platform.js';

export interface PromoteOptions {
  trial?: string;
  trainOn?: 'train+validation' | 'train';
  epochs?: 'early-stopping' | 'trial';
  json?: boolean;
}

/**
 * `sweepwise promote SWEEP`: retrains the best (or the given) trial and evaluates it once on the
 * sweep's sealed test set. Promoting the same trial again shows the stored evaluation.
 */
export async function promote(sweepId: string, options: PromoteOptions): Promise<void> {
  await withDb(async (db) => {
    // The worker's promotion (its runPromotion), run here: one retrain and one test evaluation per
    // trial, exactly once; an infeasible trial, or one off the Pareto front, is refused.
    const { evaluation, created } = await requestPromotion(
      db,
      {
        sweepId,
        trialId: options.trial,
        trainOn: options.trainOn,
        epochs: options.epochs,
        requestedBy: `cli:${userInfo().username}`,
      },
      evaluatePromotion,
      { refuse: promotionRefusalOf },
    );
    if (options.json) return console.log(JSON.stringify({ created, evaluation }));
    console.log(
      `${created ? 'promoted' : 'already promoted'}: trial ${evaluation.trialId}, test-set use #${evaluation.sequence}, ` +
        `trained on ${evaluation.trainedOn} for ${evaluation.epochs} epochs`,
    );
    console.log(`test metrics: ${JSON.stringify(evaluation.metrics)}`);
  });
}
