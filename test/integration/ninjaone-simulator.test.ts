import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type Json, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { repoRoot } from '../support/web-process';

/**
 * The simulator's own behaviour as NinjaOne's reference describes it: the OAuth rules, the control
 * API and the activities and webhook deliveries it produces, the delivery fault modes, and the CLI.
 */
let sim: NinjaOneSimulator;
const redirect = 'http://127.0.0.1:48999/cb/';

beforeAll(async () => {
  sim = await startNinjaOneSimulator({
    devices: 40,
    seed: 8,
    redirectUris: [redirect],
    legacyTokenPath: true,
    // These tests count the activities their own changes record.
    behaviour: { noise: { perDevicePerHour: 0 } },
  });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(() => {
  sim.oauth.controls.consent = 'allow';
  sim.oauth.controls.allowRefreshReuse = false;
  sim.webhooks.faults = {
    dropRate: 0,
    duplicateRate: 0,
    delayMs: 0,
    reorder: false,
    disableAfterFailures: 0,
  };
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(
  params: Record<string, string>,
): Promise<{ status: number; location: URL | null; body: string }> {
  const url = new URL('/ws/oauth/authorize', sim.url);
  url.search = new URLSearchParams(params).toString();
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return {
    status: response.status,
    location: location ? new URL(location) : null,
    body: await response.text(),
  };
}

async function token(
  form: Record<string, string>,
  path = '/ws/oauth/token',
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(new URL(path, sim.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}

async function signIn(scope = 'monitoring management control offline_access'): Promise<Json> {
  const { verifier, challenge } = pkce();
  const answer = await authorize({
    response_type: 'code',
    client_id: sim.clientId,
    redirect_uri: redirect,
    scope,
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const code = answer.location!.searchParams.get('code')!;
  const exchanged = await token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirect,
    client_id: sim.clientId,
    code_verifier: verifier,
  });
  expect(exchanged.status).toBe(200);
  return exchanged.body;
}

describe('OAuth', () => {
  it('issues a code for the exact redirect URI and echoes the state', async () => {
    const { challenge } = pkce();
    const base = {
      response_type: 'code',
      client_id: sim.clientId,
      scope: 'monitoring',
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const ok = await authorize({ ...base, redirect_uri: redirect });
    expect(ok.status).toBe(302);
    expect(ok.location!.origin + ok.location!.pathname).toBe(redirect);
    expect(ok.location!.searchParams.get('state')).toBe('s1');
    expect(ok.location!.searchParams.get('code')).toBeTruthy();
    for (const wrong of [
      'http://127.0.0.1:48999/cb',
      'http://127.0.0.1:48998/cb/',
      'http://localhost:48999/cb/',
    ]) {
      const refused = await authorize({ ...base, redirect_uri: wrong });
      expect(refused.status, wrong).toBe(400);
      expect(refused.location).toBeNull();
    }
    const unknown = await authorize({ ...base, redirect_uri: redirect, client_id: 'nobody' });
    expect(JSON.parse(unknown.body)).toEqual({ resultCode: 'Client app not exist' });
  });

  it('insists on PKCE S256 for a native app and rejects scopes the app does not have', async () => {
    const base = {
      response_type: 'code',
      client_id: sim.clientId,
      redirect_uri: redirect,
      scope: 'monitoring',
      state: 's',
    };
    expect((await authorize(base)).location!.searchParams.get('error')).toBe('invalid_request');
    expect(
      (
        await authorize({ ...base, code_challenge: 'abc', code_challenge_method: 'plain' })
      ).location!.searchParams.get('error'),
    ).toBe('invalid_request');
    expect(
      (
        await authorize({
          ...base,
          code_challenge: pkce().challenge,
          code_challenge_method: 'S256',
          scope: 'monitoring admin',
        })
      ).location!.searchParams.get('error'),
    ).toBe('invalid_scope');
    sim.oauth.controls.consent = 'deny';
    const denied = await authorize({
      ...base,
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    expect(denied.location!.searchParams.get('error')).toBe('access_denied');
    expect(denied.location!.searchParams.get('state')).toBe('s');
  });

  it('makes codes single-use, short-lived and bound to the verifier', async () => {
    const { verifier, challenge } = pkce();
    const params = {
      response_type: 'code',
      client_id: sim.clientId,
      redirect_uri: redirect,
      scope: 'monitoring offline_access',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const code = (await authorize(params)).location!.searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: sim.clientId };
    expect((await token({ ...form, code_verifier: 'wrong' })).body.error).toBe('invalid_grant');
    const code2 = (await authorize(params)).location!.searchParams.get('code')!;
    const ok = await token({ ...form, code: code2, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'monitoring offline_access',
    });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect((await token({ ...form, code: code2, code_verifier: verifier })).body.error).toBe('invalid_grant');
    const code3 = (await authorize(params)).location!.searchParams.get('code')!;
    sim.control.advanceClock(61);
    expect((await token({ ...form, code: code3, code_verifier: verifier })).body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'authorization code expired',
    });
  });

  it('rotates refresh tokens on every use and answers a reused one with invalid_token', async () => {
    const first = await signIn();
    const refresh = (rt: unknown) =>
      token({ grant_type: 'refresh_token', refresh_token: rt as string, client_id: sim.clientId });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ error: 'invalid_token' });
    sim.oauth.controls.allowRefreshReuse = true;
    expect((await refresh(first.refresh_token)).status).toBe(200);
    expect(
      (
        await token(
          {
            grant_type: 'refresh_token',
            refresh_token: second.body.refresh_token as string,
            client_id: sim.clientId,
          },
          '/oauth/token',
        )
      ).status,
    ).toBe(200);
  });

  it('gives a refresh token only with offline_access', async () => {
    expect((await signIn('monitoring management')).refresh_token).toBeUndefined();
  });

  it('answers API calls without a valid token with the documented 401 body, and expired tokens too', async () => {
    const missing = await fetch(`${sim.url}/v2/devices`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: 'not_authenticated',
      error_description: 'Invalid credentials',
      error_code: 10,
    });
    const short = (await signIn()).access_token as string;
    expect(
      (await fetch(`${sim.url}/api/v2/devices?pageSize=1`, { headers: { authorization: `Bearer ${short}` } }))
        .status,
    ).toBe(200);
    sim.control.advanceClock(3601);
    expect(
      (await fetch(`${sim.url}/api/v2/devices?pageSize=1`, { headers: { authorization: `Bearer ${short}` } }))
        .status,
    ).toBe(401);
  });

  it('supports client credentials for API Services apps only', async () => {
    const api = sim.oauth.registerApp({ platform: 'api', scopes: ['monitoring'] });
    const issued = await token({
      grant_type: 'client_credentials',
      client_id: api.clientId,
      client_secret: api.clientSecret!,
      scope: 'monitoring management',
    });
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('monitoring');
    expect(issued.body.refresh_token).toBeUndefined();
    expect(
      (await token({ grant_type: 'client_credentials', client_id: api.clientId, client_secret: 'wrong' }))
        .body.error,
    ).toBe('invalid_client');
    expect((await token({ grant_type: 'client_credentials', client_id: sim.clientId })).body.error).toBe(
      'unauthorized_client',
    );
  });
});

describe('control API and webhooks', () => {
  let receiver: Server;
  let url: string;
  const received: { headers: Record<string, unknown>; body: Json }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end();
          return;
        }
        received.push({ headers: req.headers, body: JSON.parse(text) as Json });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ninja`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const control = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${sim.url}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  const putWebhook = (config: Json) =>
    fetch(`${sim.url}/v2/webhook`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sim.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(config),
    });

  it('changes the tenant over HTTP and records each change as an activity delivered to the webhook', async () => {
    received.length = 0;
    expect(
      (await putWebhook({ url, expand: ['device'], headers: [{ name: 'X-Relay-Secret', value: 's3cret' }] }))
        .status,
    ).toBe(204);
    const before = sim.truth.counts();
    const added = (
      await control('POST', '/devices', {
        organizationId: 2,
        nodeClass: 'WINDOWS_SERVER',
        displayName: 'NEW-SRV-01',
      })
    ).body as Json;
    expect(added).toMatchObject({
      displayName: 'NEW-SRV-01',
      organizationId: 2,
      nodeClass: 'WINDOWS_SERVER',
      deviceType: 'AGENT',
    });
    const id = added.id as number;
    await control('PATCH', `/devices/${id}`, { displayName: 'NEW-SRV-02' });
    await control('POST', `/devices/${id}/offline`);
    await control('POST', `/devices/${id}/online`);
    const alert = (
      await control('POST', '/alerts', {
        deviceId: id,
        sourceType: 'CONDITION_AGENT_CPU',
        severity: 'CRITICAL',
      })
    ).body as Json;
    expect((await control('DELETE', `/alerts/${alert.uid as string}`)).status).toBe(204);
    expect((await control('DELETE', `/devices/${id}`)).status).toBe(204);
    const advanced = (await control('POST', '/clock/advance', { seconds: 120 })).body as { now: number };
    expect(advanced.now).toBeGreaterThan(Date.now() + 100_000);
    await sim.webhooks.idle();
    const codes = received.map((r) => `${r.body.activityType as string}/${r.body.statusCode as string}`);
    expect(codes).toEqual([
      'SYSTEM/NODE_CREATED',
      'SYSTEM/NODE_UPDATED',
      'CONDITION/TRIGGERED',
      'CONDITION/RESET',
      'CONDITION/TRIGGERED',
      'CONDITION/RESET',
      'SYSTEM/NODE_DELETED',
    ]);
    expect(received[2]!.body).toMatchObject({ seriesUid: expect.any(String), device: { id, offline: true } });
    expect(received.every((r) => r.headers['x-relay-secret'] === 's3cret')).toBe(true);
    expect(sim.truth.counts().activities - before.activities).toBe(7);
    expect(sim.truth.device(id)).toBeNull();
    const state = (await control('GET', '/state')).body as Json;
    expect(state.lastActivityId).toBe(received.at(-1)!.body.id);
  });

  it('filters deliveries by activities and organizations, and inlines the device only when asked', async () => {
    received.length = 0;
    await putWebhook({ url, activities: { CONDITION: ['TRIGGERED'] }, organizationIds: [1] });
    const inOrg = sim.truth.devices().find((d) => d.organizationId === 1)!.id as number;
    const outOrg = sim.truth.devices().find((d) => d.organizationId !== 1)!.id as number;
    const a = sim.control.triggerAlert({ deviceId: inOrg });
    sim.control.resetAlert(a.uid);
    sim.control.triggerAlert({ deviceId: outOrg });
    sim.control.changeDevice(inOrg, { displayName: 'x' });
    await sim.webhooks.idle();
    expect(received.map((r) => r.body.statusCode)).toEqual(['TRIGGERED']);
    expect(received[0]!.body.device).toBeUndefined();
  });

  it('drops, duplicates, delays and reorders deliveries when told to', async () => {
    await putWebhook({ url });
    const device = sim.truth.deviceIds()[3]!;
    const burst = async (n: number): Promise<number[]> => {
      received.length = 0;
      const ids: number[] = [];
      for (let i = 0; i < n; i++)
        ids.push(sim.control.triggerAlert({ deviceId: device }).uid ? sim.truth.counts().lastActivityId : 0);
      await sim.webhooks.idle();
      return ids;
    };
    sim.webhooks.faults = { ...sim.webhooks.faults, dropRate: 1 };
    await burst(3);
    expect(received).toHaveLength(0);
    expect(sim.webhooks.deliveries.slice(-3).map((d) => d.outcome)).toEqual([
      'dropped',
      'dropped',
      'dropped',
    ]);

    sim.webhooks.faults = { ...sim.webhooks.faults, dropRate: 0, duplicateRate: 1 };
    const duplicated = await burst(2);
    expect(received.map((r) => r.body.id)).toEqual([
      duplicated[0],
      duplicated[0],
      duplicated[1],
      duplicated[1],
    ]);

    sim.webhooks.faults = { ...sim.webhooks.faults, duplicateRate: 0, reorder: true };
    const reordered = await burst(4);
    expect(received.map((r) => r.body.id)).toEqual([reordered[1], reordered[0], reordered[3], reordered[2]]);

    sim.webhooks.faults = { ...sim.webhooks.faults, reorder: false, delayMs: 150 };
    const started = Date.now();
    await burst(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(received).toHaveLength(1);
  });

  it('disables a webhook that keeps failing, as NinjaOne does', async () => {
    await putWebhook({ url });
    sim.webhooks.faults = { ...sim.webhooks.faults, disableAfterFailures: 2 };
    failNext = 2;
    received.length = 0;
    const device = sim.truth.deviceIds()[4]!;
    for (let i = 0; i < 3; i++) sim.control.triggerAlert({ deviceId: device });
    await sim.webhooks.idle();
    expect(received).toHaveLength(0);
    expect(sim.webhooks.configuration(sim.clientId)?.disabled).toBe(true);
    expect(sim.webhooks.deliveries.slice(-3).map((d) => d.outcome)).toEqual([
      'failed',
      'failed',
      'skipped_disabled',
    ]);
    await putWebhook({ url });
    expect(sim.webhooks.configuration(sim.clientId)?.disabled).toBe(false);
  });

  it('sets and clears faults over HTTP, and refuses a bad webhook configuration', async () => {
    const set = await control('PUT', '/faults', [
      { kind: 'server_error', route: 'GET /v2/alerts', times: 1 },
    ]);
    expect(set.status).toBe(200);
    const alerts = () =>
      fetch(`${sim.url}/v2/alerts`, { headers: { authorization: `Bearer ${sim.accessToken}` } });
    expect((await alerts()).status).toBe(503);
    expect((await alerts()).status).toBe(200);
    expect((await control('PUT', '/faults', [{ kind: 'nonsense' }])).status).toBe(400);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    const bad = await putWebhook({ url: 'not a url' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).errorMessage).toMatch(/url/);
    expect((await putWebhook({ url, activities: { NOT_A_TYPE: ['*'] } })).status).toBe(400);
  });
});

describe('npm run simulator', () => {
  it('prints one JSON line with the base URL, the app and a ready token, and serves until stopped', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'src/simulator/cli.ts'),
        '--devices',
        '30',
        '--seed',
        '5',
        '--port',
        '0',
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no JSON line within 30 s')), 30_000);
        createInterface({ input: child.stdout! }).once('line', (text) => {
          clearTimeout(timer);
          resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const info = JSON.parse(line) as {
        ninjaone: string;
        clientId: string;
        redirectUri: string;
        accessToken: string;
      };
      expect(info.ninjaone).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.redirectUri).toBe('http://127.0.0.1:48620/callback');
      expect(info.clientId).toBeTruthy();
      const devices = await fetch(`${info.ninjaone}/v2/devices`, {
        headers: { authorization: `Bearer ${info.accessToken}` },
      });
      expect(((await devices.json()) as unknown[]).length).toBe(30);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
