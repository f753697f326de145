import { afterEach, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../../src/simulator/ninjaone';
import { createToken, registerWebhook } from '../../support/relay';
import { relayHarness, type Backend } from '../../support/relay-harness';

const harness = relayHarness();
let sim: NinjaOneSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe.each<Backend>(['sqlite', 'postgres'])(
  'NinjaOne simulator delivering to the relay on %s',
  (backend) => {
    it(
      'streams every delivered activity once, despite doubled, reordered and lost deliveries',
      { timeout: 60_000 },
      async () => {
        const store = harness.store(backend);
        // On PostgreSQL the simulator delivers to one instance and the console listens on another.
        const intake = await harness.relay(store);
        const serving = backend === 'postgres' ? await harness.relay(store) : intake;
        const token = await createToken(intake.store, 'alice');
        const stream = await harness.stream(serving.url, token, { after: 0 });

        sim = await startNinjaOneSimulator({ devices: 30, seed: 6 });
        await registerWebhook(sim, intake.url, {
          CONDITION: ['TRIGGERED', 'RESET', 'ACKNOWLEDGED'],
          SYSTEM: ['NODE_CREATED', 'NODE_UPDATED', 'NODE_DELETED'],
        });
        sim.webhooks.faults = { ...sim.webhooks.faults, duplicateRate: 0.3, reorder: true, dropRate: 0.1 };
        const deviceIds = sim.truth
          .devices()
          .map((d) => (d as { id: number }).id)
          .slice(0, 20);
        const alerts = deviceIds.map((deviceId) =>
          sim!.control.triggerAlert({ deviceId, severity: 'MAJOR' }),
        );
        for (const alert of alerts.slice(0, 10)) sim.control.resetAlert(alert.uid);
        const added = sim.control.addDevice({ displayName: 'NEW-LAPTOP-01' });
        sim.control.changeDevice(added.id, { displayName: 'NEW-LAPTOP-02' });
        sim.control.deleteDevice(deviceIds[19]!);
        await sim.webhooks.idle();

        const delivered = new Set(
          sim.webhooks.deliveries.filter((d) => d.outcome === 'delivered').map((d) => d.activityId),
        );
        const failed = sim.webhooks.deliveries.filter((d) => d.outcome === 'failed');
        expect(failed).toEqual([]);
        expect(sim.webhooks.deliveries.some((d) => d.duplicate)).toBe(true);
        expect(sim.webhooks.deliveries.some((d) => d.outcome === 'dropped')).toBe(true);

        await stream.until((e) => e.length >= delivered.size, 15_000, 'every delivered activity');
        const activities = stream.events.map((e) => e.data.activity as Record<string, unknown>);
        const ids = activities.map((a) => a.id as number);
        expect(new Set(ids)).toEqual(delivered);
        expect(ids).toHaveLength(delivered.size);
        expect(stream.events.map((e) => Number(e.id))).toEqual(ids.map((_, i) => i + 1));
        const trigger = activities.find((a) => a.statusCode === 'TRIGGERED')!;
        expect(trigger).toMatchObject({ activityType: 'CONDITION', seriesUid: expect.any(String) });
        expect(trigger.device).toMatchObject({ id: expect.any(Number), organizationId: expect.any(Number) });
        expect(activities.some((a) => a.statusCode === 'NODE_DELETED')).toBe(true);
        expect(intake.metrics.duplicates).toBeGreaterThan(0);
      },
    );
  },
);
