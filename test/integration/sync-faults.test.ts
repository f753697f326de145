import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import type { SyncRun } from '../../src/shared/contract/sync';
import { syncHarness, type SyncHarness } from '../support/sync';
import { cacheSnapshot, truthSnapshot, type Snapshot } from '../support/sync-truth';

/**
 * NinjaOne misbehaving: a fifth of all answers are 429 (with Retry-After) or 503, and a fleet query's
 * cursor expires midway. The sync retries, restarts the query, resumes a run that gave up, and ends
 * with exactly the cache a fault-free sync builds. (Backoff waits are virtual: the client's timing is
 * a fake clock, so the test does not sleep.)
 */
let sim: NinjaOneSimulator;
const open: SyncHarness[] = [];

beforeAll(async () => {
  sim = await startNinjaOneSimulator({ devices: 1500, seed: 21, behaviour: { software: 'lean' } });
});
afterAll(async () => {
  for (const h of open) await h.close();
  await sim.close();
});

/**
 * Runs until a run succeeds, as the scheduler does: after a failure the next run resumes the pass;
 * after a partial one (a family kept failing) the next run reads that family again.
 */
async function syncUntilSucceeded(sync: SyncHarness, kind: 'full' | 'incremental'): Promise<SyncRun[]> {
  const runs: SyncRun[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const run = await sync.run(runs.length === 0 ? kind : undefined);
    runs.push(run);
    if (run.state === 'succeeded') return runs;
    if (run.state === 'partial') expect(run.warnings.every((w) => w.code === 'failed')).toBe(true);
    else expect(['rate_limited', 'upstream_unavailable']).toContain(run.errorCode);
  }
  throw new Error(`no run succeeded: ${JSON.stringify(runs.map((r) => r.errorMessage))}`);
}

describe('sync under faults', () => {
  it('ends with the same cache as without faults, full and incremental', async () => {
    const clean = syncHarness(sim);
    const faulty = syncHarness(sim);
    open.push(clean, faulty);
    expect((await clean.run('full')).state).toBe('succeeded');
    const expected: Snapshot = cacheSnapshot(clean.cache);
    expect(expected).toEqual(truthSnapshot(sim.truth));

    const requestsBefore = sim.requests.length;
    sim.faults.set([
      { kind: 'rate_limit', route: '*', rate: 0.1, retryAfter: 'seconds', retryAfterSeconds: 2 },
      { kind: 'server_error', route: '*', rate: 0.1, status: 503 },
      { kind: 'expire_cursor', route: '/v2/queries/software', times: 1 },
    ]);
    await syncUntilSucceeded(faulty, 'full');
    expect(cacheSnapshot(faulty.cache)).toEqual(expected);

    const served = sim.requests.slice(requestsBefore);
    const failed = served.filter((r) => r.faults.includes('rate_limit') || r.faults.includes('server_error'));
    expect(failed.length / served.length).toBeGreaterThan(0.1);
    expect(failed.length / served.length).toBeLessThan(0.3);
    expect(served.filter((r) => r.faults.includes('expire_cursor'))).toHaveLength(1);

    // Changes while NinjaOne still misbehaves: the incremental sync gets them all too.
    const ids = sim.truth.deviceIds();
    sim.control.deleteDevice(ids[1]!);
    sim.control.changeDevice(ids[2]!, { displayName: 'FAULTY-RENAMED' });
    sim.control.setOffline(ids[3]!, true);
    sim.control.addDevice({});
    await syncUntilSucceeded(faulty, 'incremental');
    sim.faults.clear();
    expect(cacheSnapshot(faulty.cache)).toEqual(truthSnapshot(sim.truth));
  }, 180_000);
});
