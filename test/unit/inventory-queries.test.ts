import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Cache } from '../../src/core/cache/cache';
import { PatchCompliance } from '../../src/core/cache/repositories/patch-compliance';
import { compareVersions } from '../../src/shared/version-compare';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { patchRecords, softwareRecords } from '../support/inventory-records';

let dir: string;
let cache: Cache;
let fleet: FleetRecords;
const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 27);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alga-inventory-'));
  cache = Cache.open(join(dir, 'cache.db'));
  fleet = fleetRecords(300, 4);
  seedCache(cache, fleet);
  cache.software.upsertMany(softwareRecords(fleet), 1);
  cache.software.refreshTitleCounts();
  // The pending patches were first seen 40 days ago on half of the devices, 2 days ago on the rest.
  const patches = patchRecords(fleet);
  cache.patches.upsertMany(
    patches.filter((p) => p.deviceId % 2 === 0),
    1,
    now - 40 * DAY,
  );
  cache.patches.upsertMany(
    patches.filter((p) => p.deviceId % 2 === 1),
    1,
    now - 2 * DAY,
  );
  cache.patches.refreshRollups('all');
});

afterAll(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('software inventory', () => {
  it('lists titles by how many devices have them, searchable by fragment', () => {
    const titles = cache.software.titles({ limit: 10 }).items;
    expect(titles[0]).toMatchObject({ name: 'Google Chrome', devices: 300, versions: 4 });
    expect(titles.map((t) => t.devices)).toEqual([...titles.map((t) => t.devices)].sort((a, b) => b - a));
    expect(cache.software.titles({ search: 'desk', limit: 10 }).items.map((t) => t.name)).toEqual([
      'AnyDesk',
    ]);
  });

  it('finds a title by its whole name pasted in, dashes and short words included', () => {
    const names = (search: string): string[] =>
      cache.software.titles({ search, limit: 10 }).items.map((t) => t.name);
    expect(names('7-Zip 23.01 (x64)')).toEqual(['7-Zip 23.01 (x64)']);
    expect(names('7 - Zip x64')).toEqual(['7-Zip 23.01 (x64)']);
    // Two-letter words match inside the name, not only at its start.
    expect(names('zip 23')).toEqual(['7-Zip 23.01 (x64)']);
    expect(names('ZIP X6')).toEqual(['7-Zip 23.01 (x64)']);
    expect(names('zip x86')).toEqual([]);
  });

  it('answers "who has Chrome below 120" with exactly the devices whose version compares lower', () => {
    const expected = softwareRecords(fleet).filter(
      (s) => s.name === 'Google Chrome' && compareVersions(s.version!, '120') < 0,
    );
    const found: number[] = [];
    let cursor: string | null = null;
    do {
      const page = cache.software.installs({
        name: 'chrome',
        version: { op: '<', value: '120' },
        cursor,
        limit: 40,
      });
      found.push(...page.items.map((i) => i.deviceId));
      for (const item of page.items) expect(compareVersions(item.version!, '120')).toBeLessThan(0);
      cursor = page.nextCursor;
    } while (cursor);
    expect(found.sort()).toEqual(expected.map((s) => s.deviceId).sort());
  });

  it('counts the whole list on its first page, so a drill-down shows its size, not "40+"', () => {
    const query = { name: 'chrome', version: { op: '<', value: '120' } } as const;
    const first = cache.software.installs({ ...query, cursor: null, limit: 40 });
    const expected = softwareRecords(fleet).filter(
      (s) => s.name === 'Google Chrome' && compareVersions(s.version!, '120') < 0,
    ).length;
    expect(expected).toBeGreaterThan(40);
    expect(first.total).toBe(expected);
    expect(cache.software.installs({ ...query, cursor: first.nextCursor, limit: 40 }).total).toBeUndefined();
  });

  it('shows the version spread of a title', () => {
    const chrome = cache.software.titles({ search: 'chrome', limit: 1 }).items[0]!;
    const spread = cache.software.versions(chrome.id);
    expect(spread.versions.reduce((n, v) => n + v.devices, 0)).toBe(300);
    expect(spread.versions).toHaveLength(4);
  });

  it("pages one device's software with a name filter", () => {
    const device = fleet.devices[1]!;
    const all = cache.software.forDevicePage(device.id, undefined, null, 2);
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    const filtered = cache.software.forDevicePage(device.id, 'zip', null, 10);
    expect(filtered.items.map((s) => s.name)).toEqual(['7-Zip 23.01 (x64)']);
  });
});

describe('patch compliance', () => {
  const compliance = (): PatchCompliance => new PatchCompliance(cache.db);

  it('counts devices per organization by patch state, adding up to the fleet', () => {
    const rows = compliance().byOrganization(null, 100).items;
    expect(rows.reduce((n, r) => n + r.devices, 0)).toBe(300);
    for (const row of rows) expect(row.failed + row.pending + row.upToDate + row.unknown).toBe(row.devices);
    const failed = fleet.devices.filter((_, i) => i % 7 === 0).length;
    expect(rows.reduce((n, r) => n + r.failed, 0)).toBe(failed);
  });

  it('ranks patches by the devices that still need them', () => {
    const rows = compliance().byPatch({ limit: 10 }).items;
    expect(rows[0]).toMatchObject({ name: '2026-11 Cumulative Update', kbNumber: 'KB5046617', pending: 100 });
    expect(rows.find((r) => r.name.startsWith('Google Chrome'))).toMatchObject({
      kind: 'software',
      failed: 43,
    });
    expect(rows.find((r) => r.name === '2026-10 Cumulative Update')).toBeUndefined();
  });

  it('finds devices whose patches have been pending for more than 30 days', () => {
    const page = compliance().devices({ pendingForDays: 30, now, limit: 500 });
    const expected = fleet.devices.filter((d, i) => i % 3 === 0 && d.id % 2 === 0).map((d) => d.id);
    expect(page.items.map((d) => d.deviceId).sort()).toEqual(expected.sort());
    expect(page.items[0]!.oldestSince).toBe(now - 40 * DAY);
    // Devices, not patch rows: each device counts once however many patches it waits for.
    expect(compliance().devices({ pendingForDays: 30, now, limit: 5 }).total).toBe(expected.length);
  });

  it('lists a device with its failed patches first', () => {
    const device = fleet.devices[0]!;
    expect(cache.patches.forDevice(device.id).map((p) => p.state)).toEqual([
      'failed',
      'pending',
      'installed',
    ]);
  });
});
