import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { syncHarness, type SyncHarness } from '../support/sync';

/**
 * Fleet query cursors that die two seconds after the query starts (NinjaOne's deadline model), over a
 * fleet of 20,000 devices: one query of the whole fleet could never finish in time, and a client that
 * restarts it from the beginning gives up. Split by organization (and large organizations by device
 * id), each split fits its cursor's life; a split cut short is read again, smaller.
 */
let sim: NinjaOneSimulator;
let sync: SyncHarness;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({
    devices: 20_000,
    seed: 23,
    behaviour: { software: 'lean', cursor: { model: 'deadline', ttlSeconds: 2 } },
  });
  sync = syncHarness(sim);
}, 120_000);
afterAll(async () => {
  await sync?.close();
  await sim?.close();
});

describe('query cursors that expire every 2 seconds', () => {
  it('still complete a full sync of 20,000 devices', async () => {
    const started = Date.now();
    const run = await sync.run('full');
    const seconds = (Date.now() - started) / 1000;
    expect(run, JSON.stringify(run.warnings)).toMatchObject({ state: 'succeeded', warnings: [] });
    // Cursors did expire under it: the splits that outlived theirs were read again, smaller.
    const expired = sim.requests.filter((r) => r.status === 400 && r.route?.startsWith('GET /v2/queries/'));
    expect(expired.length).toBeGreaterThan(0);
    console.log(JSON.stringify({ seconds, apiCalls: run.apiCalls, expiredCursors: expired.length }));
    // Every device and every software row (row-for-row equality is sync-unkind.test.ts's, at 700).
    const truth = sim.truth.counts();
    const count = (table: string): number =>
      sync.cache.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect(count('devices')).toBe(truth.devices);
    expect(count('device_software')).toBe(truth.softwareInstalls);
    expect(sync.cache.db.prepare('SELECT count(*) FROM devices WHERE patches_synced = 1').pluck().get()).toBe(
      truth.devices,
    );
    expect(sync.cache.syncState.checkpoint('full.pass')).toBeNull();
  }, 600_000);
});
