import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../src/core/cache/records';
import { silentLogger } from '../../src/node/logger';
import { startInProcessCore } from '../support/in-process-core';
import { fastPsa, ninjaDeviceFor, startMappedPsaHarness, type PsaHarness } from '../support/psa-harness';
import { rejection } from '../support/errors';

/** The PSA's side of a device: its open Alga tickets through its asset, cached for offline reading. */
let h: PsaHarness;

beforeEach(async () => {
  h = await startMappedPsaHarness();
});
afterEach(() => h.close());

/** The device's asset as Alga's NinjaOne sync made it, with tickets Alga's alert pipeline opened. */
function algaSide(device: DeviceRecord, organizationName: string): { assetId: string; ticketIds: string[] } {
  const asset = h.sim.control.syncNinjaDevice(ninjaDeviceFor(device), h.clientOf(organizationName));
  const cpu = h.sim.control.algaAlertTicket({
    assetId: asset.asset_id,
    condition: 'CPU high',
    severity: 'major',
  });
  const disk = h.sim.control.algaAlertTicket({
    assetId: asset.asset_id,
    condition: 'Disk low',
    severity: 'critical',
  });
  disk.updated_at = new Date(Date.parse(cpu.updated_at) + 60_000).toISOString();
  const closed = h.sim.control.algaAlertTicket({
    assetId: asset.asset_id,
    condition: 'Reboot',
    severity: 'minor',
  });
  h.sim.control.setTicketStatus(closed.ticket_id, 'Closed');
  return { assetId: asset.asset_id, ticketIds: [disk.ticket_id, cpu.ticket_id] };
}

