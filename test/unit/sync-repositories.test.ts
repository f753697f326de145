import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { PatchRecord } from '../../src/core/cache/repositories/patches';
import type { SoftwareRecord } from '../../src/core/cache/repositories/software';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { tempDir } from '../support/temp';

let cache: Cache;

beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  seedCache(cache, fleetRecords(20, 9));
  return () => cache.close();
});

const patch = (
  deviceId: number,
  patchId: string,
  state: PatchRecord['state'],
  kind: PatchRecord['kind'] = 'os',
): PatchRecord => ({
  deviceId,
  kind,
  patchId,
  name: `Update ${patchId}`,
  kbNumber: kind === 'os' ? `KB${patchId}` : null,
  productIdentifier: null,
  severity: 'CRITICAL',
  patchType: 'SECURITY_UPDATES',
  status: state === 'installed' ? 'INSTALLED' : state === 'failed' ? 'FAILED' : 'APPROVED',
  state,
  installedAt: null,
  collectedAt: null,
  history: state === 'installed',
});

const install = (deviceId: number, name: string, version: string): SoftwareRecord => ({
  deviceId,
  name,
  publisher: 'Vendor',
  version,
  installDate: null,
  sizeBytes: null,
  location: null,
});

describe('patch repository', () => {
  it('rolls patches up into the device patch state the asset list filters on', () => {
    cache.patches.upsertMany(
      [
        patch(1000, '1', 'installed'),
        patch(1001, '2', 'pending'),
        patch(1002, '3', 'failed'),
        patch(1002, '4', 'pending'),
      ],
      1,
    );
    cache.patches.refreshRollups('all');
    expect(cache.devices.get(1000).patchState).toBe('up_to_date');
    expect(cache.devices.get(1001).patchState).toBe('pending');
    expect(cache.devices.get(1002).patchState).toBe('failed');
    expect(cache.devices.get(1002).pendingPatches).toBe(1);
    const failed = cache.devices.list({
      filter: { patchStates: ['failed'] },
      sort: { field: 'name', direction: 'asc' },
      limit: 50,
    });
    expect(failed.items.map((d) => d.id)).toEqual([1002]);
  });

  it('sweeps what a full pass did not see, and only for the kinds it covered', () => {
    cache.patches.upsertMany(
      [patch(1003, 'old', 'pending'), patch(1003, 'sw-old', 'pending', 'software')],
      1,
    );
    cache.patches.upsertMany([patch(1003, 'new', 'pending')], 2);
    expect(cache.patches.sweep(2, ['os'])).toBe(1);
    expect(
      cache.patches
        .forDevice(1003)
        .map((p) => p.patchId)
        .sort(),
    ).toEqual(['new', 'sw-old']);
  });

  it('skips rows of devices that are not cached instead of failing the page', () => {
    expect(cache.patches.upsertMany([patch(999_999, 'x', 'pending'), patch(1004, 'y', 'pending')], 1)).toBe(
      1,
    );
    expect(cache.patches.forDevice(1004)).toHaveLength(1);
  });
});

describe('software repository', () => {
  it('stores each title once and every install against it', () => {
    cache.software.upsertMany(
      [
        install(1005, 'Google Chrome', '119.0'),
        install(1006, 'Google Chrome', '121.0'),
        install(1006, '7-Zip', '23.01'),
      ],
      1,
    );
    expect(cache.db.prepare('SELECT count(*) FROM software_titles').pluck().get()).toBe(2);
    expect(cache.software.forDevice(1006).map((s) => `${s.name} ${s.version}`)).toEqual([
      '7-Zip 23.01',
      'Google Chrome 121.0',
    ]);
  });

  it('replaces one device picture and sweeps installs and orphan titles after a full pass', () => {
    cache.software.upsertMany([install(1007, 'AnyDesk', '8.0'), install(1008, 'Zoom', '5.17')], 1);
    cache.software.replaceForDevices([1007], [install(1007, 'TeamViewer', '15')], 2);
    expect(cache.software.forDevice(1007).map((s) => s.name)).toEqual(['TeamViewer']);
    cache.software.upsertMany([install(1007, 'TeamViewer', '15')], 3);
    expect(cache.software.sweep(3)).toBe(1);
    expect(cache.software.forDevice(1008)).toEqual([]);
    const titles = cache.db.prepare('SELECT name FROM software_titles ORDER BY name').pluck().all();
    expect(titles).toEqual(['TeamViewer']);
  });

  it('keeps title counts equal to a full recount when device pictures are replaced', () => {
    const counts = () =>
      cache.db.prepare('SELECT name, device_count, version_count FROM software_titles ORDER BY name').all();
    cache.software.upsertMany(
      [
        install(1000, 'Chrome', '119'),
        install(1001, 'Chrome', '120'),
        install(1002, 'Chrome', '120'),
        install(1002, 'Zoom', '5'),
        install(1003, 'Zoom', '5'),
      ],
      1,
    );
    cache.software.refreshTitleCounts();
    // 1001 upgrades Chrome, 1002 drops Zoom and gets 7-Zip, 1003 loses everything (deleted device).
    cache.software.replaceForDevices(
      [1001, 1002, 1003],
      [install(1001, 'Chrome', '121'), install(1002, 'Chrome', '120'), install(1002, '7-Zip', '23')],
      2,
    );
    const adjusted = counts();
    cache.software.refreshTitleCounts();
    expect(adjusted).toEqual(counts());
    expect(adjusted).toEqual([
      { name: '7-Zip', device_count: 1, version_count: 1 },
      { name: 'Chrome', device_count: 3, version_count: 3 },
    ]);
  });
});

