import { isAppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import type { NinjaOneClient } from '../ninjaone';

export interface ResetOutcome {
  reset: string[];
  failed: { uid: string; message: string }[];
}

/**
 * Resets alerts in NinjaOne (DELETE /v2/alert/{uid}) and, for each one NinjaOne accepted, marks it
 * reset in the cache at once rather than waiting for the next sync. The caller tells the PSA
 * follow-up, so open tickets get their comment.
 */
export async function resetAlertsInNinjaOne(
  client: NinjaOneClient,
  cache: Cache,
  uids: readonly string[],
): Promise<ResetOutcome> {
  const outcome: ResetOutcome = { reset: [], failed: [] };
  for (const uid of uids) {
    try {
      await client.resetAlert(uid);
      outcome.reset.push(uid);
    } catch (error) {
      outcome.failed.push({
        uid,
        message: isAppError(error) || error instanceof Error ? error.message : String(error),
      });
    }
  }
  cache.alerts.markReset(outcome.reset);
  return outcome;
}
