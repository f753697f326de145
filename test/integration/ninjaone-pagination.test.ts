import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QuarantinedRecord } from '../../src/core/ninjaone';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { collect, hits, simulatorClient } from '../support/ninjaone';
import { rejection } from '../support/errors';

/**
 * The client's three page families over real HTTP against the simulator: full walks that match the
 * simulator's truth, pages shorter than asked (the server's cap) never taken for the end, walks that
 * end only on an empty page, non-advancing cursors refused, expired query cursors restarted, and
 * invalid records quarantined without stopping the walk.
 */
let sim: NinjaOneSimulator;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({
    devices: 250,
    seed: 3,
    // Walks are compared with the activity log as it stands: no background activity meanwhile.
    behaviour: { cursor: { ttlSeconds: 120 }, noise: { perDevicePerHour: 0 } },
  });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(() => {
  sim.faults.clear();
});

const host = (): string => new URL(sim.url).host;

describe('family A (after = last id)', () => {
  it('walks every device in id order, page after page, and ends on the empty page after the short one', async () => {
    const client = simulatorClient(sim);
    const before = hits(sim, 'GET /v2/devices-detailed');
    const { items, pages } = await collect(client.devicesDetailed({ pageSize: 100 }));
    expect(items.map((d) => d.id)).toEqual(sim.truth.deviceIds());
    expect(pages).toBe(3);
    expect(hits(sim, 'GET /v2/devices-detailed') - before).toBe(4);
  });

  it('loses nothing when the server serves fewer than asked (a page cap below the page size)', async () => {
    sim.control.setBehaviour({ pageCap: 60 });
    try {
      const client = simulatorClient(sim);
      const devices = await collect(client.devices({ pageSize: 1000 }));
      expect(devices.items.map((d) => d.id)).toEqual(sim.truth.deviceIds());
      expect(devices.pages).toBe(Math.ceil(250 / 60));
      const locations = await collect(client.locations({ pageSize: 1000 }));
      expect(locations.items).toHaveLength(sim.truth.locations().length);
    } finally {
      sim.control.setBehaviour({ pageCap: 500 });
    }
  });

  it('asks once more after an exactly full last page and stops on the empty one', async () => {
    const client = simulatorClient(sim);
    const before = hits(sim, 'GET /v2/devices');
    const { items, pages } = await collect(client.devices({ pageSize: 50 }));
    expect(items).toHaveLength(250);
    expect(pages).toBe(5);
    expect(hits(sim, 'GET /v2/devices') - before).toBe(6);
  });

  it('walks organizations, detailed organizations, locations and filtered devices', async () => {
    const client = simulatorClient(sim, { apiPrefix: '/api/v2' });
    expect((await collect(client.organizations({ pageSize: 5 }))).items.map((o) => o.id)).toEqual(
      sim.truth.organizations().map((o) => o.id),
    );
    const detailed = await collect(client.organizationsDetailed({ pageSize: 5 }));
    expect(detailed.items.every((o) => (o.locations ?? []).length > 0)).toBe(true);
    expect((await collect(client.locations({ pageSize: 7 }))).items).toHaveLength(
      sim.truth.locations().length,
    );
    const macs = await collect(client.devices({ df: 'class eq MAC', pageSize: 10 }));
    expect(macs.items.length).toBe(sim.truth.devices().filter((d) => d.nodeClass === 'MAC').length);
  });

  it('refuses a page that does not advance instead of looping', async () => {
    sim.faults.add({ kind: 'ignore_cursor', route: 'GET /v2/devices' });
    const client = simulatorClient(sim);
    const before = hits(sim, 'GET /v2/devices');
    const error = await rejection(collect(client.devices({ pageSize: 100 })));
    expect(error.code).toBe('cursor_stuck');
    expect(error.message).toContain(host());
    expect(hits(sim, 'GET /v2/devices') - before).toBe(2);
  });
});

describe('family B (query cursors)', () => {
  const softwareTotal = (): number =>
    sim.truth.deviceIds().reduce((n, id) => n + sim.truth.software(id).length, 0);

  it('walks a fleet query by cursor name past pages capped below the page size, to the empty page', async () => {
    const client = simulatorClient(sim);
    const before = hits(sim, 'GET /v2/queries/software');
    const { items, pages } = await collect(client.querySoftware({ pageSize: 1000 }));
    expect(items).toHaveLength(softwareTotal());
    // The server caps pages at 500 whatever the client asks.
    expect(pages).toBe(Math.ceil(softwareTotal() / 500));
    expect(hits(sim, 'GET /v2/queries/software') - before).toBe(pages + 1);
    const health = await collect(client.queryDeviceHealth({ pageSize: 100 }));
    expect(health.items.length).toBe(sim.truth.devices().filter((d) => d.deviceType !== 'UNMANAGED').length);
    const av = await collect(client.queryAntivirusStatus({ pageSize: 50 }));
    expect(av.items.length).toBe(sim.truth.deviceIds().filter((id) => sim.truth.antivirus(id)).length);
    const osPatches = await collect(client.queryOsPatches({ pageSize: 200 }));
    expect(osPatches.items.length).toBe(
      sim.truth.deviceIds().reduce((n, id) => n + sim.truth.osPatches(id).length, 0),
    );
    const swPatches = await collect(client.querySoftwarePatches({ pageSize: 200, status: 'FAILED' }));
    expect(swPatches.items.every((p) => p.status === 'FAILED')).toBe(true);
  });

  it('restarts the query from the beginning when its cursor expires', async () => {
    const client = simulatorClient(sim);
    sim.faults.add({ kind: 'expire_cursor', route: 'GET /v2/queries/software', times: 1 });
    const pages = [];
    for await (const page of client.querySoftware({ pageSize: 1000 })) pages.push(page);
    const restartedAt = pages.findIndex((p) => p.restarted);
    expect(restartedAt).toBe(1);
    const afterRestart = pages.slice(restartedAt).flatMap((p) => p.items);
    expect(afterRestart).toHaveLength(softwareTotal());
  });

  it('restarts when the cursor outlives its snapshot (simulated time passes mid-walk)', async () => {
    const client = simulatorClient(sim);
    const pages = [];
    for await (const page of client.querySoftware({ pageSize: 1000 })) {
      pages.push(page);
      if (pages.length === 2) sim.control.advanceClock(600);
    }
    expect(pages.filter((p) => p.restarted)).toHaveLength(1);
    expect(pages.slice(pages.findIndex((p) => p.restarted)).flatMap((p) => p.items)).toHaveLength(
      softwareTotal(),
    );
  });

  it('gives up with a typed error when the cursor keeps expiring', async () => {
    sim.faults.add({ kind: 'expire_cursor', route: 'GET /v2/queries/software' });
    const error = await rejection(collect(simulatorClient(sim).querySoftware({ pageSize: 1000 })));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain(host());
  });

  it('refuses a cursor that hands back the same page', async () => {
    sim.faults.add({ kind: 'ignore_cursor', route: '/v2/queries/*' });
    const before = hits(sim, 'GET /v2/queries/device-health');
    const error = await rejection(collect(simulatorClient(sim).queryDeviceHealth({ pageSize: 20 })));
    expect(error.code).toBe('cursor_stuck');
    expect(hits(sim, 'GET /v2/queries/device-health') - before).toBe(2);
  });
});

