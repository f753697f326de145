import { afterEach, expect, it } from 'vitest';
import { consoleWebhookActivities } from '../../../src/shared/relay/activity';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../../src/simulator/ninjaone';
import { eventually } from '../../support/eventually';
import { createToken, send, TEST_SECRET } from '../../support/relay';
import { relayHarness } from '../../support/relay-harness';

const harness = relayHarness();
let sim: NinjaOneSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

it('the backstop poll inserts a trigger the webhook lost, once, with its device, and leaves out one already reset', async () => {
  sim = await startNinjaOneSimulator({ devices: 20, seed: 9 });
  const app = sim.oauth.registerApp({ platform: 'api' });
  const relay = await harness.relay(
    {
      ...harness.store('sqlite'),
      ninjaOneUrl: sim.url,
      ninjaOneClientId: app.clientId,
      backstopIntervalSeconds: 86_400,
    },
    {
      secrets: { ninjaOneClientSecret: app.clientSecret! },
      ninjaOneClient: { retry: { maxAttempts: 2, baseDelayMs: 1 } },
    },
  );
  const registered = await send(`${sim.url}/v2/webhook`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${sim.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      url: `${relay.url}/webhooks/ninjaone`,
      activities: consoleWebhookActivities,
      expand: ['device'],
      headers: [{ name: 'X-Relay-Secret', value: TEST_SECRET }],
    }),
  });
  expect(registered.status).toBe(204);
  // The poll at start sets the backstop's place in the activity log.
  await eventually(() => relay.metrics.backstopPolls >= 1, 10_000, 'the first backstop poll');
  const token = await createToken(relay.store, 'alice');
  const stream = await harness.stream(relay.url, token);

  const [lostId, deliveredId, resetId] = sim.truth
    .devices()
    .slice(0, 3)
    .map((d) => (d as { id: number }).id);
  sim.webhooks.faults = { ...sim.webhooks.faults, dropRate: 1 };
  const lost = sim.control.triggerAlert({ deviceId: lostId!, severity: 'CRITICAL' });
  const goneAgain = sim.control.triggerAlert({ deviceId: resetId!, severity: 'MINOR' });
  await sim.webhooks.idle();
  sim.webhooks.faults = { ...sim.webhooks.faults, dropRate: 0 };
  sim.control.resetAlert(goneAgain.uid);
  const delivered = sim.control.triggerAlert({ deviceId: deliveredId!, severity: 'MAJOR' });
  await sim.webhooks.idle();
  await stream.until((events) => events.length === 2, 10_000, 'the two delivered webhooks');

  expect(await relay.backstop!.pollOnce()).toMatchObject({ inserted: 1 });
  await stream.until((events) => events.length === 3, 10_000, 'the activity the backstop found');
  const found = stream.events[2]!.data.activity as Record<string, unknown>;
  expect(found).toMatchObject({
    seriesUid: lost.uid,
    statusCode: 'TRIGGERED',
    deviceId: lostId,
    device: { id: lostId, organizationId: expect.any(Number), nodeClass: expect.any(String) },
  });
  expect(stream.events.map((e) => (e.data.activity as { seriesUid: string }).seriesUid)).toEqual([
    goneAgain.uid,
    delivered.uid,
    lost.uid,
  ]);
  // Polling again finds nothing new: every activity is in the log once.
  expect(await relay.backstop!.pollOnce()).toMatchObject({ inserted: 0 });
  expect(relay.metrics.backstopInserted).toBeGreaterThanOrEqual(1);
});
