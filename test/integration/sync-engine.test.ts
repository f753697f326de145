import { afterEach, describe, expect, it } from 'vitest';
import { hits } from '../support/ninjaone';
import { syncFixtures } from '../support/sync';
import { cacheSnapshot, truthSnapshot } from '../support/sync-truth';

/**
 * The NinjaOne sync against the simulator over loopback HTTP: a full sync makes the cache equal the
 * tenant, an incremental one follows what changed (deleted devices, a device moving organization,
 * alerts resetting, new devices) at a cost that follows the changes, quarantined records are counted
 * in the run history, and a cancelled or failed full pass resumes where it stopped.
 */
// The main catalogue's 40 or so titles a workstation keep these engine tests quick; the software
// volume of a real fleet (100-200 titles) is synced in sync-unkind.test.ts.
const fixtures = syncFixtures({ software: 'lean' });
const setup = (devices = 300, seed = 5) => fixtures.setup(devices, seed);

afterEach(() => fixtures.closeAll());

describe('full sync', () => {
  it('makes the cache equal the tenant, row for row, with one device call per page the server serves', async () => {
    const { sim, sync } = await setup(1200);
    const newestBefore = sim.truth.counts().lastActivityId;
    const run = await sync.run('full');
    expect(run).toMatchObject({ kind: 'full', state: 'succeeded', errorCode: null, warnings: [] });
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    // Pages of 500 (the server's cap, below the 1,000 asked), and the empty page that ends the walk.
    expect(hits(sim, 'GET /v2/devices-detailed')).toBe(Math.ceil(1200 / 500) + 1);
    const counts = sim.truth.counts();
    expect(run.added).toBe(counts.organizations + counts.devices + counts.alerts);
    expect(run.apiCalls).toBe(sim.requests.length);
    expect(run.bytesRead).toBeGreaterThan(1_000_000);
    // What the UI and the other services are told.
    expect(sync.organizationsSynced).toBe(1);
    expect(sync.alerts).toEqual([{ opened: expect.any(Array) as string[], reset: [], initial: true }]);
    expect(sync.alerts[0]!.opened).toHaveLength(counts.alerts);
    expect(new Set(sync.changes.flatMap((c) => c.tables))).toEqual(
      new Set(['organizations', 'devices', 'alerts', 'device_software', 'patches', 'antivirus']),
    );
    expect(sync.progress.length).toBeGreaterThan(0);
    expect(sync.progress.every((p) => p.runId === run.id && p.kind === 'full')).toBe(true);
    // Roll-ups the lists filter on.
    const devices = sync.cache.db
      .prepare(
        'SELECT count(*) FROM devices WHERE patches_synced = 1 AND alert_count = (SELECT count(*) FROM alerts a WHERE a.device_id = devices.id)',
      )
      .pluck()
      .get();
    expect(devices).toBe(counts.devices);
    expect(sync.cache.syncState.checkpoint('full.pass')).toBeNull();
    // The newest activity when the pass began: background activity may have come since.
    const checkpoint = Number(sync.cache.syncState.checkpoint('activities.lastId'));
    expect(checkpoint).toBeGreaterThanOrEqual(newestBefore);
    expect(checkpoint).toBeLessThanOrEqual(counts.lastActivityId);
  });

  it('rewrites nothing when nothing changed', async () => {
    const { sim, sync } = await setup();
    await sync.run('full');
    const again = await sync.run('full');
    expect(again).toMatchObject({ state: 'succeeded', added: 0, changed: 0, removed: 0 });
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  });

  it('removes devices NinjaOne no longer has at the end of a full pass', async () => {
    const { sim, sync } = await setup();
    await sync.run('full');
    const [a, b] = sim.truth.deviceIds();
    sim.control.deleteDevice(a!);
    sim.control.deleteDevice(b!);
    const run = await sync.run('full');
    expect(run.removed).toBe(2);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    expect(
      sync.cache.db
        .prepare('SELECT count(*) FROM device_software WHERE device_id IN (?, ?)')
        .pluck()
        .get(a, b),
    ).toBe(0);
  });
});

