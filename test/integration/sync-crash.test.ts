import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { startSyncCli, type SyncCliProcess } from '../support/sync-cli';
import { cacheSnapshot, truthSnapshot } from '../support/sync-truth';
import { tempDir } from '../support/temp';

/**
 * Crash safety: `npm run sync -- --full` in a child process is SIGKILLed at five random points of its
 * walk (right after the simulator answered the k-th request, k random) and started again each time;
 * the last run finishes, and the cache equals the simulator's truth row for row.
 */
let sim: NinjaOneSimulator;
let running: SyncCliProcess | null = null;
let killAt: number | null = null;
let served = 0;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({
    devices: 1000,
    seed: 41,
    behaviour: { software: 'lean' },
    onRequest: () => {
      served++;
      if (running && killAt !== null && served === killAt) running.child.kill('SIGKILL');
    },
  });
});
afterAll(async () => {
  running?.child.kill('SIGKILL');
  await sim.close();
});

/** A small PRNG with a printed seed, so a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sync(db: string, killAfter: number | null): SyncCliProcess {
  served = 0;
  killAt = killAfter;
  running = startSyncCli(['--instance', sim.url, '--db', db, '--full'], {
    NINJAONE_ACCESS_TOKEN: sim.accessToken,
  });
  return running;
}

describe('sync crash safety', () => {
  it('converges to the tenant after five SIGKILLs at random points of a full sync', async () => {
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const db = join(tempDir('sync-crash-'), 'cache.db');
    const requestsBefore = sim.requests.length;
    const points: number[] = [];
    // About 45 requests make a full sync of this fleet; a restart resumes, so it needs fewer.
    for (let attempt = 0; points.length < 5 && attempt < 20; attempt++) {
      const k = 1 + Math.floor(next() * 40);
      const { signal, code, stderr } = await sync(db, k).done;
      if (signal === 'SIGKILL') points.push(k);
      else expect(code, `seed ${seed}: ${stderr}`).toBe(0);
    }
    expect(points, `seed ${seed}`).toHaveLength(5);

    const { code, summary, stderr } = await sync(db, null).done;
    expect(code, `seed ${seed}, killed after requests ${points.join(', ')}: ${stderr}`).toBe(0);
    expect(summary).toMatchObject({ ok: true, devices: 1000 });

    const cache = Cache.open(db);
    try {
      expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(cacheSnapshot(cache), `seed ${seed}, killed after requests ${points.join(', ')}`).toEqual(
        truthSnapshot(sim.truth),
      );
      const states = cache.syncState.history(null, 50).items.map((r) => r.state);
      expect(states.filter((s) => s === 'interrupted')).toHaveLength(5);
      expect(states[0]).toBe('succeeded');
    } finally {
      cache.close();
    }
    // Each restart resumed: the device pages (two of 500 and the empty one, one transaction for a
    // fleet this small) were fetched once, plus at most once more for each kill.
    const devicePages = sim.requests
      .slice(requestsBefore)
      .filter((r) => r.route === 'GET /v2/devices-detailed').length;
    expect(devicePages).toBeLessThanOrEqual(3 * (1 + points.length));
  }, 120_000);
});
