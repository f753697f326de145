import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite/sqlite-store';
import { activity, metricsText, postWebhook, send, TEST_SECRET } from '../../support/relay';
import { relayProcesses } from '../../support/relay-harness';
import { tempDir } from '../../support/temp';

const startRelay = relayProcesses();

type Outcome = number | 'closed' | 'client-timeout';

interface Hostile {
  kind: string;
  /** What to send: pieces, with a pause before each piece after the first. */
  pieces: (string | Buffer)[];
  pauseMs?: number;
  /** Half-close the connection after the last piece (the sender gives up). */
  end?: boolean;
}

/** Sends raw bytes on a fresh connection; the outcome is the status code, or 'closed' without one. */
function exchange(port: number, hostile: Hostile): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      socket.destroy();
      resolve(outcome);
    };
    // The relay must deal with every sender itself; this only catches a relay that never does.
    const guard = setTimeout(() => finish('client-timeout'), 15_000);
    socket.on('data', (c) => {
      answer += c.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      if (status && answer.includes('\r\n\r\n')) finish(Number(status[1]));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      finish(status ? Number(status[1]) : 'closed');
    });
    const send = async (): Promise<void> => {
      for (const [i, piece] of hostile.pieces.entries()) {
        if (i > 0 && hostile.pauseMs) await new Promise((r) => setTimeout(r, hostile.pauseMs));
        if (settled || socket.destroyed) return;
        socket.write(piece);
      }
      if (hostile.end) socket.end();
    };
    socket.once('connect', () => void send());
  });
}

