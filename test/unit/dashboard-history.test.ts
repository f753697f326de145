import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { ActivityRecord } from '../../src/core/cache/repositories/activities';
import { startDashboardHistory } from '../../src/core/dashboard/dashboard-history';
import { NOISIEST_FRESH_MS, dashboardHandlers } from '../../src/core/host/handlers/dashboard';
import { silentLogger } from '../../src/node/logger';
import type { SyncStatus } from '../../src/shared/contract/sync';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { ManualClock } from '../support/manual-clock';
import { tempDir } from '../support/temp';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = Date.UTC(2026, 10, 2, 9);

let cache: Cache;
beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  seedCache(cache, fleetRecords(40, 3));
  return () => cache.close();
});

let nextId = 1;
function condition(
  deviceId: number,
  series: string,
  status: 'TRIGGERED' | 'RESET',
  at: number,
  extra: Partial<ActivityRecord> & { sourceName?: string } = {},
): ActivityRecord {
  const { sourceName = 'Disk free space < 10%', ...rest } = extra;
  return {
    id: nextId++,
    deviceId,
    activityTime: at,
    activityType: 'CONDITION',
    statusCode: status,
    severity: 'MAJOR',
    seriesUid: series,
    subject: 'Disk space low',
    message: null,
    raw: { sourceName, subject: 'Disk space low' },
    ...rest,
  };
}

describe('alert volume kept as condition activities land', () => {
  it('counts triggers and resets per hour and severity, once per activity, ignoring other activity', () => {
    const first = condition(1000, 'series-a', 'TRIGGERED', t0 + 5 * 60_000, { severity: 'CRITICAL' });
    cache.alerts.upsertMany([
      {
        uid: 'series-a',
        deviceId: 1000,
        severity: 'CRITICAL',
        priority: null,
        sourceType: null,
        sourceName: null,
        conditionName: null,
        subject: null,
        message: null,
        createdAt: first.activityTime,
        updatedAt: null,
        raw: {},
      },
    ]);
    cache.activities.insertMany([
      first,
      condition(1001, 'series-b', 'TRIGGERED', t0 + 40 * 60_000),
      // A reset without a severity of its own counts under its alert's.
      condition(1000, 'series-a', 'RESET', t0 + HOUR + 60_000, { severity: null }),
      { ...condition(1002, 'series-c', 'TRIGGERED', t0), activityType: 'SYSTEM', statusCode: 'NODE_UPDATED' },
    ]);
    // Delivered again (relay and sync both saw it): not counted twice.
    cache.activities.insertMany([first]);

    const volume = cache.dashboard.alerts.alertVolume([t0, t0 + HOUR, t0 + 2 * HOUR, t0 + 3 * HOUR]);
    expect(volume.buckets.map((b) => [b.triggered, b.reset])).toEqual([
      [{ CRITICAL: 1, MAJOR: 1 }, {}],
      [{}, { CRITICAL: 1 }],
      [{}, {}],
    ]);
    expect(volume.historyFrom).toBe(t0);
  });

  it('says history is known from where the backfill read, not from the first alert it found', () => {
    cache.activities.insertMany([condition(1000, 's', 'TRIGGERED', t0)]);
    cache.syncState.setCheckpoint('dashboard.conditionHistoryFrom', String(t0 - 30 * DAY), t0);
    expect(cache.dashboard.alerts.alertVolume([t0 - HOUR, t0 + HOUR]).historyFrom).toBe(t0 - 30 * DAY);
  });
});

describe('noisiest devices and conditions', () => {
  it('ranks by triggers since the day asked and marks series that triggered again as flapping', () => {
    const flap = [0, 1, 2].flatMap((i) => [
      condition(1000, 'flap', 'TRIGGERED', t0 + i * HOUR),
      condition(1000, 'flap', 'RESET', t0 + i * HOUR + 600_000),
    ]);
    cache.activities.insertMany([
      ...flap,
      condition(1000, 'cpu', 'TRIGGERED', t0 + 1000, { sourceName: 'CPU above 90%', severity: 'MODERATE' }),
      condition(1001, 'other', 'TRIGGERED', t0 + 2000),
      condition(1002, 'cpu-2', 'TRIGGERED', t0 + 3000, { sourceName: 'CPU above 90%', severity: 'MINOR' }),
      // Before the window: not counted.
      condition(1003, 'old', 'TRIGGERED', t0 - 3 * DAY),
    ]);
    const noisy = cache.dashboard.alerts.noisiest(t0 - DAY + 5, 10);
    expect(noisy.since).toBe(t0 - DAY - ((t0 - DAY) % DAY));
    expect(noisy.devices.map((d) => [d.deviceId, d.triggers, d.alerts, d.flapping])).toEqual([
      [1000, 4, 2, 1],
      [1001, 1, 1, 0],
      [1002, 1, 1, 0],
    ]);
    expect(noisy.devices[0]!.deviceName).toBe(fleetRecords(40, 3).devices[0]!.name);
    expect(
      noisy.conditions.map((c) => [c.condition, c.triggers, c.devices, c.flapping, c.maxSeverity]),
    ).toEqual([
      ['Disk free space < 10%', 4, 2, 1, 'MAJOR'],
      ['CPU above 90%', 2, 2, 0, 'MODERATE'],
    ]);
  });
});

