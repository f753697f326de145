import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenAccount } from '../../src/core/ninjaone/auth/token-store';
import type { NinjaOneStatus } from '../../src/shared/contract/ninjaone';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { testKeychain, testKeychainService } from '../support/keychain';
import { testBrowser } from '../support/ninjaone';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { tempDir } from '../support/temp';
import { startWebProcess, type WebProcess } from '../support/web-process';

/**
 * The console as it runs (`npm run web`: the core in a child process, debug logging on) signs in
 * over RPC, the test playing the browser through the `shell.openExternal` event; the tokens are
 * used and rotated. Then every token and code NinjaOne issued is searched for in the SQLite cache
 * (and its WAL), in the captured logs and in everything the renderer received: none may be there.
 */
const service = testKeychainService('leak');
let sim: NinjaOneSimulator;
let web: WebProcess;
let client: TestClient;
let dir: string;
let port: number;

beforeAll(async () => {
  port = await freeLoopbackPort();
  sim = await startNinjaOneSimulator({
    devices: 25,
    seed: 4,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  dir = tempDir('ninja-leak-');
  web = await startWebProcess(['--db', join(dir, 'cache.db'), '--no-build'], {
    LOG_LEVEL: 'debug',
    ALGA_CONSOLE_KEYCHAIN_SERVICE: service,
  });
  client = await connectClient(web.origin, web.token);
});

afterAll(async () => {
  client?.close();
  await web?.stop();
  await testKeychain('leak').delete(tokenAccount);
  await sim?.close();
});

function cacheBytes(): string {
  return ['cache.db', 'cache.db-wal', 'cache.db-shm']
    .map((name) => join(dir, name))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

describe('no NinjaOne token outside the keychain', () => {
  it('keeps tokens out of the SQLite cache, the logs and the renderer after a sign-in and a refresh', async () => {
    const received: unknown[] = [];
    const statuses: NinjaOneStatus[] = [];
    const browser = testBrowser();
    client.on('shell.openExternal', (payload) => {
      received.push(payload);
      void browser.opener.open(payload.url, payload.purpose);
    });
    client.on('ninjaone.statusChanged', (status) => {
      received.push(status);
      statuses.push(status);
    });

    const connected = await client.call('ninjaone.connect', {
      host: sim.url,
      clientId: sim.clientId,
      redirectPort: port,
      redirectPath: '/callback',
    });
    received.push(connected);
    expect(connected.state).toBe('connected');
    expect(statuses.at(-1)?.state).toBe('connected');
    expect((await browser.visits[0]!).status).toBe(200);

    // The keychain holds them (so the search below looks for the right strings).
    const stored = (await testKeychain('leak').get(tokenAccount))!;
    const signedIn = sim.oauth.issued();
    expect(stored).toContain(signedIn.accessTokens.at(-1));
    expect(stored).toContain(signedIn.refreshTokens.at(-1));

    // Expire the access token on the server: removing the webhook makes the core refresh and rotate.
    sim.control.advanceClock(3700);
    const disconnected = await client.call('ninjaone.disconnect', { removeWebhook: true });
    received.push(disconnected);
    expect(disconnected).toMatchObject({ state: 'not_connected', webhookRemoved: true });
    received.push(await client.call('ninjaone.status', {}));

    const issued = sim.oauth.issued();
    expect(issued.refreshTokens.length).toBeGreaterThanOrEqual(2);
    const secrets = [...issued.accessTokens, ...issued.refreshTokens, ...issued.codes];
    const logs = web.stderr();
    expect(logs).toContain('ninjaone: connected');
    expect(logs).toContain('ninjaone: tokens renewed');
    const cache = cacheBytes();
    expect(cache).toContain(sim.clientId);
    const renderer = JSON.stringify(received);
    for (const secret of secrets) {
      expect(cache.includes(secret), 'token in the SQLite cache').toBe(false);
      expect(logs.includes(secret), 'token in the logs').toBe(false);
      expect(renderer.includes(secret), 'token sent to the renderer').toBe(false);
    }
    expect(await testKeychain('leak').get(tokenAccount)).toBeNull();
  });
});
