import { AppError } from '../../shared/rpc/errors';
import { realTimingWith } from '../time/clock';

/** Real time for the PSA client and the outbox (a cancelled wait names Alga PSA). */
export const realTiming = realTimingWith(
  () => new AppError('cancelled', 'The Alga PSA request was cancelled.'),
);