describe('incremental sync', () => {
  it('follows deleted, moved, renamed and new devices and alerts that reset, fetching only those devices', async () => {
    const { sim, sync } = await setup(600);
    await sync.run('full');
    const ids = sim.truth.deviceIds();
    const [deleted, moved, renamed] = [ids[3]!, ids[10]!, ids[20]!];
    // A laptop going offline raises no activity (and no alert: its policy has no offline condition).
    const offline = sim.truth
      .devices()
      .find((d) => d.nodeClass === 'WINDOWS_WORKSTATION' && d.offline === false && d.id !== renamed)!
      .id as number;
    const movedFrom = sim.truth.device(moved)!.organizationId as number;
    const target = sim.truth.organizations().find((o) => o.id !== movedFrom)!;
    sim.control.deleteDevice(deleted);
    sim.control.changeDevice(moved, { organizationId: target.id as number });
    sim.control.changeDevice(renamed, { displayName: 'RENAMED-LAPTOP' });
    sim.control.setOffline(offline, true);
    const added = sim.control.addDevice({ organizationId: target.id as number });
    const triggered = sim.control.triggerAlert({ deviceId: renamed });
    const resetUid = sim.truth.alerts().find((a) => a.deviceId !== deleted && a.uid !== triggered.uid)!
      .uid as string;
    sim.control.resetAlert(resetUid);
    const requestsBefore = sim.requests.length;
    sync.alerts.length = 0;

    const run = await sync.run('incremental');

    expect(run).toMatchObject({ kind: 'incremental', state: 'succeeded' });
    // Nothing told the incremental sync about the offline laptop; the status sweep reads it.
    expect(sync.cache.devices.get(offline).agentStatus).toBe('online');
    const requestsAfterIncremental = sim.requests.length;
    // Pages of 500 (the server's cap) and the empty page that ends the walk.
    expect(await sync.service.sweepStatus()).toMatchObject({ devices: 600, changed: 1, requests: 3 });
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    expect(sync.cache.devices.get(moved)).toMatchObject({
      organizationId: target.id,
      organizationName: target.name,
    });
    expect(sync.cache.devices.get(offline).agentStatus).toBe('offline');
    expect(sync.cache.devices.get(added.id).name).toBe(added.displayName);
    expect(() => sync.cache.devices.get(deleted)).toThrow(/not in the cache/);
    expect(sync.cache.alerts.get(resetUid).state).toBe('reset');
    expect(sim.truth.alerts().some((a) => a.deviceId === offline)).toBe(false);
    expect(sync.alerts).toHaveLength(1);
    expect(sync.alerts[0]!.opened).toEqual([triggered.uid]);
    expect(sync.alerts[0]!.reset).toContain(resetUid);
    // One request per family for the few devices that changed, not a walk of the fleet: the devices
    // (the page that reaches the highest id asked for is the last), and each fleet query's page of
    // rows and the empty page that ends it.
    const calls = sim.requests.slice(requestsBefore, requestsAfterIncremental);
    expect(calls.filter((c) => c.route === 'GET /v2/devices-detailed')).toHaveLength(1);
    expect(calls.filter((c) => c.route === 'GET /v2/queries/software')).toHaveLength(2);
    expect(run.apiCalls).toBe(calls.length);
    expect(run.apiCalls).toBeLessThanOrEqual(15);
    // Title counts kept by difference equal a recount.
    const titleCounts = () =>
      sync.cache.db.prepare('SELECT id, device_count, version_count FROM software_titles ORDER BY id').all();
    const kept = titleCounts();
    sync.cache.software.refreshTitleCounts();
    expect(kept).toEqual(titleCounts());
    // The walked activities are the device timelines.
    const timeline = sync.cache.activities.forDevice(renamed, null, 10).items.map((a) => a.statusCode);
    expect(timeline).toEqual(expect.arrayContaining(['NODE_UPDATED', 'TRIGGERED']));
  });

  it('costs the same few calls whatever the fleet size', async () => {
    const calls: number[] = [];
    for (const devices of [200, 2500]) {
      const { sim, sync } = await setup(devices, 9);
      await sync.run('full');
      for (const id of sim.truth.deviceIds().slice(0, 5)) sim.control.changeDevice(id, { tags: ['moved'] });
      calls.push((await sync.run('incremental')).apiCalls);
      expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    }
    expect(calls[1]).toBe(calls[0]);
  });

  it('runs a full pass when no full pass has finished yet', async () => {
    const { sim, sync } = await setup();
    const run = await sync.run('incremental');
    expect(run).toMatchObject({ state: 'succeeded', kind: 'full' });
    expect(hits(sim, 'GET /v2/devices-detailed')).toBe(2);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  });
});

