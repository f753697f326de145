import { afterEach, describe, expect, it, vi } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { ManualClock } from '../support/manual-clock';
import { syncHarness, type SyncHarness } from '../support/sync';

/**
 * An agent that stops checking in makes no activity, and raises no alert unless a policy says so:
 * only the scheduled status sweep (every 5 minutes by default) tells the console, and it costs a walk
 * of the basic device list, nothing else.
 */
const sims: NinjaOneSimulator[] = [];
const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const s of sims.splice(0)) await s.close();
});

const minutes = (n: number): number => n * 60_000;

describe('the scheduled status sweep', () => {
  it('shows an agent gone offline without an alert at the next sweep, reading only the device list', async () => {
    const sim = await startNinjaOneSimulator({
      devices: 1200,
      seed: 23,
      behaviour: { software: 'lean', noise: { perDevicePerHour: 0 } },
    });
    sims.push(sim);
    const clock = new ManualClock(Date.now());
    const sync = syncHarness(sim, { clock });
    harnesses.push(sync);
    await sync.run('full');
    // The run's end schedules the next sweep (and the next incremental sync, 15 minutes away).
    await vi.waitFor(() => expect(clock.nextAt).not.toBeNull());

    const laptop = sim.truth
      .devices()
      .find((d) => d.nodeClass === 'WINDOWS_WORKSTATION' && d.offline === false)!.id as number;
    const lastContact = sync.cache.devices.get(laptop).lastContact;
    sim.control.advanceClock(120);
    sim.control.setOffline(laptop, true);
    expect(sim.truth.alerts().some((a) => a.deviceId === laptop)).toBe(false);
    const before = sim.requests.length;
    const readByFullSync = sync.service.status().statusReadAt!;

    await clock.advance(minutes(4));
    expect(sim.requests.length).toBe(before);
    expect(sync.cache.devices.get(laptop).agentStatus).toBe('online');

    await clock.advance(minutes(1) + 30_000);
    // The Assets view's "Status read …" moves when the sweep has finished.
    await vi.waitFor(() => expect(sync.service.status().statusReadAt).toBeGreaterThan(readByFullSync), {
      timeout: 20_000,
      interval: 50,
    });
    expect(sync.cache.devices.get(laptop).agentStatus).toBe('offline');
    expect(sync.cache.devices.get(laptop).lastContact).toBeGreaterThanOrEqual(lastContact ?? 0);
    const calls = sim.requests.slice(before);
    // 1,200 devices at the server's 500 a page: three pages and the empty one that ends the walk.
    expect(new Set(calls.map((c) => c.route))).toEqual(new Set(['GET /v2/devices']));
    expect(calls.length).toBeLessThanOrEqual(4);
  }, 120_000);
});
