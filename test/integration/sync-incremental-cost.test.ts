import { afterEach, describe, expect, it } from 'vitest';
import { INSTALLS_OVERLAP_MS } from '../../src/core/sync/installs-checkpoint';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { simulatedTiming } from '../support/ninjaone';
import { syncHarness, type SyncHarness } from '../support/sync';
import { cacheSnapshot, truthSnapshot } from '../support/sync-truth';

/**
 * An incremental sync costs what changed, not what happened: an hour of the tenant's background
 * activity (logins, patch scans, script runs from every online agent) reads nothing of the
 * inventory; a software change reads that device's software; an installed patch reads that
 * device's OS patches, the install history only since the last read (less the overlap).
 */
const sims: NinjaOneSimulator[] = [];
const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const s of sims.splice(0)) await s.close();
});

async function setup(): Promise<{ sim: NinjaOneSimulator; sync: SyncHarness }> {
  const sim = await startNinjaOneSimulator({
    devices: 400,
    seed: 41,
    behaviour: { software: 'lean', noise: { perDevicePerHour: 2 } },
  });
  sims.push(sim);
  const sync = syncHarness(sim, { client: { timing: simulatedTiming(sim) } });
  harnesses.push(sync);
  await sync.run('full');
  return { sim, sync };
}

const inventory = (sim: NinjaOneSimulator, from: number) =>
  sim.requests.slice(from).filter((r) => r.route?.startsWith('GET /v2/queries/'));

describe('incremental sync cost', () => {
  it(
    'reads nothing of the inventory for an hour of logins, patch scans and script runs',
    { timeout: 120_000 },
    async () => {
      const { sim, sync } = await setup();
      const lastActivity = sim.truth.counts().lastActivityId;
      sim.control.advanceClock(3600);
      const before = sim.requests.length;
      const run = await sync.run('incremental');
      expect(run).toMatchObject({ kind: 'incremental', state: 'succeeded' });
      // About 2 activities per online agent in the hour, all walked: the timelines have them.
      const walked = sync.cache.db
        .prepare('SELECT count(*) FROM activities WHERE id > ?')
        .pluck()
        .get(lastActivity) as number;
      expect(walked).toBeGreaterThan(400);
      const calls = sim.requests.slice(before);
      expect(inventory(sim, before)).toEqual([]);
      expect(calls.filter((c) => c.route === 'GET /v2/devices-detailed')).toEqual([]);
      expect(new Set(calls.map((c) => c.route))).toEqual(new Set(['GET /v2/activities', 'GET /v2/alerts']));
      expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    },
  );

  it(
    'reads one device’s software for a software change, and its OS patches since the last read for an install',
    { timeout: 120_000 },
    async () => {
      const { sim, sync } = await setup();
      const windows = sim.truth
        .devices()
        .filter((d) => d.nodeClass === 'WINDOWS_WORKSTATION' && d.offline === false)
        .map((d) => d.id as number);
      const [withNewSoftware, patched] = windows;
      sim.control.changeSoftware(withNewSoftware!);
      expect(sim.control.installPatch(patched!)).not.toBeNull();
      const lastRead = sync.cache.syncState.run(1)!.startedAt;
      const before = sim.requests.length;
      const run = await sync.run('incremental');
      expect(run.state).toBe('succeeded');
      const reads = inventory(sim, before);
      const software = reads.filter((r) => r.route === 'GET /v2/queries/software');
      expect(software.length).toBeGreaterThan(0);
      for (const r of software)
        expect(new URLSearchParams(r.query).get('df')).toBe(`id in (${withNewSoftware})`);
      const installs = reads.filter((r) => r.route === 'GET /v2/queries/os-patch-installs');
      expect(installs.length).toBeGreaterThan(0);
      for (const r of installs) {
        expect(new URLSearchParams(r.query).get('df')).toBe(`id in (${patched})`);
        expect(Number(new URLSearchParams(r.query).get('installedAfter'))).toBe(
          Math.floor((lastRead - INSTALLS_OVERLAP_MS) / 1000),
        );
      }
      // Nothing else of the inventory: no third-party patches, no antivirus, no other device.
      expect(new Set(reads.map((r) => r.route))).toEqual(
        new Set([
          'GET /v2/queries/software',
          'GET /v2/queries/os-patches',
          'GET /v2/queries/os-patch-installs',
        ]),
      );
      expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    },
  );
});
