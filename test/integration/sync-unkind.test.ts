import { afterEach, describe, expect, it } from 'vitest';
import type { BehaviourChange } from '../../src/simulator/ninjaone';
import { rejection } from '../support/errors';
import { hits } from '../support/ninjaone';
import { syncFixtures } from '../support/sync';
import { cacheSnapshot, truthSnapshot, type Snapshot } from '../support/sync-truth';

/**
 * The sync against a NinjaOne as unkind as a real one, through the real client and engine over
 * loopback HTTP: pages capped below what the client asks, endpoint families refused (403), missing
 * (404) or failing (503), a fleet that seems to vanish, activities pruned past the checkpoint or made
 * visible late, documentation activities and deleted organizations.
 */
const fixtures = syncFixtures({ software: 'lean' });
const setup = (devices: number, behaviour: BehaviourChange = {}) => fixtures.setup(devices, 17, behaviour);

afterEach(() => fixtures.closeAll());

const without = (snapshot: Snapshot, ...parts: (keyof Snapshot)[]): Partial<Snapshot> =>
  Object.fromEntries(Object.entries(snapshot).filter(([key]) => !parts.includes(key as keyof Snapshot)));

describe('pages capped below the page size', () => {
  it('loses no device, software or patch row when the server serves 500 of the 1,000 asked', async () => {
    const { sim, sync } = await setup(700, { pageCap: 500, software: 'realistic' });
    const run = await sync.run('full');
    expect(run).toMatchObject({ state: 'succeeded', warnings: [] });
    const cached = cacheSnapshot(sync.cache);
    expect(cached.devices).toHaveLength(700);
    // Windows workstations carry 100-200 titles: tens of thousands of rows, every one of them here.
    expect(cached.software.length).toBeGreaterThan(50_000);
    expect(cached).toEqual(truthSnapshot(sim.truth));
    // And a second pass, which sweeps what it did not see, deletes nothing.
    const again = await sync.run('full');
    expect(again).toMatchObject({ state: 'succeeded', removed: 0 });
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 240_000);
});

describe('fleet queries split by organization', () => {
  it('resume a full pass at the split it was cut short in', async () => {
    const { sim, sync } = await setup(2300);
    const software = () => sim.requests.filter((r) => r.route === 'GET /v2/queries/software');
    const filterOf = (query: string): string | null => new URLSearchParams(query).get('df');
    const running = sync.run('full');
    // Cancelled once the second split of the software query is asked for.
    let first: string | null = null;
    await expect
      .poll(
        () => {
          first ??= filterOf(software()[0]?.query ?? '');
          return software().some((r) => filterOf(r.query) !== first);
        },
        { timeout: 60_000, interval: 5 },
      )
      .toBe(true);
    sync.service.cancel();
    expect((await running).state).toBe('cancelled');
    expect(first).toMatch(/^org in \(/);
    const pass = JSON.parse(sync.cache.syncState.checkpoint('full.pass')!) as { phase: string; cut: unknown };
    expect(pass.phase).toBe('software');
    expect(pass.cut).not.toBeNull();

    const before = software().length;
    expect(await sync.run()).toMatchObject({ kind: 'full', state: 'succeeded' });
    // The finished split was not asked for again.
    expect(
      software()
        .slice(before)
        .map((r) => filterOf(r.query)),
    ).not.toContain(first);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 180_000);
});

describe('a family NinjaOne refuses', () => {
  it('skips it with a named warning, ends partial, keeps syncing incrementally, and reads it again at the next reconcile', async () => {
    const { sim, sync } = await setup(400, { refusals: { '/v2/queries/software': 403 } });
    const run = await sync.run('full');
    expect(run).toMatchObject({ kind: 'full', state: 'partial', errorCode: null });
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatchObject({ family: 'software', code: 'refused', status: 403 });
    expect(run.warnings[0]!.message).toContain('GET /v2/queries/software');
    expect(run.warnings[0]!.message).toMatch(/monitoring scope/);
    // Everything else is in.
    expect(without(cacheSnapshot(sync.cache), 'software')).toEqual(
      without(truthSnapshot(sim.truth), 'software'),
    );
    expect(sync.cache.syncState.history(null, 1).items[0]).toMatchObject({
      state: 'partial',
      warnings: run.warnings,
    });
    // The schedule goes on with incremental syncs, which still move.
    expect(sync.service.status()).toMatchObject({ consecutiveFailures: 0, state: 'idle' });
    const [renamed] = sim.truth.deviceIds();
    sim.control.changeDevice(renamed!, { displayName: 'RENAMED-WHILE-REFUSED' });
    const incremental = await sync.run();
    expect(incremental).toMatchObject({ kind: 'incremental', state: 'partial' });
    expect(incremental.warnings.map((w) => w.family)).toEqual(['software']);
    expect(sync.cache.devices.get(renamed!).name).toBe('RENAMED-WHILE-REFUSED');
    // Granted again: the next full reconcile reads it.
    sim.control.setBehaviour({ refusals: {} });
    expect(await sync.run('full')).toMatchObject({ state: 'succeeded', warnings: [] });
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 120_000);

  it('without the activity log, an incremental sync still reads the alerts and waits for the full reconcile', async () => {
    const { sim, sync } = await setup(300);
    await sync.run('full');
    sim.control.setBehaviour({ refusals: { '/v2/activities': 403 } });
    const alert = sim.control.triggerAlert({ deviceId: sim.truth.deviceIds()[4]! });
    const before = hits(sim, 'GET /v2/devices-detailed');
    const run = await sync.run('incremental');
    expect(run).toMatchObject({ kind: 'incremental', state: 'partial' });
    expect(run.warnings).toEqual([expect.objectContaining({ family: 'activities', code: 'refused' })]);
    expect(run.warnings[0]!.message).toContain('changes only at each full sync');
    expect(sync.cache.alerts.get(alert.uid).state).toBe('open');
    expect(hits(sim, 'GET /v2/devices-detailed')).toBe(before);
  }, 120_000);

  it('does not delete the devices it was not allowed to read', async () => {
    const { sim, sync } = await setup(300);
    await sync.run('full');
    sim.control.setBehaviour({
      refusals: { '/v2/devices-detailed': 404, '/v2/organizations-detailed': 403 },
    });
    const run = await sync.run('full');
    expect(run.state).toBe('partial');
    expect(run.warnings.map((w) => `${w.family}:${w.code}`).sort()).toEqual([
      'devices:missing',
      'organizations:refused',
    ]);
    expect(run.removed).toBe(0);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 120_000);
});

describe('a family NinjaOne keeps failing', () => {
  it('keeps what the other families committed and reads it again at the next sync', async () => {
    const { sim, sync } = await setup(400);
    sim.faults.add({ kind: 'server_error', route: '/v2/queries/software-patch-installs', status: 503 });
    const run = await sync.run('full');
    expect(run.state).toBe('partial');
    expect(run.warnings).toEqual([
      expect.objectContaining({ family: 'software-patch-installs', code: 'failed', status: 503 }),
    ]);
    const truth = truthSnapshot(sim.truth);
    expect(without(cacheSnapshot(sync.cache), 'patches')).toEqual(without(truth, 'patches'));
    sim.faults.clear();
    const before = hits(sim, 'GET /v2/queries/software-patch-installs');
    const next = await sync.run('incremental');
    expect(next).toMatchObject({ kind: 'incremental', state: 'succeeded', warnings: [] });
    expect(hits(sim, 'GET /v2/queries/software-patch-installs')).toBeGreaterThan(before);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    expect(sync.cache.syncState.checkpoint('families.owed')).toBe('{}');
  }, 120_000);
});

describe('the mass-deletion guard', () => {
  it('holds a full pass that would delete more than 10% of the fleet until a technician confirms', async () => {
    const { sim, sync } = await setup(400);
    await sync.run('full');
    const gone = sim.truth.deviceIds().filter((_, i) => i % 5 === 0);
    for (const id of gone) sim.control.deleteDevice(id);
    const run = await sync.run('full');
    // Finished (the rows were read); only the deletion waits.
    expect(run.state).toBe('succeeded');
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatchObject({ family: 'devices', code: 'deletion_held' });
    expect(run.warnings[0]!.message).toContain(`${gone.length} of 400 devices (20%)`);
    expect(sync.cache.devices.count()).toBe(400);
    const held = sync.service.status().heldDeletion;
    expect(held).toMatchObject({ runId: run.id, devices: gone.length, organizations: 0, fleet: 400 });
    expect(held!.examples.length).toBeGreaterThan(0);

    // The guard's share is a setting: the same hold again at 25% would not be needed.
    expect((await sync.service.configure({ deletionGuardPercent: 25 })).deletionGuardPercent).toBe(25);
    await sync.service.configure({ deletionGuardPercent: 10 });

    expect(
      (await rejection(Promise.resolve().then(() => sync.service.confirmDeletion(run.id - 1)))).code,
    ).toBe('conflict');
    expect(sync.service.confirmDeletion(run.id)).toEqual({ devices: gone.length, organizations: 0 });
    expect(sync.service.status().heldDeletion).toBeNull();
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    // Title counts kept by difference equal a recount.
    const titleCounts = () =>
      sync.cache.db.prepare('SELECT id, device_count, version_count FROM software_titles ORDER BY id').all();
    const kept = titleCounts();
    sync.cache.software.refreshTitleCounts();
    expect(kept).toEqual(titleCounts());
  }, 120_000);

  it('holds the deletion of every device of an organization NinjaOne still lists, and keeps devices seen since', async () => {
    const { sim, sync } = await setup(400);
    await sync.run('full');
    const devices = sim.truth.devices();
    const counts = new Map<number, number[]>();
    for (const d of devices)
      counts.set(d.organizationId as number, [
        ...(counts.get(d.organizationId as number) ?? []),
        d.id as number,
      ]);
    const [orgId, orgDevices] = [...counts].find(([, ids]) => ids.length >= 2 && ids.length < 30)!;
    for (const id of orgDevices) sim.control.deleteDevice(id);
    const run = await sync.run('full');
    expect(run.warnings[0]).toMatchObject({ code: 'deletion_held' });
    const name = sim.truth.organizations().find((o) => o.id === orgId)!.name as string;
    expect(run.warnings[0]!.message).toContain(`every device of ${name}`);
    expect(sync.service.status().heldDeletion).toMatchObject({ devices: orgDevices.length });
    // A device the next sync finds again is not deleted by a later confirm.
    const back = sim.control.addDevice({ organizationId: orgId });
    await sync.run('incremental');
    expect(sync.service.confirmDeletion(run.id)).toEqual({ devices: orgDevices.length, organizations: 0 });
    expect(sync.cache.devices.get(back.id).name).toBe(back.displayName);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 120_000);
});

describe('the activity checkpoint', () => {
  it('starts a full reconcile, saying why, when NinjaOne pruned the activities since the checkpoint', async () => {
    const { sim, sync } = await setup(300, { retention: { days: 1 }, noise: { perDevicePerHour: 0 } });
    await sync.run('full');
    const [renamed] = sim.truth.deviceIds();
    sim.control.changeDevice(renamed!, { displayName: 'RENAMED-THEN-PRUNED' });
    // Two days later the rename's activity (and everything before it) is gone from NinjaOne.
    sim.control.advanceClock(2 * 86_400);
    const run = await sync.run('incremental');
    expect(run).toMatchObject({ kind: 'full', state: 'succeeded' });
    expect(run.warnings).toEqual([
      expect.objectContaining({ family: 'activities', code: 'checkpoint_pruned' }),
    ]);
    expect(sync.cache.devices.get(renamed!).name).toBe('RENAMED-THEN-PRUNED');
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 120_000);

  it('finds an activity NinjaOne made visible late, below one it already read', async () => {
    const { sim, sync } = await setup(300, { noise: { perDevicePerHour: 0 } });
    await sync.run('full');
    const [late, early] = sim.truth.deviceIds();
    sim.control.setBehaviour({ lateActivities: { share: 1, delaySeconds: 60 } });
    sim.control.changeDevice(late!, { displayName: 'VISIBLE-LATE' });
    sim.control.setBehaviour({ lateActivities: { share: 0 } });
    sim.control.changeDevice(early!, { displayName: 'VISIBLE-AT-ONCE' });
    await sync.run('incremental');
    expect(sync.cache.devices.get(early!).name).toBe('VISIBLE-AT-ONCE');
    expect(sync.cache.devices.get(late!).name).not.toBe('VISIBLE-LATE');
    sim.control.advanceClock(61);
    const run = await sync.run('incremental');
    expect(run).toMatchObject({ kind: 'incremental', state: 'succeeded' });
    expect(sync.cache.devices.get(late!).name).toBe('VISIBLE-LATE');
    // Applied once: the next walk skips it.
    const before = hits(sim, 'GET /v2/devices-detailed');
    await sync.run('incremental');
    expect(hits(sim, 'GET /v2/devices-detailed')).toBe(before);
  }, 120_000);
});

describe('organizations in the incremental sync', () => {
  it('reads organizations again only for organization changes, and removes a deleted one', async () => {
    const { sim, sync } = await setup(400, { noise: { perDevicePerHour: 0 } });
    await sync.run('full');
    const [first, second] = sim.truth.organizations().slice(-2);
    sim.control.documentChanged(first!.id as number);
    const before = hits(sim, 'GET /v2/organizations-detailed');
    await sync.run('incremental');
    expect(hits(sim, 'GET /v2/organizations-detailed')).toBe(before);

    sim.control.deleteOrganization(second!.id as number);
    const run = await sync.run('incremental');
    expect(run).toMatchObject({ kind: 'incremental', state: 'succeeded', warnings: [] });
    expect(hits(sim, 'GET /v2/organizations-detailed')).toBeGreaterThan(before);
    expect(sync.cache.organizations.knownIds().organizations.has(second!.id as number)).toBe(false);
    expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
  }, 120_000);
});