describe('family C (activities, newest first)', () => {
  it('walks all activities down with olderThan to the empty page', async () => {
    const client = simulatorClient(sim);
    const { items } = await collect(client.activities({ pageSize: 100 }));
    const truth = sim.truth.activities();
    expect(items.map((a) => a.id)).toEqual(truth.map((a) => a.id as number).reverse());
  });

  it('walks only what is newer than the checkpoint, and reports the newest id', async () => {
    const client = simulatorClient(sim);
    const checkpoint = sim.truth.counts().lastActivityId;
    const alert = sim.control.triggerAlert({ deviceId: 1005 });
    sim.control.changeDevice(1006, { displayName: 'RENAMED-1006' });
    sim.control.resetAlert(alert.uid);
    const pages = [];
    for await (const page of client.activities({ sinceId: checkpoint, pageSize: 10 })) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items.map((a) => a.statusCode)).toEqual(['RESET', 'NODE_UPDATED', 'TRIGGERED']);
    expect(pages[0]!.lastActivityId).toBe(sim.truth.counts().lastActivityId);
  });

  it('walks one device’s activities', async () => {
    const client = simulatorClient(sim);
    const { items } = await collect(client.deviceActivities(1005, { pageSize: 10 }));
    expect(items.length).toBe(sim.truth.activities().filter((a) => a.deviceId === 1005).length);
    expect(items.every((a) => a.deviceId === 1005)).toBe(true);
  });

  it('refuses an olderThan that does not move the window', async () => {
    sim.faults.add({ kind: 'ignore_cursor', route: 'GET /v2/activities' });
    const error = await rejection(collect(simulatorClient(sim).activities({ pageSize: 10 })));
    expect(error.code).toBe('cursor_stuck');
    expect(error.message).toContain(host());
  });
});

describe('quarantine', () => {
  it('keeps invalid records aside with their error, counts them, and finishes the walk', async () => {
    sim.faults.add({ kind: 'corrupt_records', route: 'GET /v2/devices-detailed', share: 0.2 });
    const sunk: QuarantinedRecord[] = [];
    const client = simulatorClient(sim, { onQuarantine: (record) => sunk.push(record) });
    const pages = [];
    for await (const page of client.devicesDetailed({ pageSize: 100 })) pages.push(page);
    const good = pages.flatMap((p) => p.items);
    const bad = pages.flatMap((p) => p.quarantined);
    expect(bad.length).toBeGreaterThan(10);
    expect(good.length + bad.length).toBe(250);
    expect(sunk).toEqual(bad);
    expect(client.stats.quarantined).toBe(bad.length);
    expect(bad[0]).toMatchObject({ source: 'devices-detailed', key: expect.stringMatching(/^\d+$/) });
    expect(bad[0]!.error).toMatch(/offline/);
    expect((bad[0]!.raw as { offline: unknown }).offline).toBe('not-a-valid-value');
  });

  it('quarantines invalid alerts, query rows and activities too', async () => {
    sim.faults.set([
      { kind: 'corrupt_records', route: 'GET /v2/alerts', share: 1 },
      { kind: 'corrupt_records', route: 'GET /v2/queries/antivirus-status', share: 0.5 },
      { kind: 'corrupt_records', route: 'GET /v2/activities', share: 0.5 },
    ]);
    const client = simulatorClient(sim);
    const alerts = await client.alerts();
    expect(alerts.items).toHaveLength(0);
    expect(alerts.quarantined.length).toBe(sim.truth.alerts().length);
    const av = await collect(client.queryAntivirusStatus({ pageSize: 1000 }));
    expect(av.items.length).toBeLessThan(
      sim.truth.deviceIds().filter((id) => sim.truth.antivirus(id)).length,
    );
    const activities = [];
    for await (const page of client.activities({ pageSize: 1000 })) activities.push(...page.quarantined);
    expect(activities.length).toBeGreaterThan(0);
    expect(client.stats.quarantined).toBe(
      alerts.quarantined.length +
        activities.length +
        (sim.truth.deviceIds().filter((id) => sim.truth.antivirus(id)).length - av.items.length),
    );
  });
});
