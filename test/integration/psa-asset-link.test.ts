import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../src/core/cache/records';
import { algaAssetTag, type NinjaDeviceForSync } from '../../src/simulator/psa';
import { ninjaDeviceFor, startMappedPsaHarness, type PsaHarness } from '../support/psa-harness';

/**
 * Linking a device's asset never makes a second asset of a device Alga PSA already has, whichever way
 * Alga got it, and costs a request or two at most against Alga's rate limit (enforced here as a real
 * tenant with RATE_LIMIT_ENFORCE=true does: 120 burst, 60 a minute).
 */
let h: PsaHarness;

beforeEach(async () => {
  h = await startMappedPsaHarness();
});
afterEach(() => h.close());

/** Stores NinjaOne's detail for a cached device, as the sync does (the fleet records carry none). */
function storeDetail(device: DeviceRecord, system: NinjaDeviceForSync['system']): void {
  h.core.cache.db
    .prepare('UPDATE devices SET raw = ? WHERE id = ?')
    .run(JSON.stringify(ninjaDeviceFor(device, system)), device.id);
}

/** Thousands of other assets in the client: paging through them would take minutes at 60 a minute. */
function crowd(clientId: string, count: number): void {
  for (let i = 0; i < count; i++)
    h.sim.control.store.createAsset({
      client_id: clientId,
      asset_type: 'workstation',
      asset_tag: `INV-${100_000 + i}`,
      name: `PC-${i}`,
      status: 'active',
      serial_number: `ZZ${i}`,
    });
}

function count(route: string, since = 0): number {
  return h.sim.control.requests(route).filter((r) => r.at >= since).length;
}

async function ticketFor(device: DeviceRecord): Promise<{ assetId: string | null; message: string | null }> {
  const result = await h.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
  expect(result.outcome).toBe('created');
  const ticketId = result.ticket!.id;
  const link = h.sim.control.store.associations.find((a) => a.entity_id === ticketId);
  return { assetId: link?.asset_id ?? null, message: result.entry!.asset.message };
}

