import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/host/core';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { eventually } from '../support/eventually';
import { recordEvents, startInProcessCore } from '../support/in-process-core';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('the demo workspace', () => {
  it('signs in to its simulators, syncs, maps organizations, keeps alerts coming, and leaves a clean console', async () => {
    const { core, rpc } = await startInProcessCore({ demoOptions: { devices: 60, seed: 5, churnMs: 20 } });
    cores.push(core);
    const own = { requestsPerSecond: 4, burst: 8 };
    await rpc.call('ninjaone.setRequestBudget', own);
    const changed = recordEvents(rpc, 'app.demoChanged');
    expect(await rpc.call('app.startDemo', {})).toEqual({ active: true });
    expect(await changed.next()).toEqual({ active: true });

    const info = await rpc.call('app.info', {});
    expect(info).toMatchObject({ demo: true, deviceCount: 60 });
    expect((await rpc.call('ninjaone.status', {})).state).toBe('connected');
    const psa = await rpc.call('psa.status', {});
    expect(psa.configured).toBe(true);
    expect(psa.health.state).toBe('ok');
    // The simulator is local: the demo does not wait on a real tenant's budget.
    expect((await rpc.call('ninjaone.requestBudget', {})).requestsPerSecond).toBeGreaterThanOrEqual(100);
    const mapped = await rpc.call('mapping.list', { filter: { states: ['mapped'] }, limit: 100 });
    expect(mapped.items.length).toBeGreaterThan(0);
    expect((await rpc.call('sync.history', { limit: 5 })).items[0]).toMatchObject({
      kind: 'full',
      state: 'succeeded',
    });

    // Alerts keep firing in the demo fleet; the next sync brings them in.
    const before = (await rpc.call('alerts.counts', {})).open;
    await eventually(
      async () => {
        await rpc.call('sync.now', { kind: 'incremental' });
        return (await rpc.call('alerts.counts', {})).open !== before;
      },
      10_000,
      'a demo alert to fire or reset',
    );

    expect(await rpc.call('app.leaveDemo', {})).toEqual({ active: false });
    expect(await rpc.call('app.info', {})).toMatchObject({ demo: false, deviceCount: 0 });
    expect((await rpc.call('ninjaone.status', {})).state).toBe('not_connected');
    expect((await rpc.call('psa.status', {})).configured).toBe(false);
    expect((await rpc.call('alerts.counts', {})).open).toBe(0);
    // The technician's own budget is back for their real NinjaOne.
    expect(await rpc.call('ninjaone.requestBudget', {})).toEqual(own);
  });

  it('refuses to start over a console that holds a real fleet', async () => {
    const { core, rpc } = await startInProcessCore({ demoOptions: { devices: 10 } });
    cores.push(core);
    seedCache(core.cache, fleetRecords(3, 1));
    const error = await rpc.call('app.startDemo', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((await rpc.call('app.info', {})).demo).toBe(false);
  });
});
