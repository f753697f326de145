import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { silentLogger } from '../../src/node/logger';
import { NinjaOneConnection } from '../../src/core/ninjaone';
import { tokenAccount } from '../../src/core/ninjaone/auth/token-store';
import { MemorySecretStore } from '../../src/core/secrets/memory-store';
import type { NinjaOneStatus } from '../../src/shared/contract/ninjaone';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import {
  collect,
  fakeTiming,
  hits,
  idleBrowser,
  testBrowser,
  type FakeTiming,
  type TestBrowser,
} from '../support/ninjaone';
import { tempDir } from '../support/temp';
import { rejection } from '../support/errors';

/**
 * Sign-in end to end over real HTTP: the console opens the authorize URL through its opener, the
 * test plays the browser (follows NinjaOne's redirect to the loopback server), the code is exchanged
 * with the PKCE verifier, the tokens go to the secret store; then refresh ahead of expiry and after a
 * 401 (one refresh for many callers), rotation, a reused refresh token, and disconnect.
 */
let sim: NinjaOneSimulator;
let port: number;
const path = '/callback';

beforeAll(async () => {
  port = await freeLoopbackPort();
  sim = await startNinjaOneSimulator({
    devices: 60,
    seed: 11,
    redirectUris: [`http://127.0.0.1:${port}${path}`],
  });
});
afterAll(async () => {
  await sim?.close();
});

const open: Cache[] = [];
afterEach(() => {
  for (const cache of open.splice(0)) cache.close();
  sim.faults.clear();
  sim.oauth.controls.consent = 'allow';
});

function setup(
  options: {
    secrets?: MemorySecretStore;
    cachePath?: string;
    timing?: FakeTiming;
    browser?: TestBrowser;
    signInTimeoutMs?: number;
  } = {},
) {
  const cache = Cache.open(options.cachePath ?? join(tempDir('ninja-signin-'), 'cache.db'));
  open.push(cache);
  const secrets = options.secrets ?? new MemorySecretStore();
  const browser = options.browser ?? testBrowser();
  const timing = options.timing ?? fakeTiming();
  const statuses: NinjaOneStatus[] = [];
  const connection = new NinjaOneConnection({
    settings: cache.settings,
    secrets,
    opener: browser.opener,
    logger: silentLogger,
    timing,
    signInTimeoutMs: options.signInTimeoutMs ?? 10_000,
    onStatus: (status) => statuses.push(status),
  });
  return { cache, secrets, browser, timing, statuses, connection };
}

const connectInput = () => ({
  host: sim.url,
  clientId: sim.clientId,
  redirectPort: port,
  redirectPath: path,
});

async function storedTokens(
  secrets: MemorySecretStore,
): Promise<{ accessToken: string; refreshToken: string | null; expiresAt: number }> {
  return JSON.parse((await secrets.get(tokenAccount))!) as {
    accessToken: string;
    refreshToken: string | null;
    expiresAt: number;
  };
}

