import { consoleWebhookActivities } from '../../shared/relay/activity';
import type { NinjaOneClient } from '../ninjaone';

/**
 * Points NinjaOne's webhook (one per API app, replaced by every PUT) at the relay: the activities
 * consoles act on, the device expanded into each delivery, and the secret in the header the relay
 * checks. The secret goes to NinjaOne only; the console keeps no copy.
 */
export async function registerRelayWebhook(
  client: NinjaOneClient,
  input: { publicUrl: string; secret: string; secretHeader: string },
): Promise<{ url: string; activities: Record<string, string[]> }> {
  const url = `${input.publicUrl.replace(/\/+$/, '')}/webhooks/ninjaone`;
  const activities = Object.fromEntries(
    Object.entries(consoleWebhookActivities).map(([type, codes]) => [type, [...codes]]),
  );
  await client.putWebhook({
    url,
    activities,
    expand: ['device'],
    headers: [{ name: input.secretHeader, value: input.secret }],
  });
  return { url, activities };
}
