import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../../src/node/logger';
import type { Timing } from '../../src/core/time/clock';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { simulatedTiming, simulatorClient } from '../support/ninjaone';
import { syncHarness, type SyncHarness } from '../support/sync';
import { cacheSnapshot, truthSnapshot } from '../support/sync-truth';

/**
 * The console against a NinjaOne that rate-limits each endpoint: a full sync still completes and
 * converges, with its 429s and waits in the run's history, whether the 429 carries Retry-After or
 * not; a console whose budget is under the server's limit meets no 429 at all; the simulator's
 * budget is switched from the `/_sim` control API. Time is virtual and shared with the simulator,
 * so its buckets refill as the client waits.
 */
const sims: NinjaOneSimulator[] = [];
const harnesses: SyncHarness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const s of sims.splice(0)) await s.close();
});

async function setup(
  budget: NonNullable<Parameters<typeof startNinjaOneSimulator>[0]>['requestBudget'],
  clientBudget = { requestsPerSecond: 10, burst: 20 },
): Promise<{ sim: NinjaOneSimulator; sync: SyncHarness }> {
  const sim = await startNinjaOneSimulator({
    devices: 300,
    seed: 3,
    requestBudget: budget,
    behaviour: { software: 'lean', noise: { perDevicePerHour: 0 } },
  });
  sims.push(sim);
  const timing = simulatedTiming(sim);
  const sync = syncHarness(sim, { client: { timing, budget: clientBudget } });
  harnesses.push(sync);
  return { sim, sync };
}

const throttled = (sim: NinjaOneSimulator): number => sim.requests.filter((r) => r.status === 429).length;

describe('a NinjaOne that answers 429', () => {
  for (const retryAfter of ['seconds', 'absent'] as const) {
    it(
      `completes a full sync under a per-endpoint budget (Retry-After ${retryAfter}) and records its waits`,
      {
        timeout: 120_000,
      },
      async () => {
        const { sim, sync } = await setup({ requestsPerSecond: 2, burst: 3, retryAfter });
        const run = await sync.run('full');
        expect(run).toMatchObject({ kind: 'full', state: 'succeeded' });
        expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
        expect(throttled(sim)).toBeGreaterThan(0);
        expect(run.throttled).toBe(throttled(sim));
        expect(run.apiCalls).toBe(sim.requests.length);
        // Each 429 paused the host at least until a token was back (half a second at 2 a second).
        expect(run.waitMs).toBeGreaterThanOrEqual(run.throttled * 250);
        expect(sync.cache.syncState.history(null, 1).items[0]).toMatchObject({
          waitMs: run.waitMs,
          throttled: run.throttled,
        });
      },
    );
  }

  it(
    'meets no 429 when its own budget is under the server limit, and waits instead',
    { timeout: 120_000 },
    async () => {
      const { sim, sync } = await setup(
        { requestsPerSecond: 5, burst: 5, retryAfter: 'absent' },
        { requestsPerSecond: 4, burst: 4 },
      );
      const run = await sync.run('full');
      expect(run.state).toBe('succeeded');
      expect(throttled(sim)).toBe(0);
      expect(run.throttled).toBe(0);
      // Every request past the burst of 4 waited its quarter second.
      expect(run.waitMs).toBeGreaterThanOrEqual((run.apiCalls - 4) * 250 - 1);
      expect(cacheSnapshot(sync.cache)).toEqual(truthSnapshot(sim.truth));
    },
  );

  it(
    'pauses the whole host after a 429 without Retry-After: a remote connect on another client waits it out',
    { timeout: 60_000 },
    async () => {
      const sim = await startNinjaOneSimulator({
        devices: 20,
        seed: 3,
        requestBudget: {
          requestsPerSecond: 0.1,
          burst: 1,
          retryAfter: 'absent',
          route: 'GET /v2/organizations',
        },
      });
      sims.push(sim);
      // Real time (the pause is measured on the wall clock); the backoff's jitter at its ceiling.
      const timing: Timing = {
        now: () => Date.now(),
        random: () => 1,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      };
      const retry = { baseDelayMs: 600, maxAttempts: 2 };
      const budget = { requestsPerSecond: 100, burst: 100 };
      let paused: (() => void) | null = null;
      const pausedOnce = new Promise<void>((resolve) => (paused = resolve));
      const logger: Logger = {
        ...silentLogger,
        info: (msg, fields) => {
          if (msg === 'ninjaone: retrying' && fields?.cause === 429) paused?.();
        },
      };
      // The sync's walk and a technician's remote connect: two clients of one host, one budget.
      const walk = simulatorClient(sim, { timing, retry, budget, logger });
      const technician = simulatorClient(sim, { timing, retry, budget });
      const device = sim.truth.deviceIds()[0]!;
      expect((await technician.dashboardUrl(device)).url).toBeTruthy();
      const unpaused = Date.now();
      await technician.dashboardUrl(device);
      const unpausedMs = Date.now() - unpaused;

      await walk.organizations().next();
      const second = walk
        .organizations()
        .next()
        .catch((error: unknown) => error);
      await pausedOnce;
      const started = Date.now();
      await technician.dashboardUrl(device);
      const waited = Date.now() - started;
      // The walk's backoff was 600 ms (no Retry-After: the first step of the backoff).
      expect(waited).toBeGreaterThanOrEqual(450);
      expect(waited).toBeGreaterThan(unpausedMs + 300);
      await second;
      expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(walk.stats.throttled);
      expect(walk.stats.throttled).toBeGreaterThan(0);
    },
  );

  it('switches the budget from the control API', async () => {
    const sim = await startNinjaOneSimulator({ devices: 20, seed: 3 });
    sims.push(sim);
    const control = (method: string, body?: unknown) =>
      fetch(`${sim.url}/_sim/request-budget`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await control('PUT', { requestsPerSecond: 0 })).status).toBe(400);
    expect((await control('PUT', { requestsPerSecond: 0.1, burst: 1, retryAfter: 'absent' })).status).toBe(
      200,
    );
    const get = (): Promise<Response> =>
      fetch(`${sim.url}/v2/devices`, { headers: { authorization: `Bearer ${sim.accessToken}` } });
    expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(await ((await control('GET')).json() as Promise<unknown>)).toMatchObject({
      limited: { 'GET /v2/devices': 1 },
    });
    expect((await control('DELETE')).status).toBe(204);
    expect((await get()).status).toBe(200);
    // The client's own retries get through once the bucket refills.
    await control('PUT', { requestsPerSecond: 1, burst: 1 });
    const client = simulatorClient(sim, { timing: simulatedTiming(sim) });
    await client.device(sim.truth.deviceIds()[0]!);
    const device = await client.device(sim.truth.deviceIds()[1]!);
    expect(device.id).toBe(sim.truth.deviceIds()[1]);
    expect(client.stats.throttled).toBe(1);
  });
});
