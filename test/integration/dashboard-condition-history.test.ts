import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/cache/repositories/dashboard/alert-history';
import { ConditionHistory } from '../../src/core/dashboard/condition-history';
import { silentLogger } from '../../src/node/logger';
import { systemClock } from '../../src/core/time/clock';
import { severities, type Severity } from '../../src/shared/contract/domain';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { hits, simulatorClient } from '../support/ninjaone';
import { syncHarness, type SyncHarness } from '../support/sync';

let sim: NinjaOneSimulator | null = null;
let harness: SyncHarness | null = null;
afterEach(async () => {
  await harness?.close();
  await sim?.close();
  harness = null;
  sim = null;
});

interface SimActivity {
  id: number;
  activityTime: number;
  activityType: string;
  statusCode: string;
  severity: string;
  seriesUid?: string;
  deviceId?: number;
}

/** The tenant's own count of condition activities since `from` (ms), per status and severity. */
function truthCounts(s: NinjaOneSimulator, from: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of s.truth.activities() as unknown as SimActivity[]) {
    if (a.activityType !== 'CONDITION' || a.activityTime * 1000 < from) continue;
    const key = `${a.statusCode} ${a.severity}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function cacheCounts(h: SyncHarness, from: number, to: number): Record<string, number> {
  const counts: Record<string, number> = {};
  const [bucket] = h.cache.dashboard.alerts.alertVolume([from, to]).buckets;
  for (const [status, byKey] of [
    ['TRIGGERED', bucket!.triggered],
    ['RESET', bucket!.reset],
  ] as const) {
    for (const sev of severities) if (byKey[sev]) counts[`${status} ${sev}`] = byKey[sev as Severity]!;
  }
  return counts;
}

/** Where the read started: the activities before it were never asked for. */
function readFrom(h: SyncHarness): number {
  return Number(h.cache.syncState.checkpoint('dashboard.conditionHistoryFrom'));
}

const hourOf = (t: number): number => t - (t % 3_600_000);

function history(h: SyncHarness, s: NinjaOneSimulator, changed: string[][] = []): ConditionHistory {
  return new ConditionHistory({
    cache: h.cache,
    client: () => Promise.resolve(simulatorClient(s, { retry: { maxAttempts: 1 } })),
    clock: systemClock,
    logger: silentLogger,
    changed: (tables) => changed.push(tables),
  });
}

describe('the 30 days of alert history read after the first sync', () => {
  it(
    'counts every condition activity of the month once and lists the alerts it counted',
    { timeout: 90_000 },
    async () => {
      sim = await startNinjaOneSimulator({ devices: 2000, seed: 41, alertHistoryDays: 30 });
      harness = syncHarness(sim);
      await harness.run('full');
      const now = Date.now();
      // Before: only the newest activity page the full pass keeps.
      const before = cacheCounts(harness, now - 31 * DAY_MS, now + DAY_MS);
      const changed: string[][] = [];
      const reader = history(harness, sim, changed);
      await reader.start();

      const from = readFrom(harness);
      expect(from).toBeGreaterThanOrEqual(now - 30 * DAY_MS);
      expect(cacheCounts(harness, hourOf(from), now + DAY_MS)).toEqual(truthCounts(sim, from));
      expect(Object.values(truthCounts(sim, from)).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
      expect(before).not.toEqual(cacheCounts(harness, hourOf(from), now + DAY_MS));
      expect(changed).toEqual([['activities', 'alerts']]);
      expect(reader.done).toBe(true);
      expect(harness.cache.dashboard.alerts.historyFrom()).toBeLessThanOrEqual(from + 1000);

      // The noisiest device's drill-down lists the alerts counted for it, past ones included.
      const noisy = harness.cache.dashboard.alerts.noisiest(now - 7 * DAY_MS, 3);
      const top = noisy.devices[0]!;
      expect(top.flapping).toBeGreaterThan(0);
      const listed = harness.cache.alerts.list({
        filter: { states: ['open', 'reset'], deviceId: top.deviceId, createdAfter: noisy.since },
        limit: 500,
      }).items;
      expect(listed).toHaveLength(top.alerts);
      expect(listed.some((a) => a.state === 'reset' && a.triggerCount > 1)).toBe(true);

      // Done once per cache: a later sync does not read it again.
      const requests = hits(sim, 'GET /v2/activities');
      await history(harness, sim).start();
      expect(hits(sim, 'GET /v2/activities')).toBe(requests);
    },
  );

  it(
    'resumes an interrupted read below the oldest activity it stored, counting nothing twice',
    { timeout: 90_000 },
    async () => {
      let activityPages = 0;
      let failing = true;
      sim = await startNinjaOneSimulator({
        devices: 2000,
        seed: 42,
        alertHistoryDays: 30,
        onRequest: (request) => {
          if (request.route !== 'GET /v2/activities') return;
          // The second page of the history read fails: NinjaOne went away midway.
          if (++activityPages === 2 && failing) {
            sim!.faults.set([{ kind: 'server_error', route: 'GET /v2/activities', status: 500, times: 1 }]);
          }
        },
      });
      harness = syncHarness(sim);
      const now = Date.now();
      // The full pass's first request is the first activity page; the history read's first comes next.
      activityPages = -10;
      await harness.run('full');
      activityPages = 0;
      await history(harness, sim).start();
      expect(harness.cache.syncState.checkpoint('dashboard.conditionHistory.olderThan')).not.toBeNull();
      expect(harness.cache.syncState.checkpoint('dashboard.conditionHistoryFrom')).toBeNull();

      failing = false;
      await history(harness, sim).start();
      const from = readFrom(harness);
      expect(cacheCounts(harness, hourOf(from), now + DAY_MS)).toEqual(truthCounts(sim, from));
      expect(harness.cache.syncState.checkpoint('dashboard.conditionHistory.olderThan')).toBeNull();
    },
  );
});
