import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Relay } from '../../../src/relay/relay';
import { activity, postWebhook, send, TEST_SECRET } from '../../support/relay';
import { relayHarness } from '../../support/relay-harness';

const harness = relayHarness();
const sqliteRelay = (overrides: Record<string, unknown> = {}): Promise<Relay> =>
  harness.relay({ ...harness.store('sqlite'), ...overrides });

/** Sends raw bytes on a fresh connection and returns the status line (or 'closed'). */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (c) => (answer += c.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n', 1)[0] || 'closed'));
  });
}

describe('webhook intake', () => {
  it('commits an activity before answering and keeps the body exactly as sent', async () => {
    const r = await sqliteRelay();
    // Unknown fields, odd spacing and a new enum value must survive untouched.
    const raw = `{ "id": 918273645,\n  "activityTime": 1718030455.381, "statusCode": "SOMETHING_NEW", "futureField": [1, {"x": null}] }`;
    const answer = await postWebhook(r.url, raw);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ status: 'accepted', seq: 1 });
    const [event] = await r.store.readEvents(0, 10);
    expect(event).toMatchObject({ seq: 1, type: 'webhook', data: raw });
  });

  it('deduplicates on the activity id, also within one group commit', async () => {
    const r = await sqliteRelay();
    const answers = await Promise.all(
      [1, 2, 1, 3, 2, 1].map((id) => postWebhook(r.url, activity(id, { message: `copy of ${id}` }))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = answers.map((a) => a.json<{ status: string; seq: number }>());
    expect(bodies.filter((b) => b.status === 'accepted')).toHaveLength(3);
    expect(new Set(bodies.map((b) => b.seq)).size).toBe(3);
    const later = await postWebhook(r.url, activity(2));
    expect(later.json()).toEqual({ status: 'duplicate', seq: bodies[1]!.seq });
    expect(await r.store.readEvents(0, 100)).toHaveLength(3);
    expect(r.metrics.received).toBe(3);
    expect(r.metrics.duplicates).toBe(4);
  });

  it('writes concurrent webhooks in shared transactions (group commit)', async () => {
    const r = await sqliteRelay();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => postWebhook(r.url, activity(10_000 + i))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(r.metrics.committedWebhooks).toBe(300);
    expect(r.metrics.commitBatches).toBeLessThan(150);
    const seqs = answers.map((a) => a.json<{ seq: number }>().seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('refuses a missing or wrong secret with 401 and stores nothing', async () => {
    const r = await sqliteRelay();
    expect(
      (await postWebhook(r.url, activity(1), { 'X-Relay-Secret': 'wrong-secret-of-some-length' })).status,
    ).toBe(401);
    expect(
      (await postWebhook(r.url, activity(2), { 'X-Relay-Secret': TEST_SECRET.slice(0, -1) })).status,
    ).toBe(401);
    const missing = await send(`${r.url}/webhooks/ninjaone`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity(3)),
    });
    expect(missing.status).toBe(401);
    expect(await r.store.readEvents(0, 10)).toEqual([]);
    expect(r.metrics.rejectedCount('unauthorized')).toBe(3);
  });

  it('reads the secret from the configured header', async () => {
    const r = await sqliteRelay({ secretHeader: 'Authorization' });
    expect((await postWebhook(r.url, activity(1))).status).toBe(401);
    expect((await postWebhook(r.url, activity(1), { Authorization: TEST_SECRET })).status).toBe(200);
  });

  it('answers 415 to anything but JSON, 400 to bad JSON or shape, and stores none of it', async () => {
    const r = await sqliteRelay();
    const cases: [Record<string, string>, string, number][] = [
      [{ 'Content-Type': 'text/plain' }, JSON.stringify(activity(1)), 415],
      [{ 'Content-Type': 'application/x-www-form-urlencoded' }, 'id=1', 415],
      [{}, '{"id": 1,', 400],
      [{}, '', 400],
      [{}, '[{"id": 1}]', 400],
      [{}, '"just a string"', 400],
      [{}, '{"activityTime": 1718030455}', 400],
      [{}, '{"id": "918273645"}', 400],
      [{}, '{"id": 1.5}', 400],
      [{}, '{"id": -4}', 400],
      [{}, '{"id": 9007199254740993}', 400],
      [{}, '{"id": 1, "activityTime": "yesterday", "device": 5}', 400],
      [{}, '{"id": 1, "seriesUid": 42}', 400],
      [{}, '{"id": 1, "device": {"id": "x"}}', 400],
    ];
    for (const [headers, body, status] of cases) {
      const answer = await postWebhook(r.url, body, headers);
      expect({ body, status: answer.status }).toEqual({ body, status });
    }
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"id": 7, "message": "'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(
      (
        await send(`${r.url}/webhooks/ninjaone`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Relay-Secret': TEST_SECRET },
          body: invalidUtf8,
        })
      ).status,
    ).toBe(400);
    expect(await r.store.readEvents(0, 10)).toEqual([]);
    expect(r.metrics.rejectedCount('unsupported_media_type')).toBe(2);
    expect(r.metrics.rejectedCount('bad_json')).toBe(3);
    expect(r.metrics.rejectedCount('bad_shape')).toBe(10);
  });

  it('accepts a tolerant shape: optional fields missing or null, ISO activity time', async () => {
    const r = await sqliteRelay();
    for (const body of [
      { id: 1 },
      { id: 2, activityTime: '2026-11-01T10:00:00Z', seriesUid: null, device: null, data: null },
      { id: 3, activityType: 'BRAND_NEW_TYPE', device: { id: 5, somethingElse: true } },
    ]) {
      expect((await postWebhook(r.url, body)).status).toBe(200);
    }
  });

  it('refuses bodies over the limit with 413, declared or streamed', async () => {
    const r = await sqliteRelay({ bodyLimitBytes: 4096 });
    const big = JSON.stringify(activity(1, { message: 'x'.repeat(5000) }));
    expect((await postWebhook(r.url, big)).status).toBe(413);
    // Chunked, without a Content-Length: cut off while reading.
    const chunked = await rawRequest(
      r.port,
      `POST /webhooks/ninjaone HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Relay-Secret: ${TEST_SECRET}\r\nTransfer-Encoding: chunked\r\n\r\n${(5000).toString(16)}\r\n${'{'.padEnd(5000, ' ')}\r\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 413|^closed$/);
    expect((await postWebhook(r.url, activity(2))).status).toBe(200);
    expect(await r.store.readEvents(0, 10)).toHaveLength(1);
    expect(r.metrics.rejectedCount('too_large')).toBe(2);
  });

  it('answers 405 to other methods and 404 to other paths', async () => {
    const r = await sqliteRelay();
    expect((await send(`${r.url}/webhooks/ninjaone`)).status).toBe(405);
    expect((await send(`${r.url}/webhooks/other`, { method: 'POST' })).status).toBe(404);
  });
});