function post(
  body: string | Buffer,
  headers: Record<string, string | number> = {},
): string[] | (string | Buffer)[] {
  const all: Record<string, string | number> = {
    Host: 'relay',
    'Content-Type': 'application/json',
    'X-Relay-Secret': TEST_SECRET,
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
    ...headers,
  };
  const head = `POST /webhooks/ninjaone HTTP/1.1\r\n${Object.entries(all)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
  return [head, body];
}

function hostileRequests(): Hostile[] {
  const list: Hostile[] = [];
  const add = (kind: string, count: number, make: (i: number) => Omit<Hostile, 'kind'>) => {
    for (let i = 0; i < count; i++) list.push({ kind, ...make(i) });
  };
  const valid = (i: number) => JSON.stringify(activity(100_000 + i));
  const invalidJson = [
    '{',
    '{"id": 1,}',
    "{'id': 1}",
    '{"id": 01}',
    'null garbage',
    '{"id": 1}}',
    '\u0000',
    'NaN',
  ];
  add('invalid JSON', 200, (i) => ({
    pieces: post(invalidJson[i % invalidJson.length]! + ' '.repeat(i % 7)),
  }));
  add('invalid UTF-8', 20, () => ({
    pieces: post(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0xff, 0xfe, 0x7d])),
  }));
  const wrongTypes = [
    (i: number) => ({ id: String(i) }),
    (i: number) => ({ id: i + 0.5 }),
    (i: number) => ({ id: -i - 1 }),
    () => ({ id: 2 ** 60 }),
    (i: number) => ({ id: i + 1, activityTime: true }),
    (i: number) => ({ id: i + 1, device: 'laptop' }),
    (i: number) => ({ id: i + 1, seriesUid: { $ne: null } }),
    (i: number) => ({ id: i + 1, data: [1, 2, 3] }),
    (i: number) => [{ id: i + 1 }],
    () => ({ __proto__: { id: 1 }, activityType: 'CONDITION' }),
    () => 'a string',
    () => 12345,
  ];
  add('wrong types', 240, (i) => ({ pieces: post(JSON.stringify(wrongTypes[i % wrongTypes.length]!(i))) }));
  add('deeply nested', 10, () => ({ pieces: post('['.repeat(100_000) + ']'.repeat(100_000)) }));
  add('oversize, declared', 60, (i) => ({ pieces: post(valid(i).padEnd(300_000, ' ')) }));
  add('oversize, chunked', 40, (i) => {
    const body = valid(i).padEnd(300_000, ' ');
    const [head] = post('', { 'Content-Length': '', 'Transfer-Encoding': 'chunked' });
    return { pieces: [head!, `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`] };
  });
  add('lying Content-Length', 30, (i) => ({ pieces: post(valid(i), { 'Content-Length': 400_000_000 }) }));
  add('missing secret', 120, (i) => ({ pieces: post(valid(i), { 'X-Relay-Secret': '' }) }));
  add('wrong secret', 120, (i) => ({
    pieces: post(valid(i), { 'X-Relay-Secret': i % 2 ? TEST_SECRET.toUpperCase() : `${TEST_SECRET}x` }),
  }));
  add('secret in another header', 20, (i) => ({
    pieces: post(valid(i), { 'X-Relay-Secret': '', Authorization: `Bearer ${TEST_SECRET}` }),
  }));
  const types = [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
    'application/jsonx',
  ];
  add('wrong content type', 100, (i) => ({
    pieces: post(valid(i), { 'Content-Type': types[i % types.length]! }),
  }));
  add('malformed HTTP', 30, (i) => ({
    pieces: [
      ['GARBAGE\r\n\r\n', 'POST /webhooks/ninjaone HTTP/9.9\r\n\r\n', '\x16\x03\x01\x02\x00\x01\x00'][i % 3]!,
    ],
  }));
  add('huge headers', 10, (i) => ({ pieces: post(valid(i), { 'X-Filler': 'a'.repeat(20_000) }) }));
  add('truncated body', 20, (i) => {
    const [head, body] = post(valid(i));
    return { pieces: [head!, String(body).slice(0, 30)], pauseMs: 10, end: true };
  });
  // Slow senders: headers a byte at a time, a body that trickles, a body that never comes.
  add('slow headers', 10, (i) => ({ pieces: [...String(post(valid(i))[0]).slice(0, 40)], pauseMs: 150 }));
  add('slow body', 10, (i) => {
    const [head, body] = post(valid(i));
    return { pieces: [head!, ...String(body).slice(0, 40)], pauseMs: 150 };
  });
  add('stalled body', 10, (i) => ({ pieces: [post(valid(i))[0]!] }));
  return list;
}

describe('relay bad-input test', () => {
  it(
    'answers 1,000+ hostile requests with 4xx or a closed connection, keeps serving, stores none',
    { timeout: 120_000 },
    async () => {
      const db = join(tempDir('relay-hostile-'), 'relay.db');
      const relay = await startRelay(['--db', db, '--request-timeout-seconds', '1']);
      const port = Number(new URL(relay.url).port);
      const hostile = hostileRequests();
      expect(hostile.length).toBeGreaterThanOrEqual(1000);

      const outcomes: { kind: string; outcome: Outcome }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 40 }, async () => {
          while (next < hostile.length) {
            const request = hostile[next++]!;
            outcomes.push({ kind: request.kind, outcome: await exchange(port, request) });
          }
        }),
      );

      const unacceptable = outcomes.filter(
        ({ outcome }) =>
          !(outcome === 'closed' || (typeof outcome === 'number' && outcome >= 400 && outcome < 500)),
      );
      expect(unacceptable).toEqual([]);
      expect(outcomes).toHaveLength(hostile.length);
      const byKind = (kind: string) => new Set(outcomes.filter((o) => o.kind === kind).map((o) => o.outcome));
      expect(byKind('invalid JSON')).toEqual(new Set([400]));
      expect(byKind('wrong types')).toEqual(new Set([400]));
      expect(byKind('missing secret')).toEqual(new Set([401]));
      expect(byKind('wrong secret')).toEqual(new Set([401]));
      expect(byKind('wrong content type')).toEqual(new Set([415]));
      expect(byKind('oversize, declared')).toEqual(new Set([413]));
      expect(byKind('huge headers')).toEqual(new Set([431]));
      for (const slow of ['slow headers', 'slow body', 'stalled body'])
        expect([...byKind(slow)].every((o) => o === 408 || o === 'closed')).toBe(true);

      // Still serving, and a good webhook is still taken.
      expect((await send(`${relay.url}/healthz`, { agent: false })).status).toBe(200);
      expect((await postWebhook(relay.url, activity(1))).status).toBe(200);
      const metrics = await metricsText(relay.url);
      expect(metrics).toMatch(/^relay_webhooks_received_total 1$/m);
      expect(
        Number(/^relay_webhooks_rejected_total\{reason="unauthorized"\} (\d+)$/m.exec(metrics)?.[1]),
      ).toBe(260);

      await relay.stop('SIGTERM');
      const store = await SqliteRelayStore.open(db);
      const stored = await store.readEvents(0, 10_000);
      await store.close();
      expect(stored.map((e) => JSON.parse(e.data).id)).toEqual([1]);
    },
  );
});
