import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { maxPageSize } from '../../src/core/ninjaone';
import { startSyncCli, type SyncCliSummary } from '../support/sync-cli';
import { printReport, round, type BenchRow } from './report';
import { measureFloor } from './sync-floor';

/**
 * `npm run bench -- sync`: full syncs of 1,000, 10,000 and 50,000 simulated devices (every phase:
 * organizations, devices, alerts, software, OS and third-party patches, antivirus), each by the
 * headless `npm run sync` in a child process (so its peak RSS is its own) against a simulator in this
 * process; then 1% of the devices change through the simulator's control API and an incremental sync
 * runs; and the floor: the same rows inserted by a bare prepared-statement loop into the same schema.
 * Times are the sync runs' own wall times (process start-up excluded).
 */
async function runSync(sim: NinjaOneSimulator, db: string, full: boolean): Promise<SyncCliSummary> {
  const args = ['--instance', sim.url, '--db', db, ...(full ? ['--full'] : [])];
  const { summary, stderr } = await startSyncCli(args, { NINJAONE_ACCESS_TOKEN: sim.accessToken }).done;
  if (!summary?.ok || !summary.run) throw new Error(`sync failed: ${summary?.errorMessage ?? stderr}`);
  return summary;
}

/** Changes 1% of the fleet the ways a tenant changes: renames, moves, devices going offline, deletions, new devices. */
function changeOnePercent(sim: NinjaOneSimulator): number {
  const ids = sim.truth.deviceIds();
  const organizations = sim.truth.organizations().map((o) => o.id as number);
  const count = Math.ceil(ids.length / 100);
  const step = Math.floor(ids.length / count);
  for (let i = 0; i < count; i++) {
    const id = ids[i * step]!;
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        sim.control.changeDevice(id, { displayName: `RENAMED-${id}` });
        break;
      case 4:
      case 5:
        sim.control.changeDevice(id, { organizationId: organizations[i % organizations.length]! });
        break;
      case 6:
      case 7:
        sim.control.setOffline(id, true);
        break;
      case 8:
        sim.control.deleteDevice(id);
        break;
      default:
        sim.control.addDevice({ organizationId: organizations[i % organizations.length]! });
    }
  }
  return count;
}

export async function benchSync(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const rows: BenchRow[] = [];
  const json: Record<string, unknown> = {};
  try {
    for (const devices of [1_000, 10_000, 50_000]) {
      const sim = await startNinjaOneSimulator({ devices, seed: 1 });
      try {
        const label = `${devices / 1000}k`;
        const db = join(dir, `sync-${devices}.db`);
        const before = sim.requests.length;
        const full = await runSync(sim, db, true);
        const deviceCalls = sim.requests
          .slice(before)
          .filter((r) => r.route === 'GET /v2/devices-detailed').length;
        const floor = measureFloor(sim.truth, join(dir, `floor-${devices}.db`));
        const changed = changeOnePercent(sim);
        const incremental = await runSync(sim, db, false);
        const fullRun = full.run!;
        const incrementalRun = incremental.run!;
        const fullMs = fullRun.durationMs!;
        const incrementalMs = incrementalRun.durationMs!;
        // A page of what the server serves (its cap may be below what is asked), and the empty one.
        const pageSize = Math.min(maxPageSize.ids, sim.control.behaviour.pageCap);
        const deviceCallGoal = Math.ceil(devices / pageSize) + 1;
        // An incremental sync makes one request per endpoint family (about 9) however few devices
        // changed, so the 5% goals are read at 10,000 and 50,000 devices, where 1% is 100 and 500.
        const incrementalGoal = devices >= 10_000 ? '<= 5' : '';
        rows.push(
          { metric: `full ${label}: wall time`, value: round(fullMs / 1000, 2), unit: 's' },
          { metric: `full ${label}: devices/s`, value: Math.round(devices / (fullMs / 1000)), unit: 'dev/s' },
          { metric: `full ${label}: rows written`, value: floor.rows, unit: 'rows' },
          { metric: `full ${label}: API calls`, value: fullRun.apiCalls, unit: 'calls' },
          {
            metric: `full ${label}: device API calls`,
            value: deviceCalls,
            unit: 'calls',
            goal: `<= ${deviceCallGoal}`,
          },
          { metric: `full ${label}: read`, value: round(fullRun.bytesRead / 1e6, 1), unit: 'MB' },
          {
            metric: `full ${label}: peak RSS`,
            value: full.peakRssMb,
            unit: 'MB',
            goal: devices === 50_000 ? '< 400' : '',
          },
          { metric: `floor ${label}: bare inserts`, value: round(floor.ms / 1000, 2), unit: 's' },
          {
            metric: `full ${label}: time / floor`,
            value: round(fullMs / floor.ms, 2),
            unit: 'x',
            goal: devices === 10_000 ? '<= 3' : '',
          },
          { metric: `incremental ${label}: devices changed`, value: changed, unit: 'devices' },
          { metric: `incremental ${label}: wall time`, value: round(incrementalMs / 1000, 3), unit: 's' },
          {
            metric: `incremental ${label}: time / full`,
            value: round((100 * incrementalMs) / fullMs, 1),
            unit: '%',
            goal: incrementalGoal,
          },
          { metric: `incremental ${label}: API calls`, value: incrementalRun.apiCalls, unit: 'calls' },
          {
            metric: `incremental ${label}: calls / full`,
            value: round((100 * incrementalRun.apiCalls) / fullRun.apiCalls, 1),
            unit: '%',
            goal: incrementalGoal,
          },
        );
        json[`devices${label}`] = {
          fullMs,
          floorMs: Math.round(floor.ms),
          incrementalMs,
          fullCalls: fullRun.apiCalls,
          deviceCalls,
          incrementalCalls: incrementalRun.apiCalls,
          peakRssMb: full.peakRssMb,
        };
      } finally {
        await sim.close();
      }
    }
    printReport('sync', rows, json);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
