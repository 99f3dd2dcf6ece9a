import {
  requestPromotion,
  type Db,
  type PromotionOutcome,
  type PromotionRequest,
} from '@sweepwise/db';
import { evaluatePromotion } from '@sweepwise/runners';
import { promotionRefusalOf } from '@sweepwise/sweeps';

/**
 * Promotes a trial in this process: at most one retrain and one test evaluation per trial, however
 * many times the request arrives; a request for an already promoted trial returns its evaluation.
 * An infeasible trial, or one off a multi-objective sweep's Pareto front, is refused.
 */
export function runPromotion(db: Db, request: PromotionRequest): Promise<PromotionOutcome> {
  return requestPromotion(db, request, evaluatePromotion, { refuse: promotionRefusalOf });
}
