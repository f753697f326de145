import { AppError } from '../../shared/rpc/errors';
import { realTimingWith } from '../time/clock';

/** Real time for the NinjaOne client (a cancelled wait names NinjaOne). */
export const realTiming = realTimingWith(cancelled);

export function cancelled(): AppError {
  return new AppError('cancelled', 'The NinjaOne request was cancelled.');
}
