import { afterEach, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../../src/core/host/loopback-port';
import { eventually } from '../../support/eventually';
import { createToken, TEST_SECRET } from '../../support/relay';
import { consoleCores, type TestConsole } from '../../support/relay-console';
import { relayHarness } from '../../support/relay-harness';

/**
 * Device changes reach the console within seconds, through the relay, at the cost of what they
 * changed: the console registers the webhook (the seed plan's subscription: software, patches,
 * reboots, logins, hardware...) and registers it again by itself after a new NinjaOne sign-in; a
 * software change on one device costs a read of that device's software and nothing else, a change
 * of the device a read of its record.
 */
const harness = relayHarness();
const consoles = consoleCores();
let sim: NinjaOneSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const softwareOf = (c: TestConsole, deviceId: number): string[] =>
  (
    c.core.cache.db
      .prepare(
        'SELECT t.name FROM device_software s JOIN software_titles t ON t.id = s.title_id WHERE s.device_id = ?',
      )
      .all(deviceId) as { name: string }[]
  ).map((r) => r.name);

describe('device changes through the relay', () => {
  it(
    'registers the subscription, applies a software change within 5 s with one read of that device, and registers again after a new sign-in',
    { timeout: 90_000 },
    async () => {
      const port = await freeLoopbackPort();
      sim = await startNinjaOneSimulator({
        devices: 40,
        seed: 29,
        redirectUris: [`http://127.0.0.1:${port}/callback`],
        behaviour: { noise: { perDevicePerHour: 0 } },
      });
      const relay = await harness.relay(harness.store('sqlite'));
      const token = await createToken(relay.store, 'carol');
      const carol = await consoles(sim, port);
      await carol.rpc.call('relay.connect', { url: relay.url, token });
      await eventually(
        async () => ((await carol.rpc.call('relay.status', {})).state === 'connected' ? true : null),
        15_000,
        'the stream to open',
      );
      await carol.rpc.call('relay.registerWebhook', {
        publicUrl: relay.url,
        secret: TEST_SECRET,
        secretHeader: 'X-Relay-Secret',
      });
      const registered = sim.webhooks.configuration(sim.clientId)!;
      expect(registered.activities).toMatchObject({
        SYSTEM: expect.arrayContaining([
          'NODE_CREATED',
          'SYSTEM_REBOOTED',
          'USER_LOGGED_IN',
          'SOFTWARE_ADDED',
          'SOFTWARE_REMOVED',
          'CPU_ADDED',
          'DISK_DRIVE_REMOVED',
        ]) as string[],
        PATCH_MANAGEMENT: ['*'],
        CONDITION: expect.arrayContaining(['TRIGGERED', 'RESET']) as string[],
      });
      expect((await carol.rpc.call('relay.status', {})).webhook).toMatchObject({
        publicUrl: relay.url,
        current: true,
        registeredAt: expect.any(Number) as number,
      });

      // A title appears on one Windows workstation.
      const device = sim.truth
        .devices()
        .find((d) => d.nodeClass === 'WINDOWS_WORKSTATION' && d.offline === false)!.id as number;
      const before = sim.requests.length;
      const started = Date.now();
      const title = sim.control.changeSoftware(device)!;
      expect(softwareOf(carol, device)).not.toContain(title);
      await eventually(
        async () => (softwareOf(carol, device).includes(title) ? true : null),
        5_000,
        'the new title in the cache',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      const calls = sim.requests.slice(before).filter((r) => r.route !== null && r.path.startsWith('/v2/'));
      // That device's software (its page, and the empty page that ends the walk), nothing else.
      expect(new Set(calls.map((c) => c.route))).toEqual(new Set(['GET /v2/queries/software']));
      expect(calls.length).toBeLessThanOrEqual(2);

      // A change of the device record reads the device record.
      const quiet = sim.requests.length;
      sim.control.changeDevice(device, { needsReboot: false });
      await sim.webhooks.idle();
      await eventually(
        async () =>
          sim!.requests.slice(quiet).some((r) => r.route === 'GET /v2/devices-detailed') ? true : null,
        5_000,
        'the changed device read again',
      );

      // Signing in again (another session of the app): NinjaOne's copy is replaced by the console.
      const disconnected = await carol.rpc.call('ninjaone.disconnect', { removeWebhook: false });
      expect(disconnected.webhookRemoved).toBe(true);
      expect(sim.webhooks.configuration(sim.clientId)).toBeNull();
      await carol.rpc.call('ninjaone.connect', { host: sim.url, clientId: sim.clientId, redirectPort: port });
      await eventually(
        async () => (sim!.webhooks.configuration(sim!.clientId) ? true : null),
        10_000,
        'the webhook registered again',
      );
      expect(sim.webhooks.configuration(sim.clientId)).toMatchObject({
        url: `${relay.url}/webhooks/ninjaone`,
        headers: [{ name: 'X-Relay-Secret', value: TEST_SECRET }],
      });

      // Disconnecting the relay removes the webhook for good.
      await carol.rpc.call('relay.disconnect', {});
      expect(sim.webhooks.configuration(sim.clientId)).toBeNull();
      expect((await carol.rpc.call('relay.status', {})).webhook).toMatchObject({
        publicUrl: null,
        registeredAt: null,
      });
    },
  );
});
