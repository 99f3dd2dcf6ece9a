import { modelLimitsFromEnv } from '@sweepwise/engine';
import { sweepSpecWithin } from '@sweepwise/sweeps';

/**
 * SweepSpec under this server's model limits (SWEEPWISE_MAX_MODEL_PARAMS / _BYTES, set like its
 * workers'), so a sweep is refused at creation exactly when its trials would be.
 */
export const ServerSweepSpec = sweepSpecWithin(modelLimitsFromEnv(process.env));
