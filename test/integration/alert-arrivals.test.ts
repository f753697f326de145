import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertArrivals, rememberedArrivals } from '../../src/core/alerts/alert-arrivals';
import type { Core } from '../../src/core/host/core';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { startInProcessCore } from '../support/in-process-core';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { fakeTiming, testBrowser } from '../support/ninjaone';
import type { TestClient } from '../support/rpc-ws-client';
import { tempDir } from '../support/temp';

/**
 * New alerts arrive seen: what opens after the first sync is "new" (the row marker, the count on the
 * Alerts item and in the title) until someone marks it as seen or it resets.
 */
let sim: NinjaOneSimulator;
let core: Core;
let rpc: TestClient;
const pushed: string[][] = [];

beforeAll(async () => {
  const port = await freeLoopbackPort();
  sim = await startNinjaOneSimulator({
    devices: 60,
    seed: 15,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  ({ core, rpc } = await startInProcessCore({
    cachePath: join(tempDir('arrivals-'), 'cache.db'),
    opener: testBrowser().opener,
    ninjaone: { timing: fakeTiming() },
    notificationBatchMs: 1,
  }));
  rpc.on('alerts.unseenChanged', ({ uids }) => pushed.push(uids));
  const synced = new Promise<void>((resolve) => {
    const off = rpc.on('sync.status', (status) => {
      if (status.state === 'idle' && status.lastRun?.state === 'succeeded') resolve(off());
    });
  });
  await rpc.call('ninjaone.connect', { host: sim.url, clientId: sim.clientId, redirectPort: port });
  await synced;
});

afterAll(async () => {
  rpc?.close();
  await core?.close();
  await sim?.close();
});

function trigger(subject: string): string {
  const device = sim.truth.devices().find((d) => d.offline === false)!;
  return sim.control.triggerAlert({ deviceId: device.id as number, subject }).uid;
}

describe('alert arrivals', () => {
  it('does not count what the first sync found open', async () => {
    expect((await rpc.call('alerts.counts', {})).open).toBeGreaterThan(0);
    expect(await rpc.call('alerts.unseen', {})).toEqual({ uids: [] });
  });

  it('marks alerts that open later new, newest first, until seen or reset', async () => {
    const first = trigger('Disk C: free space is below 10%');
    await rpc.call('sync.now', { kind: 'incremental' });
    expect(await rpc.call('alerts.unseen', {})).toEqual({ uids: [first] });
    expect(pushed.at(-1)).toEqual([first]);

    const second = trigger('CPU above 95% for 15 minutes');
    await rpc.call('sync.now', { kind: 'incremental' });
    expect(await rpc.call('alerts.unseen', {})).toEqual({ uids: [second, first] });

    await rpc.call('alerts.acknowledge', { uids: [first] });
    expect(pushed.at(-1)).toEqual([second]);
    expect(await rpc.call('alerts.unseen', {})).toEqual({ uids: [second] });

    sim.control.resetAlert(second);
    await rpc.call('sync.now', { kind: 'incremental' });
    expect(pushed.at(-1)).toEqual([]);
    expect(await rpc.call('alerts.unseen', {})).toEqual({ uids: [] });
  });
});

describe('AlertArrivals', () => {
  it('remembers the newest arrivals only, and a re-opened alert is the newest again', () => {
    const emitted: string[][] = [];
    const arrivals = new AlertArrivals({
      unseenAmong: (uids) => new Set(uids),
      emit: ({ uids }) => emitted.push(uids),
    });
    arrivals.arrived(Array.from({ length: rememberedArrivals + 5 }, (_, i) => `a${i}`));
    const { uids } = arrivals.unseen();
    expect(uids).toHaveLength(rememberedArrivals);
    expect(uids[0]).toBe(`a${rememberedArrivals + 4}`);
    expect(uids).not.toContain('a4');
    arrivals.arrived(['a10']);
    expect(arrivals.unseen().uids[0]).toBe('a10');
    // Nothing changed: nothing is pushed again.
    const before = emitted.length;
    arrivals.arrived([]);
    expect(emitted).toHaveLength(before);
  });
});