describe('the noisiest ranking as the dashboard asks for it', () => {
  it('is read once a minute while alerts arrive one by one, and at once when many land together', async () => {
    let now = t0 + DAY;
    const handlers = dashboardHandlers(cache, () => now);
    const ask = async () =>
      await handlers['dashboard.noisiest'](
        { since: t0 - DAY, limit: 5 },
        { signal: new AbortController().signal },
      );
    const triggers = (deviceId: number, n: number, series: string) =>
      cache.activities.insertMany(
        Array.from({ length: n }, (_, i) => condition(deviceId, `${series}-${i}`, 'TRIGGERED', t0 + i)),
      );
    triggers(1000, 40, 'a');
    expect(await ask()).toMatchObject({ devices: [{ deviceId: 1000, triggers: 40 }] });

    // Alerts keep arriving, a few at a time; an open dashboard asks again every second.
    triggers(1001, 2, 'b');
    now += NOISIEST_FRESH_MS - 1;
    expect((await ask()).devices.map((d) => d.deviceId)).toEqual([1000]);
    now += 1;
    expect((await ask()).devices.map((d) => [d.deviceId, d.triggers])).toEqual([
      [1000, 40],
      [1001, 2],
    ]);

    // The history read after the first sync lands at once: no waiting for the minute.
    triggers(1002, 50, 'c');
    expect((await ask()).devices.map((d) => [d.deviceId, d.triggers])).toEqual([
      [1002, 50],
      [1000, 40],
      [1001, 2],
    ]);
  });
});

describe('status samples', () => {
  it('keeps one sample a minute and leads a window with the state it starts in', () => {
    const first = cache.dashboard.status.record(t0);
    cache.dashboard.status.record(t0 + 10_000);
    cache.dashboard.status.record(t0 + 2 * HOUR);
    const total = cache.devices.count();
    expect(first?.total).toBe(total);
    expect(first!.online + first!.offline).toBe(total);
    const window = cache.dashboard.status.since(t0 + HOUR);
    expect(window.map((s) => s.at)).toEqual([t0, t0 + 2 * HOUR]);
  });

  it('takes no sample while the first sync fills the cache: the first success takes it', async () => {
    const clock = new ManualClock(t0);
    const history = startDashboardHistory({
      cache,
      clock,
      logger: silentLogger,
      changed: () => undefined,
      client: () => Promise.reject(new Error('no NinjaOne in this test')),
    });
    // Pages of the first full sync land: the cache holds part of the fleet.
    history.cacheChanged(['devices']);
    await clock.advance(5 * 60_000);
    expect(cache.dashboard.status.since(0)).toEqual([]);

    const status = { state: 'idle', lastSuccessAt: clock.now() } as SyncStatus;
    history.syncStatus(status);
    expect(cache.dashboard.status.since(0).map((s) => s.total)).toEqual([cache.devices.count()]);
    // Later status changes are sampled (at most once a minute).
    history.cacheChanged(['devices']);
    await clock.advance(60_000);
    expect(cache.dashboard.status.since(0)).toHaveLength(2);
    await history.close();
  });

  it('records nothing for an empty cache', () => {
    const empty = Cache.open(join(tempDir(), 'empty.db'));
    expect(empty.dashboard.status.record(t0)).toBeNull();
    expect(empty.dashboard.status.since(0)).toEqual([]);
    empty.close();
  });
});

describe('patch compliance snapshots', () => {
  it('keeps one snapshot per organization per day and picks the organizations with most devices to patch', () => {
    const fleet = fleetRecords(40, 3);
    cache.dashboard.compliance.snapshot('2026-11-01', t0 - DAY);
    const target = fleet.devices.filter((d) => d.organizationId === fleet.devices[0]!.organizationId);
    cache.patches.upsertMany(
      target.map((d) => ({
        deviceId: d.id,
        kind: 'os' as const,
        patchId: 'kb1',
        name: 'KB1',
        kbNumber: 'KB1',
        productIdentifier: null,
        severity: 'critical',
        patchType: null,
        status: 'FAILED',
        state: 'failed' as const,
        installedAt: null,
        collectedAt: null,
        history: false,
      })),
      null,
    );
    cache.patches.refreshRollups(target.map((d) => d.id));
    cache.dashboard.compliance.snapshot('2026-11-02', t0);
    // The same day again replaces it.
    cache.dashboard.compliance.snapshot('2026-11-02', t0 + HOUR);

    const history = cache.dashboard.compliance.history('2026-10-01', 2);
    expect(history.fleet.map((p) => [p.day, p.devices, p.failed])).toEqual([
      ['2026-11-01', 40, 0],
      ['2026-11-02', 40, target.length],
    ]);
    expect(history.organizations[0]!.organizationId).toBe(fleet.devices[0]!.organizationId);
    expect(history.organizations[0]!.points.map((p) => p.failed)).toEqual([0, target.length]);
    expect(history.organizations).toHaveLength(2);
    expect(cache.dashboard.compliance.takenAt('2026-11-02')).toBe(t0 + HOUR);
  });
});
