import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { PatchCompliance } from '../../src/core/cache/repositories/patch-compliance';
import type { PatchRecord } from '../../src/core/cache/repositories/patches';
import { mapOsPatch, mapSoftwarePatch } from '../../src/core/sync/mappers/inventory';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { tempDir } from '../support/temp';

let cache: Cache;
let fleet: FleetRecords;
const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 7);
const seconds = (ms: number): number => ms / 1000;

beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  fleet = fleetRecords(30, 5);
  seedCache(cache, fleet);
  return () => cache.close();
});

/**
 * Chrome failed to install on a device: NinjaOne lists it in the open list (`software-patches`) and in
 * the install history (`software-patch-installs`), each row with its own uuid.
 */
function chromeFailedOn(deviceId: number, n: number): PatchRecord[] {
  const row = {
    deviceId,
    productIdentifier: '6c0b1f3e-0000-4000-8000-00000000c4e0',
    title: 'Google Chrome 131.0.6778.265',
    impact: 'CRITICAL',
    type: 'PATCH',
    status: 'FAILED',
    timestamp: seconds(now - DAY),
  };
  return [
    mapSoftwarePatch({ ...row, id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` }, 'open'),
    mapSoftwarePatch(
      {
        ...row,
        id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
        installedAt: seconds(now - DAY),
      },
      'installs',
    ),
  ];
}

describe('one patch on one device counts once, whatever ids NinjaOne gives it', () => {
  it('merges the open-list and install-history rows of a failed patch', () => {
    const devices = fleet.devices.slice(0, 10);
    const rows = devices.flatMap((d, i) => chromeFailedOn(d.id, i));
    // Written as the full sync writes them: one query's pages after the other.
    cache.patches.upsertMany(
      rows.filter((_, i) => i % 2 === 0),
      1,
      now,
    );
    cache.patches.upsertMany(
      rows.filter((_, i) => i % 2 === 1),
      1,
      now,
    );
    cache.patches.refreshRollups('all');

    const compliance = new PatchCompliance(cache.db);
    const chrome = compliance.byPatch({ state: 'failed', limit: 10 }).items;
    expect(chrome).toEqual([expect.objectContaining({ name: 'Google Chrome 131.0.6778.265', failed: 10 })]);
    const listed = compliance.devices({
      kind: 'software',
      name: chrome[0]!.name,
      state: 'failed',
      limit: 50,
    });
    expect(listed.items).toHaveLength(10);
    expect(listed.items.every((d) => d.patches === 1)).toBe(true);
    expect(cache.patches.forDevice(devices[0]!.id)).toHaveLength(1);
    expect(cache.devices.get(devices[0]!.id).failedPatches).toBe(1);
  });

  it('keeps one row per KB in the device detail when the incremental sync replaces a device', () => {
    const device = fleet.devices[3]!;
    const kb = {
      deviceId: device.id,
      name: '2026-11 Cumulative Update for Windows 11 (KB5046617)',
      kbNumber: 'KB5046617',
      severity: 'CRITICAL',
      type: 'SECURITY_UPDATES',
      timestamp: seconds(now - 3 * DAY),
    };
    const rows = [
      mapOsPatch({ ...kb, id: 'a0000000-0000-4000-8000-000000000001', status: 'FAILED' }, 'open'),
      mapOsPatch(
        {
          ...kb,
          id: 'a0000000-0000-4000-8000-000000000002',
          status: 'FAILED',
          installedAt: seconds(now - 9 * DAY),
        },
        'installs',
      ),
      // An older successful install of the same KB, before it was re-offered.
      mapOsPatch(
        {
          ...kb,
          id: 'a0000000-0000-4000-8000-000000000003',
          kbNumber: 'kb5046617',
          status: 'INSTALLED',
          installedAt: seconds(now - 20 * DAY),
        },
        'installs',
      ),
    ];
    cache.patches.replaceForDevices([device.id], rows, 2, now);
    const patches = cache.patches.forDevice(device.id);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ kbNumber: 'KB5046617', state: 'failed' });
  });
});

describe('"pending since" is NinjaOne\'s time, not the console\'s first sync', () => {
  it('finds patches pending for 40 days on a console that synced them for the first time today', () => {
    const [old, recent] = fleet.devices;
    const pending = (deviceId: number, since: number, id: string): PatchRecord =>
      mapOsPatch(
        {
          id,
          deviceId,
          name: 'Servicing Stack Update (KB5043080)',
          kbNumber: 'KB5043080',
          status: 'APPROVED',
          timestamp: seconds(since),
        },
        'open',
      );
    cache.patches.upsertMany(
      [pending(old!.id, now - 40 * DAY, 'b1'), pending(recent!.id, now - 2 * DAY, 'b2')],
      1,
      now,
    );
    const compliance = new PatchCompliance(cache.db);
    const long = compliance.devices({ pendingForDays: 30, now, limit: 10 }).items;
    expect(long.map((d) => d.deviceId)).toEqual([old!.id]);
    expect(long[0]!.oldestSince).toBe(now - 40 * DAY);

    // A later scan restamps the row: the patch is still pending since its first NinjaOne timestamp.
    cache.patches.upsertMany([pending(old!.id, now - DAY, 'b1')], 2, now + DAY);
    expect(compliance.devices({ pendingForDays: 30, now, limit: 10 }).items[0]!.oldestSince).toBe(
      now - 40 * DAY,
    );
  });
});

describe('patch tables sort by any column', () => {
  function seedSpread(): void {
    const rows = fleet.devices.flatMap((d, i) => {
      const out: PatchRecord[] = [];
      for (let k = 0; k <= i % 4; k++)
        out.push(
          mapOsPatch(
            {
              id: `c-${d.id}-${k}`,
              deviceId: d.id,
              name: `Update ${k}`,
              kbNumber: `KB50000${k}`,
              status: i % 3 === 0 ? 'FAILED' : 'APPROVED',
              timestamp: seconds(now - (i + 1) * DAY),
            },
            'open',
          ),
        );
      return out;
    });
    cache.patches.upsertMany(rows, 1, now);
    cache.patches.refreshRollups('all');
  }

  /** Every page of a keyset-paged list, walking its cursors. */
  function all<T>(page: (cursor: string | null) => { items: T[]; nextCursor: string | null }): T[] {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const p = page(cursor);
      out.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor);
    return out;
  }

  it('organizations by failed devices, most first, across pages', () => {
    seedSpread();
    const compliance = new PatchCompliance(cache.db);
    const rows = all((cursor) =>
      compliance.byOrganization(cursor, 2, { field: 'failed', direction: 'desc' }),
    );
    const failed = rows.map((r) => r.failed);
    expect(failed).toEqual([...failed].sort((a, b) => b - a));
    const sizes = all((cursor) =>
      compliance.byOrganization(cursor, 2, { field: 'devices', direction: 'asc' }),
    ).map((r) => r.devices);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.organizationId)).size).toBe(rows.length);
    expect(rows.reduce((n, r) => n + r.devices, 0)).toBe(30);
    const byCompliance = all((cursor) =>
      compliance.byOrganization(cursor, 2, { field: 'compliance', direction: 'asc' }),
    );
    expect(byCompliance).toHaveLength(rows.length);
  });

  it('patches by name and devices by how long they have waited', () => {
    seedSpread();
    const compliance = new PatchCompliance(cache.db);
    const names = all((cursor) =>
      compliance.byPatch({ sort: { field: 'name', direction: 'desc' }, cursor, limit: 1 }),
    ).map((r) => r.name);
    expect(names).toEqual(['Update 3', 'Update 2', 'Update 1', 'Update 0']);
    const devices = all((cursor) =>
      compliance.devices({ state: 'pending', sort: { field: 'since', direction: 'asc' }, cursor, limit: 3 }),
    );
    const since = devices.map((d) => d.oldestSince!);
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(devices).toHaveLength(fleet.devices.filter((_, i) => i % 3 !== 0).length);
    const busiest = compliance.devices({ sort: { field: 'patches', direction: 'desc' }, limit: 1 }).items[0];
    expect(busiest?.patches).toBe(4);
  });
});
