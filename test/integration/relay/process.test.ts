import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite/sqlite-store';
import {
  activity,
  createToken,
  metricsText,
  postWebhook,
  runRelayCli,
  send,
  TEST_SECRET,
} from '../../support/relay';
import { relayProcesses } from '../../support/relay-harness';
import { openStream } from '../../support/sse-client';
import { tempDir } from '../../support/temp';

const startRelay = relayProcesses();

async function gauge(url: string, name: string): Promise<number> {
  const text = await metricsText(url);
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

describe('npm run relay', () => {
  it('refuses to start with a message that says what is missing', async () => {
    const noStore = await runRelayCli([], { RELAY_WEBHOOK_SECRET: TEST_SECRET });
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toContain('say where to keep events: --db <sqlite file>');
    const noSecret = await runRelayCli(['--db', join(tempDir('relay-cli-'), 'r.db')], {
      RELAY_WEBHOOK_SECRET: '',
    });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('No webhook secret');
    expect(noSecret.stderr).not.toMatch(/\n\s+at /);
    const typo = await runRelayCli(['--db', 'r.db', '--prot', '8787'], { RELAY_WEBHOOK_SECRET: TEST_SECRET });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--prot'");
  });

  it('finishes a request in flight on SIGTERM, ends streams, then exits 0', async () => {
    const db = join(tempDir('relay-shutdown-'), 'relay.db');
    const tokenStore = await SqliteRelayStore.open(db);
    const token = await createToken(tokenStore, 'alice');
    await tokenStore.close();
    const relay = await startRelay(['--db', db]);
    const stream = await openStream(relay.url, token, {});
    expect(stream.status).toBe(200);

    // A webhook whose body is still on its way when the relay is told to stop.
    const body = JSON.stringify(activity(77));
    const port = Number(new URL(relay.url).port);
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (c) => (answer += c.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /webhooks/ninjaone HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nX-Relay-Secret: ${TEST_SECRET}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
    );
    // In flight: the half-sent webhook, the stream, and the metrics request asking.
    const deadline = Date.now() + 10_000;
    while ((await gauge(relay.url, 'relay_http_requests_in_flight')) < 3) {
      if (Date.now() > deadline) throw new Error('the relay never saw the half-sent webhook');
    }

    const exited = relay.stop('SIGTERM');
    await stream.ended;
    await expect(postWebhook(relay.url, activity(78))).rejects.toThrow();
    socket.write(body.slice(20));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"status":"accepted"');
    expect(await exited).toBe(0);

    const store = await SqliteRelayStore.open(db);
    const events = await store.readEvents(0, 10);
    await store.close();
    expect(events.map((e) => JSON.parse(e.data).id)).toEqual([77]);
  });

  it('logs JSON lines without the webhook secret or console tokens, even at debug level', async () => {
    const db = join(tempDir('relay-logs-'), 'relay.db');
    const tokenStore = await SqliteRelayStore.open(db);
    const token = await createToken(tokenStore, 'alice');
    await tokenStore.close();
    const relay = await startRelay(['--db', db, '--log-level', 'debug']);
    await postWebhook(relay.url, activity(1));
    await postWebhook(relay.url, activity(2), { 'X-Relay-Secret': `${TEST_SECRET}-wrong` });
    await postWebhook(relay.url, '{"id": "not a number"}');
    const stream = await openStream(relay.url, token, { after: 0 });
    await stream.until((e) => e.length === 1);
    await send(`${relay.url}/v1/ledger/s-1/claim`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ by: 'Alice' }),
    });
    await openStream(relay.url, `${token}x`, {});
    stream.close();
    expect(await relay.stop('SIGTERM')).toBe(0);

    const lines = relay.stderr().trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String) });
    expect(lines.some((l) => l.includes('refused a webhook') && l.includes('unauthorized'))).toBe(true);
    expect(relay.stderr()).not.toContain(TEST_SECRET);
    expect(relay.stderr()).not.toContain(token.slice(12));
  });
});
