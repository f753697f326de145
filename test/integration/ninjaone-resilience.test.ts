import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { collect, fakeTiming, hits, simulatorClient, staticTokens } from '../support/ninjaone';
import { rejection } from '../support/errors';

/**
 * The client against a misbehaving NinjaOne: storms of 429 (Retry-After in seconds, as an HTTP date,
 * or absent), 5xx bursts, slow answers, dropped connections, odd Content-Types, 401s and missing
 * scopes. Time is virtual (the recorded waits are asserted), so nothing here sleeps for real except
 * the short per-attempt timeouts.
 */
let sim: NinjaOneSimulator;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({ devices: 120, seed: 5 });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(() => {
  sim.faults.clear();
});

const host = (): string => new URL(sim.url).host;

/** A loopback server that records every request: where a followed redirect would have gone. */
async function trapServer(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('429 storms', () => {
  it('waits exactly the Retry-After seconds and then succeeds', async () => {
    sim.faults.add({
      kind: 'rate_limit',
      route: 'GET /v2/device/:id',
      times: 3,
      retryAfter: 'seconds',
      retryAfterSeconds: 7,
    });
    const timing = fakeTiming();
    const device = await simulatorClient(sim, { timing }).device(1001);
    expect(device.id).toBe(1001);
    expect(timing.sleeps).toEqual([7000, 7000, 7000]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    sim.faults.add({
      kind: 'rate_limit',
      route: 'GET /v2/device/:id',
      times: 1,
      retryAfter: 'http-date',
      retryAfterSeconds: 20,
    });
    const timing = fakeTiming();
    await simulatorClient(sim, { timing }).device(1002);
    expect(timing.sleeps).toHaveLength(1);
    // An HTTP date has one-second resolution and the request took a moment.
    expect(timing.sleeps[0]).toBeGreaterThan(17_000);
    expect(timing.sleeps[0]).toBeLessThanOrEqual(20_000);
  });

  it('backs off exponentially with jitter when Retry-After is absent', async () => {
    sim.faults.add({ kind: 'rate_limit', route: 'GET /v2/device/:id', times: 4, retryAfter: 'absent' });
    const timing = fakeTiming(0.5);
    await simulatorClient(sim, { timing, retry: { baseDelayMs: 400, maxDelayMs: 2000 } }).device(1003);
    // Full jitter (random 0.5) under a ceiling of 400, 800, 1600, then the 2000 cap.
    expect(timing.sleeps).toEqual([200, 400, 800, 1000]);
  });

  it('caps a huge Retry-After', async () => {
    sim.faults.add({ kind: 'rate_limit', route: 'GET /v2/device/:id', times: 1, retryAfterSeconds: 86_400 });
    const timing = fakeTiming();
    await simulatorClient(sim, { timing, retry: { retryAfterCapMs: 45_000 } }).device(1004);
    expect(timing.sleeps).toEqual([45_000]);
  });

  it('gives up after the bounded attempts with rate_limited naming the host', async () => {
    sim.faults.add({ kind: 'rate_limit', route: 'GET /v2/alerts', retryAfterSeconds: 1 });
    const before = hits(sim, 'GET /v2/alerts');
    const error = await rejection(simulatorClient(sim, { retry: { maxAttempts: 4 } }).alerts());
    expect(error.code).toBe('rate_limited');
    expect(error.message).toContain(host());
    expect(error.details).toMatchObject({ host: host(), status: 429, attempts: 4 });
    expect(hits(sim, 'GET /v2/alerts') - before).toBe(4);
  });

  it('pauses the whole host after a 429 so other callers wait instead of adding to the storm', async () => {
    sim.faults.add({ kind: 'rate_limit', route: 'GET /v2/device/:id', times: 1, retryAfterSeconds: 30 });
    // Sleeps stay pending until the test lets time pass, so the second call starts mid-pause.
    const base = Date.now();
    let offset = 0;
    const pending: (() => void)[] = [];
    const sleeps: number[] = [];
    const timing = {
      now: () => base + offset,
      random: () => 0.5,
      sleep: (ms: number) => {
        sleeps.push(ms);
        return new Promise<void>((resolve) => pending.push(resolve));
      },
    };
    const client = simulatorClient(sim, { timing });
    const waitFor = async (n: number): Promise<void> => {
      while (sleeps.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const first = client.device(1005);
    await waitFor(1);
    const before = hits(sim, 'GET /v2/device/:id');
    const second = client.device(1006);
    await waitFor(2);
    expect(hits(sim, 'GET /v2/device/:id')).toBe(before);
    offset += 30_000;
    for (const resolve of pending.splice(0)) resolve();
    expect((await Promise.all([first, second])).map((d) => d.id)).toEqual([1005, 1006]);
    expect(sleeps).toEqual([30_000, 30_000]);
  });

  it('survives a random storm across a whole paged walk', async () => {
    sim.faults.set([
      { kind: 'rate_limit', route: '*', rate: 0.3, retryAfter: 'absent' },
      { kind: 'server_error', route: '*', rate: 0.2, status: 502 },
    ]);
    const client = simulatorClient(sim, { retry: { maxAttempts: 12 } });
    const { items } = await collect(client.devicesDetailed({ pageSize: 10 }));
    expect(items.map((d) => d.id)).toEqual(sim.truth.deviceIds());
    expect(client.stats.retries).toBeGreaterThan(3);
  });
});

describe('5xx, slow answers, dropped connections, odd Content-Types', () => {
  it('retries a burst of 5xx and succeeds', async () => {
    sim.faults.add({ kind: 'server_error', route: 'GET /v2/device/:id', times: 3, status: 502 });
    const timing = fakeTiming();
    const client = simulatorClient(sim, { timing });
    expect((await client.device(1007)).id).toBe(1007);
    expect(client.stats.retries).toBe(3);
  });

  it('turns a server that stays down into upstream_unavailable', async () => {
    sim.faults.add({ kind: 'server_error', route: 'GET /v2/alerts', status: 503 });
    const error = await rejection(simulatorClient(sim).alerts());
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toMatch(new RegExp(`NinjaOne at ${host()}.*HTTP 503 after 5 attempts`));
  });

  it('times out a slow answer, retries, and reports timeout when it stays slow', async () => {
    sim.faults.add({ kind: 'slow', route: 'GET /v2/device/:id', times: 1, delayMs: 1500 });
    const client = simulatorClient(sim, { retry: { timeoutMs: 250 } });
    expect((await client.device(1008)).id).toBe(1008);
    expect(client.stats.retries).toBe(1);
    sim.faults.add({ kind: 'slow', route: 'GET /v2/alerts', delayMs: 1500 });
    const error = await rejection(
      simulatorClient(sim, { retry: { timeoutMs: 150, maxAttempts: 2 } }).alerts(),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toContain(host());
  });

  it('retries dropped connections', async () => {
    sim.faults.add({ kind: 'drop_connection', route: 'GET /v2/device/:id/software', times: 2 });
    const client = simulatorClient(sim);
    const software = await client.deviceSoftware(1000);
    expect(software.items.length).toBe(sim.truth.software(1000).length);
    expect(client.stats.retries).toBe(2);
    sim.faults.add({ kind: 'drop_connection', route: 'GET /v2/alerts' });
    const error = await rejection(simulatorClient(sim, { retry: { maxAttempts: 3 } }).alerts());
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toContain(host());
  });

  it('reads JSON whatever the Content-Type says, or when it is missing', async () => {
    sim.faults.add({ kind: 'content_type', route: 'GET /v2/alerts', contentType: 'text/html', times: 1 });
    const client = simulatorClient(sim);
    expect((await client.alerts()).items.length).toBe(sim.truth.alerts().length);
    sim.faults.add({ kind: 'content_type', route: 'GET /v2/alerts', contentType: null, times: 1 });
    expect((await client.alerts()).items.length).toBe(sim.truth.alerts().length);
  });

  it('keeps at most the configured number of requests in flight per host', async () => {
    const own = await startNinjaOneSimulator({ devices: 30, seed: 9 });
    try {
      own.faults.add({ kind: 'slow', route: 'GET /v2/device/:id', delayMs: 60 });
      let inFlight = 0;
      let peak = 0;
      const counting: typeof fetch = async (input, init) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      };
      const client = simulatorClient(own, { concurrency: 3, fetch: counting });
      const ids = own.truth.deviceIds().slice(0, 15);
      const devices = await Promise.all(ids.map((id) => client.device(id)));
      expect(devices.map((d) => d.id)).toEqual(ids);
      expect(peak).toBe(3);
    } finally {
      await own.close();
    }
  });
});

describe('authorization and errors', () => {
  it('renews once after a 401 and retries once, then gives up with unauthorized', async () => {
    const tokens = staticTokens('not-a-valid-token');
    const client = simulatorClient(sim, { tokens });
    const error = await rejection(client.device(1000));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(host());
    expect(tokens.renewals).toBe(1);
  });

  it('answers a missing scope with forbidden', async () => {
    const readOnly = sim.oauth.issueAccessToken(sim.clientId, ['monitoring']);
    const client = simulatorClient(sim, { tokens: staticTokens(readOnly) });
    expect((await client.alerts()).items.length).toBeGreaterThanOrEqual(0);
    const error = await rejection(client.dashboardUrl(1000));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/management scope/);
  });

  it('resets an alert with a DELETE that has no body, and says not_found for an unknown one', async () => {
    const client = simulatorClient(sim);
    const alert = sim.control.triggerAlert({ deviceId: 1010 });
    await client.resetAlert(alert.uid);
    expect(sim.truth.alerts().some((a) => a.uid === alert.uid)).toBe(false);
    const error = await rejection(client.resetAlert(alert.uid));
    expect(error.code).toBe('not_found');
    const withBody = await fetch(`${sim.url}/v2/alert/${alert.uid}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sim.accessToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(withBody.status).toBe(400);
  });

  it('configures and removes the webhook, and refuses a technician who is not an administrator', async () => {
    const client = simulatorClient(sim);
    await client.putWebhook({ url: 'http://127.0.0.1:9/hook', activities: { CONDITION: ['*'] } });
    expect(sim.webhooks.configuration(sim.clientId)?.url).toBe('http://127.0.0.1:9/hook');
    await client.deleteWebhook();
    expect(sim.webhooks.configuration(sim.clientId)).toBeNull();
    const technician = sim.oauth.issueAccessToken(sim.clientId, ['monitoring', 'management'], false);
    const error = await rejection(
      simulatorClient(sim, { tokens: staticTokens(technician) }).putWebhook({ url: 'http://127.0.0.1:9/x' }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/system administrators/);
  });

  it('refuses a redirect, names where it pointed, and sends the token nowhere else', async () => {
    const trap = await trapServer();
    try {
      sim.faults.add({
        kind: 'redirect',
        route: 'GET /v2/device/:id',
        location: `${trap.url}/v2/device/1000?x=1`,
      });
      const error = await rejection(simulatorClient(sim).device(1000));
      expect(error.code).toBe('refused');
      expect(error.message).toContain(`redirected GET /v2/device/1000 to ${trap.url}/v2/device/1000;`);
      expect(error.message).toMatch(/reconnect NinjaOne with its new address/);
      expect(error.message).not.toContain('x=1');
      expect(trap.requests).toEqual([]);
    } finally {
      await trap.close();
    }
  });

  it('fetches a dashboard link that expires', async () => {
    const link = await simulatorClient(sim).dashboardUrl(1000);
    expect(link.url).toMatch(/deviceDashboard\/1000/);
    expect(link.expires! * 1000).toBeGreaterThan(sim.clock.now());
  });
});
