import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Relay } from '../../../src/relay/relay';
import { activity, consoleCall, createToken, postWebhook } from '../../support/relay';
import { relayHarness } from '../../support/relay-harness';
import type { openStream, TestStream } from '../../support/sse-client';

const harness = relayHarness();

async function instances(
  count: number,
  options: { now?: () => number; tokenCheckMs?: number } = {},
  settings: Record<string, unknown> = {},
) {
  const store = harness.store('postgres');
  // Started together: they race to create the schema, one migrates under the advisory lock.
  const started = await Promise.all(
    Array.from({ length: count }, () => harness.relay({ ...store, ...settings }, options)),
  );
  const token = await createToken(started[0]!.store, 'alice');
  const open = (relay: Relay, opts: Parameters<typeof openStream>[2] = {}, as = token) =>
    harness.stream(relay.url, as, opts);
  return {
    relays: started,
    token,
    open,
    url: store.databaseUrl as string,
    schema: store.databaseSchema as string,
  };
}

const ids = (s: TestStream) => s.events.map((e) => Number(e.id));

describe('relay on PostgreSQL, several instances', () => {
  it('a webhook accepted by A reaches a stream on B, in one global order on every instance', async () => {
    const {
      relays: [a, b],
      token,
      open,
    } = await instances(2);
    const onA = await open(a!, { after: 0 });
    const onB = await open(b!, { after: 0 });
    const sends = [];
    for (let i = 1; i <= 200; i++) sends.push(postWebhook((i % 2 ? a! : b!).url, activity(i)));
    for (let i = 0; i < 6; i++)
      sends.push(
        consoleCall((i % 2 ? a! : b!).url, token, 'POST', `/v1/ledger/series-${i}/claim`, { by: 'Alice' }),
      );
    const answers = await Promise.all(sends);
    expect(answers.every((x) => x.status === 200)).toBe(true);

    await onA.until((e) => e.length === 206, 15_000, '206 events on A');
    await onB.until((e) => e.length === 206, 15_000, '206 events on B');
    const expected = Array.from({ length: 206 }, (_, i) => i + 1);
    expect(ids(onA)).toEqual(expected);
    expect(ids(onB)).toEqual(expected);
    expect(onB.events.map((e) => JSON.stringify(e.data))).toEqual(
      onA.events.map((e) => JSON.stringify(e.data)),
    );
    // Each answer's seq is where that activity sits in the shared order.
    const webhookSeqs = answers.slice(0, 200).map((x) => x.json<{ seq: number }>().seq);
    for (const [i, seq] of webhookSeqs.entries())
      expect((onB.events[seq - 1]!.data.activity as { id: number }).id).toBe(i + 1);
  });

  it('deduplicates one activity delivered to two instances at once', async () => {
    const {
      relays: [a, b],
    } = await instances(2);
    for (let round = 0; round < 20; round++) {
      const id = 5000 + round;
      const answers = await Promise.all([
        postWebhook(a!.url, activity(id)),
        postWebhook(b!.url, activity(id)),
      ]);
      const bodies = answers.map((x) => x.json<{ status: string; seq: number }>());
      expect(bodies.map((x) => x.status).sort()).toEqual(['accepted', 'duplicate']);
      expect(bodies[0]!.seq).toBe(bodies[1]!.seq);
    }
    expect(await a!.store.readEvents(0, 100)).toHaveLength(20);
  });

  it('resumes on B from a position seen on A, and keeps streaming after the LISTEN connection drops', async () => {
    const {
      relays: [a, b],
      open,
      url,
      schema,
    } = await instances(2);
    for (let i = 1; i <= 10; i++) await postWebhook(a!.url, activity(i));
    const resumed = await open(b!, { lastEventId: '6' });
    await resumed.until((e) => e.length === 4);
    expect(ids(resumed)).toEqual([7, 8, 9, 10]);

    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [`alga-relay-listen ${schema}`.slice(0, 63)],
      );
      expect(killed.rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    for (let i = 11; i <= 15; i++) await postWebhook(a!.url, activity(i));
    await resumed.until((e) => e.length === 9, 15_000, 'events committed while B was reconnecting');
    expect(ids(resumed)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it("counts a console token's rate limit on every instance together, per route, until its window ends", async () => {
    const {
      relays: [a, b],
      token,
    } = await instances(2, {}, { ledgerWritesPerMinute: 3, silencesPerMinute: 3, rateLimitWindowSeconds: 4 });
    const bob = await createToken(a!.store, 'bob');
    const claim = (relay: Relay, as: string, i: number) =>
      consoleCall(relay.url, as, 'POST', `/v1/ledger/series-${i}/claim`, { by: 'Alice' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await claim(i % 2 ? b! : a!, token, i));
    expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 429]);
    const retryAfter = Number(answers[3]!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(4);
    expect(answers[3]!.json().message).toMatch(/more than 3 such requests in 4 seconds; retry in/);
    // Another token, and another kind of write, have allowances of their own.
    expect((await claim(a!, bob, 10)).status).toBe(200);
    const silence = { until: Date.now() + 3_600_000, by: 'Alice', reason: null };
    expect((await consoleCall(b!.url, token, 'PUT', '/v1/silences/42', silence)).status).toBe(200);

    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await claim(b!, token, 20)).status).toBe(200);
  });

  it('lets a console write through when its rate limit cannot be counted', async () => {
    const {
      relays: [a],
      token,
      url,
      schema,
    } = await instances(1, {}, { ledgerWritesPerMinute: 1 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`DROP TABLE ${schema}.relay_request_windows`);
    } finally {
      await admin.end();
    }
    for (const series of ['first', 'second'])
      expect(
        (await consoleCall(a!.url, token, 'POST', `/v1/ledger/${series}/claim`, { by: 'Alice' })).status,
      ).toBe(200);
  });

  it('retention, reset, token revocation and token names work the same as on SQLite', async () => {
    let clock = Date.UTC(2026, 10, 1);
    const {
      relays: [a, b],
      open,
    } = await instances(2, { now: () => clock, tokenCheckMs: 200 });
    for (let i = 1; i <= 5; i++) await postWebhook(a!.url, activity(i));
    clock += 8 * 86_400_000;
    await postWebhook(a!.url, activity(6));
    expect(await b!.prune()).toBe(5);
    const old = await open(b!, { after: 2 });
    await old.until((e) => e.length === 1);
    expect(old.events[0]!.data).toEqual({ type: 'reset', reason: 'retention', head: 6 });

    await expect(a!.store.createToken('alice', 'another-hash', clock)).rejects.toThrow('exists already');
    const bobToken = await createToken(a!.store, 'bob');
    const bobOnB = await open(b!, {}, bobToken);
    expect(bobOnB.status).toBe(200);
    expect(await a!.store.revokeToken('bob', clock)).toMatchObject({ name: 'bob' });
    await bobOnB.ended;
    expect((await a!.store.listTokens()).map((t) => [t.name, t.revokedAt !== null])).toEqual([
      ['alice', false],
      ['bob', true],
    ]);
  });
});