describe('antivirus repository', () => {
  it('rolls products up into protected, at risk and not installed', () => {
    const fleet = fleetRecords(20, 9).devices;
    const agents = fleet.filter((d) => d.assetType === 'workstation' || d.assetType === 'server');
    const [a, b, c] = agents;
    cache.antivirus.upsertMany(
      [
        {
          deviceId: a!.id,
          productName: 'Defender',
          productState: 'ON',
          definitionStatus: 'UP_TO_DATE',
          version: '4.18',
          collectedAt: null,
        },
        {
          deviceId: b!.id,
          productName: 'Defender',
          productState: 'OFF',
          definitionStatus: 'OUT_OF_DATE',
          version: '4.18',
          collectedAt: null,
        },
      ],
      1,
    );
    cache.antivirus.refreshRollups('all');
    expect(cache.antivirus.stateOf(a!.id)).toBe('protected');
    expect(cache.antivirus.stateOf(b!.id)).toBe('at_risk');
    expect(cache.antivirus.stateOf(c!.id)).toBe('not_installed');
  });
});

describe('sync state repository', () => {
  it('marks runs a dead process left running as interrupted', () => {
    const id = cache.syncState.startRun('full', 1000);
    const abandoned = cache.syncState.interruptAbandoned(2000);
    expect(abandoned.map((r) => r.id)).toEqual([id]);
    expect(cache.syncState.run(id)?.state).toBe('interrupted');
  });

  it('keeps history newest first with counts and errors', () => {
    const first = cache.syncState.startRun('full', 1);
    cache.syncState.finishRun(
      first,
      'succeeded',
      {
        added: 5,
        changed: 0,
        removed: 0,
        quarantined: 1,
        apiCalls: 7,
        bytesRead: 100,
        waitMs: 1500,
        throttled: 2,
      },
      undefined,
      2,
    );
    const second = cache.syncState.startRun('incremental', 3);
    cache.syncState.finishRun(
      second,
      'failed',
      {
        added: 0,
        changed: 0,
        removed: 0,
        quarantined: 0,
        apiCalls: 1,
        bytesRead: 0,
        waitMs: 0,
        throttled: 0,
      },
      { code: 'rate_limited', message: 'slow down' },
      4,
    );
    const page = cache.syncState.history(null, 10);
    expect(page.items.map((r) => [r.id, r.state, r.errorCode])).toEqual([
      [second, 'failed', 'rate_limited'],
      [first, 'succeeded', null],
    ]);
    expect(cache.syncState.lastSucceeded()?.id).toBe(first);
    expect(cache.syncState.run(first)).toMatchObject({ apiCalls: 7, waitMs: 1500, throttled: 2 });
  });

  it('stores checkpoints with the data they cover, or not at all', () => {
    expect(() =>
      cache.transaction(() => {
        cache.syncState.setCheckpoint('full.devices.after', '1010');
        throw new Error('crash before commit');
      }),
    ).toThrow('crash before commit');
    expect(cache.syncState.checkpoint('full.devices.after')).toBeNull();
    cache.transaction(() => cache.syncState.setCheckpoint('full.devices.after', '1010'));
    expect(cache.syncState.checkpoint('full.devices.after')).toBe('1010');
    cache.syncState.clearCheckpoints('full.');
    expect(cache.syncState.checkpoint('full.devices.after')).toBeNull();
  });
});