describe("asset links that never duplicate (Alga's keys, filtered server-side, cached)", () => {
  it("links the asset Alga's own sync made (tag NINJA-<serial>) with one search, then with no lookup at all", async () => {
    const device = h.deviceIn('Acme Corp');
    crowd(h.clientOf('Acme Corp'), 3_000);
    const synced = h.sim.control.syncNinjaDevice(
      ninjaDeviceFor(device, { serialNumber: device.serial }),
      h.clientOf('Acme Corp'),
    );
    expect(synced.asset_tag).toBe(`NINJA-${device.serial}`);
    const assets = h.sim.control.store.assets.size;

    const first = await ticketFor(device);
    expect(first.assetId).toBe(synced.asset_id);
    expect(first.message).toBeNull();
    expect(h.sim.control.store.assets.size).toBe(assets);
    expect(count('assets.search')).toBe(1);
    expect(count('assets.list')).toBe(0);
    expect(count('assets.create')).toBe(0);
    expect(h.sim.control.requests().some((r) => r.status === 429)).toBe(false);

    const second = await ticketFor(device);
    expect(second.assetId).toBe(synced.asset_id);
    expect(count('assets.search')).toBe(1);
    expect(count('tickets.assets.link')).toBe(2);
  });

  it('finds an asset Alga tagged NINJA-<id> (no system serial) by the BIOS serial it stored', async () => {
    const device = h.deviceIn('Cobalt Logistics');
    storeDetail(device, { biosSerialNumber: device.serial });
    const synced = h.sim.control.syncNinjaDevice(
      ninjaDeviceFor(device, { biosSerialNumber: device.serial }),
      h.clientOf('Cobalt Logistics'),
    );
    expect(synced.asset_tag).toBe(`NINJA-${device.id}`);
    expect((await ticketFor(device)).assetId).toBe(synced.asset_id);
    expect(count('assets.search')).toBe(1);
    expect(count('assets.create')).toBe(0);
  });

  it("never takes another device's asset, and tells a placeholder serial's assets apart by RMM id", async () => {
    const device = h.deviceIn('Acme Corp');
    const acme = h.clientOf('Acme Corp');
    // A cloned VM: another device with the same serial, synced by Alga with its own RMM id.
    const clone = h.sim.control.syncNinjaDevice(
      { ...ninjaDeviceFor(device, { serialNumber: device.serial }), id: 999_001 },
      acme,
    );
    const mine = await ticketFor(device);
    expect(mine.assetId).not.toBe(clone.asset_id);
    expect(mine.message).toContain(`Created asset NINJA-${device.serial}`);

    const oem = h.fleet.devices.filter((d) => d.organizationId === device.organizationId)[1]!;
    const placeholder = 'To Be Filled By O.E.M.';
    h.core.cache.db.prepare('UPDATE devices SET serial = ? WHERE id = ?').run(placeholder, oem.id);
    storeDetail(oem, { serialNumber: placeholder });
    for (const id of [999_002, 999_003])
      h.sim.control.syncNinjaDevice({ ...ninjaDeviceFor(oem, { serialNumber: placeholder }), id }, acme);
    const its = h.sim.control.syncNinjaDevice(ninjaDeviceFor(oem, { serialNumber: placeholder }), acme);
    expect((await ticketFor(oem)).assetId).toBe(its.asset_id);
  });

  it("creates a missing asset with Alga's tag and serial, and moves to Alga's own asset once its sync makes one", async () => {
    const device = h.deviceIn('Birchwood Dental');
    const client = h.clientOf('Birchwood Dental');
    storeDetail(device, { serialNumber: device.serial, biosSerialNumber: device.serial });
    const before = h.sim.control.store.assets.size;
    const first = await ticketFor(device);
    expect(h.sim.control.store.assets.size).toBe(before + 1);
    const created = h.sim.control.store.assets.get(first.assetId!)!;
    // Exactly what Alga's own sync would have made of this device, tag and serial.
    expect(created).toMatchObject({
      asset_tag: algaAssetTag(ninjaDeviceFor(device, { serialNumber: device.serial })),
      serial_number: device.serial,
      client_id: client,
      name: device.name,
    });
    // Requests for the lookup: a search by serial and one by the NINJA-<id> tag, then the create.
    expect([count('assets.search'), count('assets.list'), count('assets.create')]).toEqual([2, 0, 1]);

    // Alga's sync, which keys its assets by its own mapping table, makes another asset for the device.
    const synced = h.sim.control.syncNinjaDevice(
      ninjaDeviceFor(device, { serialNumber: device.serial }),
      client,
    );
    expect((await ticketFor(device)).assetId).toBe(created.asset_id);
    // A day later the unconfirmed link is looked up again and the RMM id picks Alga's asset.
    h.core.cache.db.prepare('UPDATE psa_device_assets SET checked_at = checked_at - 86400001').run();
    expect((await ticketFor(device)).assetId).toBe(synced.asset_id);
    const side = await h.client.call('psaTickets.forDevice', { deviceId: device.id });
    expect(side.asset).toMatchObject({ id: synced.asset_id, matchedBy: 'rmm_device_id' });
  });

  it("pages the client's tag filter only when a search for NINJA-<id> comes back full", async () => {
    const device = h.deviceIn('Acme Corp');
    const acme = h.clientOf('Acme Corp');
    // 150 tags that contain NINJA-<id> (ILIKE), then the device's own, made by an earlier console.
    for (let i = 0; i < 150; i++)
      h.sim.control.store.createAsset({
        client_id: acme,
        asset_type: 'workstation',
        asset_tag: `NINJA-${device.id}${String(i).padStart(3, '0')}`,
        name: `other-${i}`,
        status: 'active',
      });
    const own = h.sim.control.store.createAsset({
      client_id: acme,
      asset_type: 'workstation',
      asset_tag: `NINJA-${device.id}`,
      name: device.name,
      status: 'active',
    });
    expect((await ticketFor(device)).assetId).toBe(own.asset_id);
    expect(count('assets.create')).toBe(0);
    expect(h.sim.control.requests('assets.list').map((r) => [r.query.asset_tag, r.query.client_id])).toEqual([
      [`NINJA-${device.id}`, acme],
      [`NINJA-${device.id}`, acme],
    ]);
  });

  it('drops a cached asset Alga deleted (404 on linking) and finds or creates it again', async () => {
    const device = h.deviceIn('Acme Corp');
    const first = await ticketFor(device);
    h.sim.control.store.deleteAsset(first.assetId!);
    const again = await ticketFor(device);
    expect(again.assetId).not.toBe(first.assetId);
    expect(h.sim.control.store.assets.has(again.assetId!)).toBe(true);
    expect(again.message).toContain('Created asset');
    expect(h.sim.control.requests('tickets.assets.link').map((r) => r.status)).toEqual([201, 404, 201]);
  });

  it('with asset creation off, remembers that Alga has none and says which keys were tried', async () => {
    await h.client.call('tickets.saveSettings', { assetLink: 'find_only' });
    const device = h.deviceIn('Acme Corp');
    const result = await h.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
    expect(result.entry!.asset).toEqual({
      state: 'skipped',
      message: expect.stringContaining(
        `tag NINJA-${device.serial}, serial ${device.serial}, NinjaOne id ${device.id}`,
      ),
    });
    expect(count('assets.create')).toBe(0);
    const side = await h.client.call('psaTickets.forDevice', { deviceId: device.id });
    expect(side.asset).toMatchObject({ id: null, matchedBy: 'none' });
  });
});
