import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { AlertRecord } from '../../src/core/cache/repositories/alerts';
import type { Severity } from '../../src/shared/contract/domain';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { tempDir } from '../support/temp';

let cache: Cache;

beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  seedCache(cache, fleetRecords(50, 5));
  return () => cache.close();
});

let serial = 0;
function alert(deviceId: number, severity: Severity, overrides: Partial<AlertRecord> = {}): AlertRecord {
  serial++;
  return {
    uid: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    deviceId,
    severity,
    priority: 'HIGH',
    sourceType: 'CONDITION_AGENT_DISK_FREE_SPACE',
    sourceName: 'Disk free space < 10%',
    conditionName: 'Disk Free Space',
    subject: 'Disk space low',
    message: 'Disk C: free space is below 10%',
    createdAt: 1_700_000_000_000 + serial * 1000,
    updatedAt: null,
    raw: {},
    ...overrides,
  };
}

describe('alert repository', () => {
  it('keeps the device roll-ups (count, worst severity) in step with open alerts', () => {
    const a = alert(1000, 'MINOR');
    const b = alert(1000, 'CRITICAL');
    cache.alerts.upsertMany([a, b]);
    let device = cache.devices.get(1000);
    expect(device.alertCount).toBe(2);
    expect(device.maxAlertSeverity).toBe('CRITICAL');
    expect(
      cache.devices
        .list({ filter: { hasAlerts: true }, sort: { field: 'name', direction: 'asc' }, limit: 10 })
        .items.map((d) => d.id),
    ).toEqual([1000]);

    cache.alerts.markReset([b.uid]);
    device = cache.devices.get(1000);
    expect(device.alertCount).toBe(1);
    expect(device.maxAlertSeverity).toBe('MINOR');
    cache.alerts.markReset([a.uid]);
    expect(cache.devices.get(1000).alertCount).toBe(0);
    expect(cache.devices.get(1000).maxAlertSeverity).toBeNull();
  });

  it('skips alerts whose device is not cached and says which', () => {
    const known = alert(1001, 'MAJOR');
    const orphan = alert(999_999, 'MAJOR');
    const result = cache.alerts.upsertMany([known, orphan]);
    expect(result.written).toEqual([known.uid]);
    expect(result.missingDevice).toEqual([orphan.uid]);
  });

  it('counts a series that triggers again after a reset as flapping and clears its acknowledgement', () => {
    const a = alert(1002, 'MAJOR');
    cache.alerts.upsertMany([a]);
    cache.alerts.acknowledge(a.uid, 'alice');
    expect(cache.alerts.get(a.uid).acknowledgedBy).toBe('alice');
    cache.alerts.markReset([a.uid]);
    cache.alerts.upsertMany([{ ...a, createdAt: a.createdAt + 60_000 }]);
    const row = cache.alerts.get(a.uid);
    expect(row.state).toBe('open');
    expect(row.triggerCount).toBe(2);
    expect(row.acknowledgedBy).toBeNull();
    expect(row.createdAt).toBe(a.createdAt + 60_000);
  });

  it('reconciles the open set with NinjaOne: new ones opened, missing ones reset', () => {
    const stays = alert(1003, 'MODERATE');
    const goes = alert(1004, 'MAJOR');
    cache.alerts.upsertMany([stays, goes]);
    const fresh = alert(1005, 'CRITICAL');
    const result = cache.alerts.reconcileOpen([stays, fresh]);
    expect(result.opened).toEqual([fresh.uid]);
    expect(result.reset).toEqual([goes.uid]);
    expect(cache.alerts.get(goes.uid).state).toBe('reset');
    expect(cache.alerts.counts().open).toBe(2);
  });

  it('lists newest first with filters and keyset pages', () => {
    const rows = [
      alert(1006, 'CRITICAL'),
      alert(1007, 'MINOR'),
      alert(1008, 'CRITICAL'),
      alert(1009, 'MAJOR'),
      alert(1010, 'CRITICAL'),
    ];
    cache.alerts.upsertMany(rows);
    const critical: string[] = [];
    let cursor: string | null = null;
    do {
      const page = cache.alerts.list({
        filter: { states: ['open'], severities: ['CRITICAL'] },
        cursor,
        limit: 2,
      });
      critical.push(...page.items.map((r) => r.uid));
      cursor = page.nextCursor;
    } while (cursor);
    expect(critical).toEqual(
      rows
        .filter((r) => r.severity === 'CRITICAL')
        .map((r) => r.uid)
        .reverse(),
    );
    const first = cache.alerts.list({ filter: { states: ['open'], deviceId: 1007 }, limit: 10 }).items[0]!;
    expect(first.deviceName).toBe(cache.devices.get(1007).name);
    expect(first.ticket).toBeNull();
  });

  it('counts open alerts by severity', () => {
    cache.alerts.upsertMany([alert(1011, 'CRITICAL'), alert(1011, 'MAJOR'), alert(1012, 'MAJOR')]);
    const counts = cache.alerts.counts();
    expect(counts.open).toBe(3);
    expect(counts.bySeverity.MAJOR).toBe(2);
    expect(counts.bySeverity.CRITICAL).toBe(1);
    expect(counts.devicesWithAlerts).toBe(2);
  });

  it('refuses to acknowledge an alert that is not open', () => {
    expect(() => cache.alerts.acknowledge('no-such-uid', 'bob')).toThrow(/not open/);
  });
});