describe('sign-in', () => {
  it('signs in through the browser and the loopback redirect, and stores the tokens in the secret store', async () => {
    const { connection, secrets, browser, statuses } = setup();
    const status = await connection.connect(connectInput());
    expect(status).toMatchObject({
      state: 'connected',
      host: new URL(sim.url).host,
      clientId: sim.clientId,
      canRefresh: true,
      reason: null,
    });
    expect(status.scopes).toEqual(['monitoring', 'management', 'control', 'offline_access']);
    expect(status.redirectUri).toBe(`http://127.0.0.1:${port}${path}`);
    expect(statuses.at(-1)).toEqual(status);

    expect(browser.opened).toHaveLength(1);
    expect(browser.opened[0]!.purpose).toBe('sign-in');
    const authorize = new URL(browser.opened[0]!.url);
    expect(authorize.pathname).toBe('/ws/oauth/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}${path}`);
    expect(authorize.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    const visit = await browser.visits[0]!;
    expect(visit.status).toBe(200);
    expect(visit.page).toMatch(/return to the Alga Technician Console/);
    expect(visit.page).not.toContain(new URL(visit.redirectedTo!).searchParams.get('code'));

    const issued = sim.oauth.issued();
    const tokens = await storedTokens(secrets);
    expect(issued.accessTokens).toContain(tokens.accessToken);
    expect(issued.refreshTokens).toContain(tokens.refreshToken);

    const client = await connection.client();
    const devices = await collect(client.devices());
    expect(devices.items).toHaveLength(60);
  });

  it('answers the loopback only once: the port is closed after the sign-in', async () => {
    const { connection, browser } = setup();
    await connection.connect(connectInput());
    const visit = await browser.visits[0]!;
    await expect(fetch(visit.redirectedTo!)).rejects.toThrow();
  });

  it('ignores an answer with the wrong state and keeps waiting for the right one', async () => {
    let forged: { status: number; page: string } | null = null;
    const browser = testBrowser({
      beforeRedirect: async (redirect) => {
        const fake = new URL(redirect);
        fake.searchParams.set('state', 'forged-state');
        fake.searchParams.set('code', 'attacker-code');
        const answer = await fetch(fake);
        forged = { status: answer.status, page: await answer.text() };
      },
    });
    const { connection } = setup({ browser });
    const status = await connection.connect(connectInput());
    expect(status.state).toBe('connected');
    expect(forged).toMatchObject({ status: 400 });
    expect(forged!.page).toMatch(/not the one the console is waiting for/);
  });

  it('reports a refused consent and stays disconnected', async () => {
    sim.oauth.controls.consent = 'deny';
    const { connection, browser } = setup();
    const error = await rejection(connection.connect(connectInput()));
    expect(error.code).toBe('refused');
    expect(error.message).toContain(new URL(sim.url).host);
    expect(error.message).toMatch(/access_denied/);
    expect((await browser.visits[0]!).page).toMatch(/did not sign you in/);
    expect((await connection.status()).state).toBe('not_connected');
  });

  it('times out when the browser never comes back, and frees the port', async () => {
    const { connection } = setup({ browser: idleBrowser(), signInTimeoutMs: 300 });
    const error = await rejection(connection.connect(connectInput()));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not finish/);
    const again = setup();
    expect((await again.connection.connect(connectInput())).state).toBe('connected');
  });

  it('can be cancelled while waiting for the browser', async () => {
    const { connection } = setup({ browser: idleBrowser() });
    const controller = new AbortController();
    const pending = connection.connect(connectInput(), controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(pending)).code).toBe('cancelled');
  });

  it('says so when the redirect port is taken by another program', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const error = await rejection(setup().connection.connect(connectInput()));
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(String(port));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe('refresh', () => {
  it('refreshes ahead of expiry, rotates the refresh token, and stores it before using the new access token', async () => {
    const { connection, secrets, timing } = setup();
    await connection.connect(connectInput());
    const first = await storedTokens(secrets);
    const client = await connection.client();
    const tokenCalls = hits(sim, 'POST /ws/oauth/token');
    timing.advance(3600_000 - 60_000);
    // When the rotated tokens reach the keychain, no API call has used the new access token yet.
    const apiCallsWhenStored: number[] = [];
    const apiCallsBefore = hits(sim, 'GET /v2/device/:id');
    const original = secrets.set.bind(secrets);
    secrets.set = async (account, value) => {
      apiCallsWhenStored.push(hits(sim, 'GET /v2/device/:id'));
      await original(account, value);
    };
    const device = await client.device(1000);
    expect(device.id).toBe(1000);
    expect(hits(sim, 'POST /ws/oauth/token') - tokenCalls).toBe(1);
    expect(apiCallsWhenStored).toEqual([apiCallsBefore]);
    expect(hits(sim, 'GET /v2/device/:id')).toBe(apiCallsBefore + 1);
    const second = await storedTokens(secrets);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    // The old refresh token is dead on the server now.
    const reuse = await fetch(`${sim.url}/ws/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refreshToken!,
        client_id: sim.clientId,
      }),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_token' });
  });

  it('renews once after a 401 however many calls were refused at the same time', async () => {
    const { connection } = setup();
    await connection.connect(connectInput());
    const client = await connection.client();
    sim.control.advanceClock(3700);
    const tokenCalls = hits(sim, 'POST /ws/oauth/token');
    const ids = sim.truth.deviceIds().slice(0, 8);
    const devices = await Promise.all(ids.map((id) => client.device(id)));
    expect(devices.map((d) => d.id)).toEqual(ids);
    expect(hits(sim, 'POST /ws/oauth/token') - tokenCalls).toBe(1);
    expect((await connection.status()).state).toBe('connected');
  });

  it('turns a reused (stale) refresh token into needs_reconnect, once, without retrying in a loop', async () => {
    const secrets = new MemorySecretStore();
    const cachePath = join(tempDir('ninja-reuse-'), 'cache.db');
    const first = setup({ secrets, cachePath });
    await first.connection.connect(connectInput());
    const stale = (await secrets.get(tokenAccount))!;
    first.timing.advance(3600_000);
    await (await first.connection.client()).device(1000);
    first.cache.close();
    // Another copy of the console (or a restored keychain) still holds the refresh token used above.
    await secrets.set(tokenAccount, stale);
    const timing = fakeTiming();
    timing.advance(3600_000);
    const second = setup({ secrets, cachePath, timing });
    const client = await second.connection.client();
    const tokenCalls = hits(sim, 'POST /ws/oauth/token');
    const error = await rejection(client.device(1000));
    expect(error.code).toBe('needs_reconnect');
    expect(error.message).toMatch(/refused the refresh token \(invalid_token\)/);
    expect(error.message).toContain(new URL(sim.url).host);
    const again = await rejection(client.device(1001));
    expect(again.code).toBe('needs_reconnect');
    expect(hits(sim, 'POST /ws/oauth/token') - tokenCalls).toBe(1);
    const status = await second.connection.status();
    expect(status).toMatchObject({ state: 'needs_reconnect' });
    expect(status.reason).toMatch(/Reconnect NinjaOne/);
    expect(second.statuses.at(-1)?.state).toBe('needs_reconnect');
    expect(await secrets.get(tokenAccount)).toBeNull();
    // The state survives a restart, and a new sign-in clears it.
    const third = setup({ secrets, cachePath });
    expect((await third.connection.status()).state).toBe('needs_reconnect');
    expect((await rejection(third.connection.client())).code).toBe('needs_reconnect');
    expect((await third.connection.connect(connectInput())).state).toBe('connected');
  });

  it('treats tokens revoked by an administrator the same way', async () => {
    const { connection, timing } = setup();
    await connection.connect(connectInput());
    sim.oauth.revokeAll();
    timing.advance(3600_000);
    const error = await rejection((await connection.client()).device(1000));
    expect(error.code).toBe('needs_reconnect');
    expect((await connection.status()).state).toBe('needs_reconnect');
  });

  it('reports expired when NinjaOne issued no refresh token and the access token ran out', async () => {
    const app = sim.oauth.registerApp({
      platform: 'native',
      refreshGrant: false,
      redirectUris: [`http://127.0.0.1:${port}${path}`],
    });
    const { connection, timing } = setup();
    const status = await connection.connect({ ...connectInput(), clientId: app.clientId });
    expect(status).toMatchObject({ state: 'connected', canRefresh: false });
    expect(status.reason).toMatch(/no refresh token/);
    timing.advance(3601_000);
    expect((await connection.status()).state).toBe('expired');
    const error = await rejection((await connection.client()).device(1000));
    expect(error.code).toBe('needs_reconnect');
    expect(error.message).toMatch(/expired/);
  });
});

describe('disconnect', () => {
  it('removes the webhook when asked, forgets the tokens, and keeps the host for the next sign-in', async () => {
    const { connection, secrets, statuses } = setup();
    await connection.connect(connectInput());
    await (await connection.client()).putWebhook({ url: 'http://127.0.0.1:9/hook' });
    expect(sim.webhooks.configuration(sim.clientId)).not.toBeNull();
    const result = await connection.disconnect({ removeWebhook: true });
    expect(result).toMatchObject({
      state: 'not_connected',
      webhookRemoved: true,
      host: new URL(sim.url).host,
      clientId: sim.clientId,
    });
    expect(sim.webhooks.configuration(sim.clientId)).toBeNull();
    expect(await secrets.get(tokenAccount)).toBeNull();
    expect(statuses.at(-1)?.state).toBe('not_connected');
    expect((await rejection(connection.client())).code).toBe('not_connected');
  });

  it('still disconnects when the webhook cannot be removed', async () => {
    const { connection, secrets } = setup();
    await connection.connect(connectInput());
    sim.faults.add({ kind: 'server_error', route: 'DELETE /v2/webhook', status: 500 });
    const result = await connection.disconnect({ removeWebhook: true });
    expect(result).toMatchObject({ state: 'not_connected', webhookRemoved: false });
    expect(await secrets.get(tokenAccount)).toBeNull();
  });
});

describe('refresh that outlives its callers', () => {
  it('a caller that gives up mid-refresh cancels only itself: the rotated token is saved, the others get it', async () => {
    const { connection, secrets, timing, statuses } = setup();
    await connection.connect(connectInput());
    const before = await storedTokens(secrets);
    const client = await connection.client();
    timing.advance(3600_000 - 60_000);
    // NinjaOne takes a moment to answer the refresh; the first caller is cancelled meanwhile.
    sim.faults.add({ kind: 'slow', route: 'POST /ws/oauth/token', delayMs: 400, times: 1 });
    const impatient = new AbortController();
    const first = client.device(1000, impatient.signal);
    const second = client.device(1001);
    setTimeout(() => impatient.abort(), 100);
    expect((await rejection(first)).code).toBe('cancelled');
    expect((await second).id).toBe(1001);
    const after = await storedTokens(secrets);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The saved token is the one NinjaOne rotated to: the next renewal works.
    timing.advance(3600_000 - 60_000);
    expect((await client.device(1002)).id).toBe(1002);
    expect(statuses.some((s) => s.state === 'needs_reconnect')).toBe(false);
  });

  it('on a refused refresh, takes the token another process rotated in the shared keychain', async () => {
    const secrets = new MemorySecretStore();
    const cachePath = join(tempDir('ninja-shared-'), 'cache.db');
    const app = setup({ secrets, cachePath });
    await app.connection.connect(connectInput());
    // `npm run sync` starts with the same keychain entry (and cache).
    const sync = setup({ secrets, cachePath });
    const syncClient = await sync.connection.client();
    expect((await syncClient.device(1000)).id).toBe(1000);
    // The app renews first: NinjaOne rotates, and the token sync holds is dead.
    app.timing.advance(3600_000 - 60_000);
    expect((await (await app.connection.client()).device(1001)).id).toBe(1001);
    sync.timing.advance(3600_000 - 60_000);
    expect((await syncClient.device(1002)).id).toBe(1002);
    expect((await sync.connection.status()).state).toBe('connected');
    expect(sync.statuses.some((s) => s.state === 'needs_reconnect')).toBe(false);
  });
});
