import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/node/logger';
import { startLoopbackReceiver } from '../../src/core/ninjaone/auth/loopback';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { rawExchange } from '../support/raw-http';
import { createToken, send } from '../support/relay';
import { relayHarness } from '../support/relay-harness';
import { upgradeStatus } from '../support/rpc-ws-client';
import { tempDir } from '../support/temp';
import { startWebProcess, type WebProcess } from '../support/web-process';

/** The three requests the security review ended processes with, and the relay's 500. */
const harness = relayHarness();
let web: WebProcess | null = null;
afterEach(async () => {
  await web?.stop();
  web = null;
});

const get = (target: string, headers = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`;
const alive = (child: WebProcess['child']): boolean => child.exitCode === null && child.signalCode === null;

describe('one malformed request does not end a process', () => {
  it('npm run web answers GET /%ff with 400 and an upgrade to //[ with 404, and keeps serving', async () => {
    web = await startWebProcess(['--db', join(tempDir('web-crash-'), 'cache.db'), '--no-build']);
    const port = Number(new URL(web.origin).port);
    expect(await rawExchange(port, [get('/%ff')])).toBe(400);
    const upgrade =
      'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    expect(
      await rawExchange(port, [
        `GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n${upgrade}Origin: ${web.origin}\r\n\r\n`,
      ]),
    ).toBe(404);
    expect(alive(web.child)).toBe(true);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/rpc?token=${web.token}`, web.origin)).toBe(101);
  });

  it('the NinjaOne sign-in listener answers GET //[ with 404 and still takes the sign-in', async () => {
    const port = await freeLoopbackPort();
    const receiver = await startLoopbackReceiver({
      port,
      path: '/callback',
      state: 'the-state',
      host: 'eu.ninjarmm.com',
      timeoutMs: 20_000,
    });
    try {
      expect(await rawExchange(port, [get('//[')])).toBe(404);
      expect(await rawExchange(port, [get('/callback%ff?state=%E0%A4%A')])).toBe(404);
      expect(await rawExchange(port, [get('/callback?state=the-state&code=the-code')])).toBe(200);
      await expect(receiver.code).resolves.toBe('the-code');
    } finally {
      await receiver.close();
    }
  });

  it('the relay answers a broken series encoding with 400, not 500 and an error log', async () => {
    const lines: string[] = [];
    const relay = await harness.relay(harness.store('sqlite'), {
      logger: createLogger({ level: 'error', sink: (line) => lines.push(line) }),
    });
    const token = await createToken(relay.store, 'laptop');
    const answer = await send(`${relay.url}/v1/ledger/%E0%A4%A`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: 'bad_url' });
    expect(lines).toEqual([]);
    expect((await send(`${relay.url}/healthz`)).status).toBe(200);
  });
});
