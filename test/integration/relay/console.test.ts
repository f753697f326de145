import { afterEach, describe, expect, it } from 'vitest';
import { hashConsoleToken } from '../../../src/relay/auth/console-token';
import type { AlertRow } from '../../../src/shared/contract/alerts';
import type { RelayStatus } from '../../../src/shared/contract/relay';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../../src/core/host/loopback-port';
import { eventually } from '../../support/eventually';
import { createToken, registerWebhook, TEST_SECRET } from '../../support/relay';
import { consoleCores, type TestConsole } from '../../support/relay-console';
import { relayHarness, type Backend } from '../../support/relay-harness';

const harness = relayHarness();
const consoles = consoleCores();
let sim: NinjaOneSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function alertOf(console: TestConsole, uid: string): Promise<AlertRow | null> {
  try {
    return await console.rpc.call('alerts.get', { uid });
  } catch {
    return null;
  }
}

function status(
  console: TestConsole,
  matches: (s: RelayStatus) => boolean,
  what: string,
): Promise<RelayStatus> {
  return eventually(
    async () => {
      const s = await console.rpc.call('relay.status', {});
      return matches(s) ? s : null;
    },
    15_000,
    what,
  );
}

describe.each<Backend>(['sqlite', 'postgres'])('a console receiving the relay on %s', (backend) => {
  it(
    'gets alerts, resets and device changes from the simulator within moments: cache, notification, counts',
    { timeout: 60_000 },
    async () => {
      const port = await freeLoopbackPort();
      sim = await startNinjaOneSimulator({
        devices: 30,
        seed: 17,
        redirectUris: [`http://127.0.0.1:${port}/callback`],
      });
      const store = harness.store(backend);
      // On PostgreSQL the simulator delivers to one instance and the console listens to another.
      const intake = await harness.relay(store);
      const serving = backend === 'postgres' ? await harness.relay(store) : intake;
      const token = await createToken(intake.store, 'alice-laptop');
      const alice = await consoles(sim, port);

      await expect(
        alice.rpc.call('relay.connect', { url: serving.url, token: 'wrong-token-0123456789' }),
      ).rejects.toMatchObject({
        code: 'unauthorized',
      });
      const connected = await alice.rpc.call('relay.connect', { url: serving.url, token });
      expect(connected).toMatchObject({ url: serving.url, adminToken: false, rulesActive: false });
      await status(alice, (s) => s.state === 'connected' && s.lastSeq !== null, 'the stream to open');

      // "Register webhook" from the console: what NinjaOne stores is what the relay needs.
      const registered = await alice.rpc.call('relay.registerWebhook', {
        publicUrl: intake.url,
        secret: TEST_SECRET,
        secretHeader: 'X-Relay-Secret',
      });
      expect(registered.url).toBe(`${intake.url}/webhooks/ninjaone`);
      expect(sim.webhooks.configuration(sim.clientId)).toMatchObject({
        url: `${intake.url}/webhooks/ninjaone`,
        expand: ['device'],
        headers: [{ name: 'X-Relay-Secret', value: TEST_SECRET }],
        activities: {
          CONDITION: ['TRIGGERED', 'RESET', 'ACKNOWLEDGED'],
          SYSTEM: expect.arrayContaining(['NODE_CREATED']),
        },
      });

      let counts = 0;
      alice.rpc.on('alerts.countsChanged', () => counts++);
      const device = sim.truth.devices().find((d) => d.offline === false)!;
      const alert = sim.control.triggerAlert({
        deviceId: device.id as number,
        severity: 'CRITICAL',
        subject: 'Relay test: CPU at 100%',
      });
      const row = await eventually(() => alertOf(alice, alert.uid), 10_000, 'the alert in the console');
      expect(row).toMatchObject({
        state: 'open',
        severity: 'CRITICAL',
        deviceId: device.id,
        subject: 'Relay test: CPU at 100%',
      });
      await eventually(
        () => alice.notifications.some((n) => n.includes('Relay test: CPU at 100%')),
        5_000,
        'the notification',
      );
      expect(counts).toBeGreaterThan(0);
      expect((await alice.rpc.call('alerts.counts', {})).bySeverity.CRITICAL).toBeGreaterThan(0);

      sim.control.resetAlert(alert.uid);
      await eventually(async () => (await alertOf(alice, alert.uid))?.state === 'reset', 10_000, 'the reset');

      const added = sim.control.addDevice({ displayName: 'RELAY-NEW-01' });
      await eventually(
        () =>
          alice.rpc.call('assets.get', { id: added.id }).then(
            (d) => d.name === 'RELAY-NEW-01',
            () => false,
          ),
        10_000,
        'the new device',
      );
      sim.control.changeDevice(added.id, { displayName: 'RELAY-NEW-02' });
      await eventually(
        () =>
          alice.rpc.call('assets.get', { id: added.id }).then(
            (d) => d.name === 'RELAY-NEW-02',
            () => false,
          ),
        10_000,
        'the renamed device',
      );
      sim.control.deleteDevice(added.id);
      await eventually(
        () =>
          alice.rpc.call('assets.get', { id: added.id }).then(
            () => false,
            () => true,
          ),
        10_000,
        'the deleted device gone',
      );
      const final = await status(alice, (s) => s.lastEventAt !== null, 'the last event time');
      expect(final.state).toBe('connected');
      expect(alice.received).toEqual([...new Set(alice.received)].sort((a, b) => a - b));
    },
  );
});

