import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer } from '../../src/core/host/web-server';
import { silentLogger } from '../../src/node/logger';
import { startLoopbackReceiver } from '../../src/core/ninjaone/auth/loopback';
import { startNinjaOneSimulator } from '../../src/simulator/ninjaone';
import { startPsaSimulator } from '../../src/simulator/psa';
import { badRequests, fuzz, type FuzzTarget } from '../support/http-fuzz';
import { startInProcessCore } from '../support/in-process-core';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { rawExchange } from '../support/raw-http';
import { TEST_SECRET, send } from '../support/relay';
import { relayProcesses } from '../support/relay-harness';
import { upgradeStatus } from '../support/rpc-ws-client';
import { tempDir } from '../support/temp';

/**
 * Every HTTP listener we run, fed 2,000 generated bad requests each (loopback only, 24 at a time):
 * each must be a 4xx (or, for bytes that are not HTTP at all, a closed connection), the process
 * must stay up, and a good request must be served after every 250.
 */
const COUNT = 2000;
const startRelay = relayProcesses();
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function expectClean(report: Awaited<ReturnType<typeof fuzz>>): void {
  expect(report.deadAt, 'the listener stopped serving good requests').toBeNull();
  expect(report.unacceptable.slice(0, 10)).toEqual([]);
  expect(report.sent).toBe(COUNT);
  // The generator covered every kind of trouble.
  expect(Object.keys(report.byKind).length).toBeGreaterThanOrEqual(12);
}

describe('no generated bad request gets a 5xx or ends a listener', () => {
  it('the web host (npm run web)', { timeout: 120_000 }, async () => {
    // In this process with a stand-in renderer build: an exception out of a handler fails the test.
    const staticDir = tempDir('web-fuzz-');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    const { core } = await startInProcessCore();
    closers.push(() => core.close());
    const web = await startWebServer({ rpc: core.server, staticDir, port: 0, logger: silentLogger });
    closers.push(() => web.close());
    const port = Number(new URL(web.origin).port);
    const target: FuzzTarget = { paths: ['/', '/rpc', '/assets/index.js', '/devices'] };
    const report = await fuzz(
      port,
      badRequests(target, COUNT, 11),
      async () => (await upgradeStatus(`ws://127.0.0.1:${port}/rpc?token=${web.token}`, web.origin)) === 101,
      { servesPages: true },
    );
    expectClean(report);
  });

  it('the NinjaOne sign-in listener, during a sign-in', { timeout: 120_000 }, async () => {
    const port = await freeLoopbackPort();
    const receiver = await startLoopbackReceiver({
      port,
      path: '/callback',
      state: 'the-state',
      host: 'eu.ninjarmm.com',
      timeoutMs: 110_000,
    });
    closers.push(() => receiver.close());
    const target: FuzzTarget = { paths: ['/callback', '/callback?state=the-state', '/'] };
    const report = await fuzz(
      port,
      badRequests(target, COUNT, 12),
      async () =>
        (await rawExchange(port, [
          'GET /callback?state=stale HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        ])) === 400,
    );
    expectClean(report);
    expect(
      await rawExchange(port, [
        'GET /callback?state=the-state&code=c0de HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ]),
    ).toBe(200);
    await expect(receiver.code).resolves.toBe('c0de');
  });

  it('the relay', { timeout: 120_000 }, async () => {
    const relay = await startRelay([
      '--db',
      join(tempDir('relay-fuzz-'), 'relay.db'),
      '--request-timeout-seconds',
      '2',
    ]);
    const port = Number(new URL(relay.url).port);
    const target: FuzzTarget = {
      paths: [
        '/webhooks/ninjaone',
        '/v1/events',
        '/v1/ledger',
        '/v1/ledger/series-1/claim',
        '/v1/silences/not-a-device',
        '/v1/admin/rules',
        '/metrics',
      ],
      credentials: {
        'X-Relay-Secret': TEST_SECRET,
        Authorization: 'Bearer alga_relay_not-a-real-token-0123',
      },
    };
    const report = await fuzz(
      port,
      badRequests(target, COUNT, 13),
      async () => (await send(`${relay.url}/healthz`, { agent: false })).status === 200,
    );
    expectClean(report);
    expect(relay.child.exitCode).toBeNull();
  });

  it('the NinjaOne simulator', { timeout: 120_000 }, async () => {
    const sim = await startNinjaOneSimulator({ devices: 5, seed: 3 });
    closers.push(() => sim.close());
    const port = Number(new URL(sim.url).port);
    const target: FuzzTarget = { paths: ['/v2/devices', '/v2/device/1', '/ws/oauth/token', '/v2/webhook'] };
    const report = await fuzz(
      port,
      badRequests(target, COUNT, 14),
      async () => (await send(`${sim.url}/`, { agent: false })).status === 200,
      { servesPages: true },
    );
    expectClean(report);
  });

  it('the Alga PSA simulator', { timeout: 120_000 }, async () => {
    const sim = await startPsaSimulator({ organizationNames: ['Acme Corp'] });
    closers.push(() => sim.close());
    const port = Number(new URL(sim.baseUrl).port);
    const target: FuzzTarget = {
      paths: ['/api/v1/tickets', '/api/v1/tickets/abc/comments', '/api/v1/assets'],
      credentials: { 'x-api-key': sim.apiKey },
    };
    const report = await fuzz(
      port,
      badRequests(target, COUNT, 15),
      async () =>
        (
          await send(`${sim.baseUrl}/api/v1/tickets?limit=1`, {
            agent: false,
            headers: { 'x-api-key': sim.apiKey },
          })
        ).status === 200,
    );
    expectClean(report);
  });
});
