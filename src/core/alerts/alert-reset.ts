import type { NinjaOneClient } from '../ninjaone';

export interface ResetOutcome {
  reset: string[];
  failed: { uid: string; message: string }[];
}

/**
 * Resets alerts in NinjaOne (DELETE /v2/alert/{uid}). The caller hands the ones NinjaOne accepted to
 * the PSA follow-up, which marks them reset in the cache at once (not at the next sync) and comments
 * on their open tickets.
 */
export async function resetAlertsInNinjaOne(
  client: NinjaOneClient,
  uids: readonly string[],
): Promise<ResetOutcome> {
  const outcome: ResetOutcome = { reset: [], failed: [] };
  for (const uid of uids) {
    try {
      await client.resetAlert(uid);
      outcome.reset.push(uid);
    } catch (error) {
      outcome.failed.push({ uid, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcome;
}