describe('quarantine and resumption', () => {
  it('counts quarantined records in the run history and keeps the rest', async () => {
    const { sim, sync } = await setup();
    sim.faults.add({ kind: 'corrupt_records', route: '/v2/devices-detailed', share: 0.05, times: 1 });
    const run = await sync.run('full');
    expect(run.state).toBe('succeeded');
    expect(run.quarantined).toBeGreaterThan(0);
    const rows = sync.cache.db
      .prepare('SELECT source, record_key FROM quarantine WHERE run_id = ?')
      .all(run.id);
    expect(rows).toHaveLength(run.quarantined);
    expect(rows[0]).toMatchObject({ source: 'devices-detailed' });
    expect(sync.cache.devices.count()).toBe(sim.truth.deviceIds().length - run.quarantined);
    const history = sync.cache.syncState.history(null, 5).items[0]!;
    expect(history.quarantined).toBe(run.quarantined);
  });

  it('resumes a failed full pass where it stopped instead of starting over', async () => {
    const { sim, sync } = await setup(1500);
    await sync.run('full');
    sim.control.changeDevice(sim.truth.deviceIds()[0]!, { displayName: 'CHANGED-DURING-PASS' });
    // The connection drops on every attempt: NinjaOne cannot be reached, so the run fails.
    sim.faults.add({ kind: 'drop_connection', route: '/v2/queries/os-patch-installs' });
    const failed = await sync.run('full');
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'upstream_unavailable' });
    expect(failed.errorMessage).toContain(new URL(sim.url).host);
    sim.faults.clear();
    const before = {
      devices: hits(sim, 'GET /v2/devices-detailed'),
      software: hits(sim, 'GET /v2/queries/software'),
      osPatches: hits(sim, 'GET /v2/queries/os-patches'),
    };
    // The scheduler picks the unfinished full pass even when an incremental sync is due.
    const resumed = await sync.run();
    expect(resumed).toMatchObject({ kind: 'full', state: 'succeeded' });
    expect(hits(sim, 'GET /v2/devices-detailed')).toBe(before.devices);
    expect(hits(sim, 'GET /v2/queries/software')).toBe(before.software);
    // The patch phase resumes at the query that failed: the open OS patches were already written.
    expect(hits(sim, 'GET /v2/queries/os-patches')).toBe(before.osPatches);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  });

  it('cancels at once and the next run converges', async () => {
    const { sim, sync } = await setup(1500);
    sim.faults.add({ kind: 'slow', route: '/v2/queries/software', delayMs: 200 });
    const inSoftware = sync.whenPhase('software');
    const running = sync.run('full');
    await inSoftware;
    expect(sync.service.cancel()).toBe(true);
    expect(await running).toMatchObject({ state: 'cancelled', errorCode: 'cancelled' });
    sim.faults.clear();
    expect((await sync.run()).state).toBe('succeeded');
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  });
});