describe('the relay client', () => {
  it(
    'resumes after the relay restarts, with no event lost or applied twice',
    { timeout: 60_000 },
    async () => {
      const port = await freeLoopbackPort();
      sim = await startNinjaOneSimulator({
        devices: 20,
        seed: 23,
        redirectUris: [`http://127.0.0.1:${port}/callback`],
      });
      const store = harness.store('sqlite');
      let relay = await harness.relay(store);
      // The restarted relay listens where the console was pointed, so it takes the port the first one bound.
      const relayPort = relay.port;
      const token = await createToken(relay.store, 'bob');
      await registerWebhook(sim, relay.url);
      // Reconnecting takes at least 0.5 s, so the relay commits events while the console is away.
      const bob = await consoles(sim, port, { reconnectMs: 1_000 });
      await bob.rpc.call('relay.connect', { url: relay.url, token });
      await status(bob, (s) => s.state === 'connected', 'connected');

      const devices = sim.truth.devices().map((d) => d.id as number);
      const before = devices.slice(0, 5).map((id) => sim!.control.triggerAlert({ deviceId: id }));
      await sim.webhooks.idle();
      await eventually(
        async () => (await alertOf(bob, before.at(-1)!.uid)) !== null,
        10_000,
        'the first alerts',
      );

      await relay.close();
      await status(bob, (s) => s.state === 'reconnecting' && s.reason !== null, 'reconnecting with a reason');
      // While it is down NinjaOne's deliveries fail; they come again (as NinjaOne retries) once it is back.
      relay = await harness.relay({ ...store, port: relayPort });
      const after = devices.slice(5, 12).map((id) => sim!.control.triggerAlert({ deviceId: id }));
      await sim.webhooks.idle();
      for (const alert of after)
        await eventually(async () => (await alertOf(bob, alert.uid)) !== null, 10_000, `alert ${alert.uid}`);

      const head = (await relay.store.streamBounds()).head;
      await status(bob, (s) => s.state === 'connected' && s.lastSeq === head, 'the console at the head');
      expect(bob.received).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    },
  );

  it(
    'runs a full sync when the relay no longer has its place in the stream',
    { timeout: 60_000 },
    async () => {
      const port = await freeLoopbackPort();
      sim = await startNinjaOneSimulator({
        devices: 20,
        seed: 29,
        redirectUris: [`http://127.0.0.1:${port}/callback`],
      });
      const first = await harness.relay(harness.store('sqlite'));
      const relayPort = first.port;
      const token = await createToken(first.store, 'carol');
      await registerWebhook(sim, first.url);
      const carol = await consoles(sim, port);
      await carol.rpc.call('relay.connect', { url: first.url, token });
      const alert = sim.control.triggerAlert({ deviceId: sim.truth.devices()[0]!.id as number });
      await eventually(async () => (await alertOf(carol, alert.uid)) !== null, 10_000, 'the alert');
      const fullRuns = (await carol.rpc.call('sync.history', { limit: 50 })).items.filter(
        (r) => r.kind === 'full',
      ).length;

      // The relay's database is replaced: the console's position means nothing there.
      await first.close();
      const second = await harness.relay({ ...harness.store('sqlite'), port: relayPort });
      await second.store.createToken('carol', hashConsoleToken(token), Date.now());
      await eventually(
        async () =>
          (await carol.rpc.call('sync.history', { limit: 50 })).items.filter(
            (r) => r.kind === 'full' && r.state === 'succeeded',
          ).length > fullRuns,
        20_000,
        'a full sync after the reset',
      );
      await status(
        carol,
        (s) => s.state === 'connected' && s.lastSeq === 0,
        'the console following the new relay',
      );
    },
  );
});