describe("a device's open tickets in Alga PSA (through its asset, cached with their age)", () => {
  it('reads them when the detail opens, and shows them from the cache with their age when Alga is down', async () => {
    const device = h.deviceIn('Acme Corp');
    const { assetId, ticketIds } = algaSide(device, 'Acme Corp');
    expect(await h.client.call('psaTickets.forDevice', { deviceId: device.id })).toMatchObject({
      connected: true,
      asset: null,
      readAt: null,
      tickets: [],
    });

    const before = Date.now();
    const read = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id });
    expect(read.error).toBeNull();
    expect(read.asset).toMatchObject({
      id: assetId,
      tag: `NINJA-${device.serial}`,
      matchedBy: 'rmm_device_id',
    });
    expect(read.readAt).toBeGreaterThanOrEqual(before);
    expect(read.tickets.map((t) => t.id)).toEqual(ticketIds);
    expect(read.tickets[0]).toMatchObject({
      number: expect.stringMatching(/^TIC\d{6}$/),
      title: `[NinjaOne Alert] Disk low on ${device.name}`,
      statusName: 'New',
      priorityName: 'Urgent',
      outboxId: null,
      alerts: [],
    });
    // One search found the asset, one request listed its tickets.
    expect(h.sim.control.requests('assets.search')).toHaveLength(1);
    expect(h.sim.control.requests('assets.tickets.list')).toHaveLength(1);

    // Opening the detail again right away reads the cache (Alga allows 60 requests a minute).
    await h.client.call('psaTickets.refreshDevice', { deviceId: device.id });
    expect(h.sim.control.requests('assets.tickets.list')).toHaveLength(1);

    await h.sim.control.pause();
    const offline = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id, force: true });
    expect(offline.error?.code).toBe('upstream_unavailable');
    expect(offline.error?.message).toContain('Alga PSA');
    expect(offline.readAt).toBe(read.readAt);
    expect(offline.tickets.map((t) => t.id)).toEqual(ticketIds);

    // A new Alga ticket shows once Alga answers again; the error is gone.
    await h.sim.control.resume();
    const third = h.sim.control.algaAlertTicket({ assetId, condition: 'Service down', severity: 'moderate' });
    third.updated_at = new Date(Date.now() + 120_000).toISOString();
    const back = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id, force: true });
    expect(back.error).toBeNull();
    expect(back.tickets.map((t) => t.id)).toEqual([third.ticket_id, ...ticketIds]);
  });

  it('keeps them in SQLite: a restarted console without the PSA shows them with their age', async () => {
    const device = h.deviceIn('Cobalt Logistics');
    const { ticketIds } = algaSide(device, 'Cobalt Logistics');
    const read = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id });
    expect(read.tickets).toHaveLength(2);
    h.client.close();
    await h.core.close();
    await h.sim.close();

    const { core, rpc } = await startInProcessCore({
      cachePath: h.cachePath,
      logger: silentLogger,
      psa: fastPsa,
    });
    try {
      const cached = await rpc.call('psaTickets.forDevice', { deviceId: device.id });
      expect(cached.tickets.map((t) => t.id)).toEqual(ticketIds);
      expect(cached.readAt).toBe(read.readAt);
      // The key lived in the other process's keychain: the refresh says so and keeps the cache.
      const refreshed = await rpc.call('psaTickets.refreshDevice', { deviceId: device.id, force: true });
      expect(refreshed.error?.code).toBe('not_configured');
      expect(refreshed.tickets.map((t) => t.id)).toEqual(ticketIds);
    } finally {
      rpc.close();
      await core.close();
    }
    // The harness's close must not close what was closed above.
    h = { ...h, close: () => Promise.resolve() };
  });

  it('links a ticket to its device and alerts, and an alert to its ticket, both ways', async () => {
    const device = h.deviceIn('Acme Corp');
    const uid = h.addAlert(device.id, 'CRITICAL', 'Disk space low');
    const created = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    const ticketId = created.ticket!.id;

    // Made here: on the device's side at once (no read yet), with its alert and its console entry.
    const before = await h.client.call('psaTickets.forDevice', { deviceId: device.id });
    expect(before.tickets).toEqual([
      expect.objectContaining({
        id: ticketId,
        outboxId: created.entry!.id,
        alerts: [expect.objectContaining({ uid, deviceId: device.id, severity: 'CRITICAL', state: 'open' })],
      }),
    ]);
    // Alga lists it through the asset the console linked; it stays one row.
    const read = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id });
    expect(read.asset?.matchedBy).toBe('created');
    expect(read.tickets.map((t) => t.id)).toEqual([ticketId]);
    expect(h.sim.control.requests('assets.search').length).toBe(2);

    const related = await h.client.call('psaTickets.related', { ticketId });
    expect(related).toEqual({
      ticketId,
      number: created.ticket!.number,
      outboxId: created.entry!.id,
      devices: [{ id: device.id, name: device.name, inCache: true }],
      alerts: [expect.objectContaining({ uid, deviceId: device.id })],
    });
    expect((await h.client.call('alerts.get', { uid })).ticket).toMatchObject({ id: ticketId });

    // Closed in Alga: gone from the open list at the next read.
    h.sim.control.setTicketStatus(ticketId, 'Closed');
    const after = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id, force: true });
    expect(after.tickets).toEqual([]);
  });

  it('notices an asset Alga deleted (it answers an empty list for it) and looks the device up again', async () => {
    const device = h.deviceIn('Acme Corp');
    const { assetId } = algaSide(device, 'Acme Corp');
    expect((await h.client.call('psaTickets.refreshDevice', { deviceId: device.id })).tickets).toHaveLength(
      2,
    );
    h.sim.control.store.deleteAsset(assetId);
    h.core.cache.db.prepare('UPDATE psa_device_assets SET checked_at = checked_at - 3600001').run();
    const after = await h.client.call('psaTickets.refreshDevice', { deviceId: device.id, force: true });
    expect(after.error).toBeNull();
    expect(after.asset).toMatchObject({ id: null, matchedBy: 'none' });
    expect(after.tickets).toEqual([]);
    expect(h.sim.control.requests('assets.get').map((r) => r.status)).toEqual([404]);
  });

  it('opens a ticket in Alga PSA, and refuses what is not an Alga ticket id', async () => {
    const opened = await h.client.call('psaTickets.open', {
      ticketId: '3f2b7c1e-1111-4222-8333-444455556666',
    });
    expect(opened.url).toBe(`${h.sim.baseUrl}/msp/tickets/3f2b7c1e-1111-4222-8333-444455556666`);
    const bad = await rejection(h.client.call('psaTickets.open', { ticketId: '../../admin' }));
    expect(bad.code).toBe('invalid_input');
  });
});
