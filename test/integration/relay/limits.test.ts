import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { activity, consoleCall, createToken, postWebhook, send } from '../../support/relay';
import { relayHarness, type Backend } from '../../support/relay-harness';

const harness = relayHarness();
const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('relay limits per client', () => {
  it('refuses JSON nested deeper than 64 with 400, and the next good webhook streams as usual', async () => {
    const relay = await harness.relay(harness.store('sqlite'));
    const token = await createToken(relay.store, 'laptop');
    const stream = await harness.stream(relay.url, token);
    const deep = await postWebhook(
      relay.url,
      `{"id":1,"data":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
    );
    expect(deep.status).toBe(400);
    expect(deep.json()).toMatchObject({ error: 'too_deep' });
    expect((await postWebhook(relay.url, activity(2, { data: { x: nested(70) } }))).status).toBe(400);
    expect((await postWebhook(relay.url, activity(3, { data: { x: nested(60) } }))).status).toBe(200);
    await stream.until((events) => events.length === 1);
    expect(stream.events.map((e) => (e.data.activity as { id: number }).id)).toEqual([3]);
  });

  it('caps event streams per console token and in all, with 429 and a message saying which', async () => {
    const relay = await harness.relay({ ...harness.store('sqlite'), maxStreamsPerToken: 2, maxStreams: 3 });
    const alice = await createToken(relay.store, 'alice');
    const bob = await createToken(relay.store, 'bob');
    const first = await harness.stream(relay.url, alice);
    expect(first.status).toBe(200);
    expect((await harness.stream(relay.url, alice)).status).toBe(200);
    const third = await send(`${relay.url}/v1/events`, { headers: { Authorization: `Bearer ${alice}` } });
    expect(third.status).toBe(429);
    expect(third.json().message).toContain('already has 2 open event streams');
    expect((await harness.stream(relay.url, bob)).status).toBe(200);
    const full = await send(`${relay.url}/v1/events`, { headers: { Authorization: `Bearer ${bob}` } });
    expect(full.status).toBe(429);
    expect(full.json().message).toContain('at most 3 event streams');
    // A closed stream gives its place back.
    first.close();
    await first.ended;
    const again = await harness.stream(relay.url, alice);
    expect(again.status).toBe(200);
  });

  it('rate-limits ledger claims and silences per console token', async () => {
    const relay = await harness.relay({
      ...harness.store('sqlite'),
      ledgerWritesPerMinute: 5,
      silencesPerMinute: 3,
    });
    const alice = await createToken(relay.store, 'alice');
    const bob = await createToken(relay.store, 'bob');
    const claim = (token: string, i: number) =>
      consoleCall(relay.url, token, 'POST', `/v1/ledger/series-${i}/claim`, { by: 'Alice' });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await claim(alice, i)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await claim(alice, 9);
    expect(refused.json().message).toMatch(/more than 5 such requests in a minute; retry in/);
    // Another console's token has its own allowance.
    expect((await claim(bob, 20)).status).toBe(200);
    const until = Date.now() + 3_600_000;
    const silences = [];
    for (let i = 0; i < 4; i++)
      silences.push(
        (
          await consoleCall(relay.url, alice, 'PUT', `/v1/silences/${100 + i}`, {
            until,
            by: 'Alice',
            reason: null,
          })
        ).status,
      );
    expect(silences).toEqual([200, 200, 200, 429]);
  });

  it('serves /metrics only with the metrics token, or on a loopback listener of its own', async () => {
    const open = await harness.relay(harness.store('sqlite'));
    expect((await send(`${open.url}/metrics`)).status).toBe(404);
    const withToken = await harness.relay(harness.store('sqlite'), {
      secrets: { metricsToken: 'metrics-token-0123456789abcdef' },
    });
    expect((await send(`${withToken.url}/metrics`)).status).toBe(401);
    const scraped = await send(`${withToken.url}/metrics`, {
      headers: { Authorization: 'Bearer metrics-token-0123456789abcdef' },
    });
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain('relay_webhooks_received_total 0');
    const separate = await harness.relay({ ...harness.store('sqlite'), metricsPort: 0 });
    expect((await send(`${separate.url}/metrics`)).status).toBe(404);
    expect(separate.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await send(separate.metricsUrl!)).status).toBe(200);
  });

  it('refuses an activity older than what retention removed: a replay would pass as new', async () => {
    let clock = Date.UTC(2026, 10, 1);
    const relay = await harness.relay(
      { ...harness.store('sqlite'), retentionSeconds: 3600 },
      { now: () => clock },
    );
    const sentAt = clock / 1000;
    expect((await postWebhook(relay.url, activity(1, { activityTime: sentAt }))).status).toBe(200);
    clock += 2 * 3_600_000;
    await relay.prune();
    const replay = await postWebhook(relay.url, activity(1, { activityTime: sentAt }));
    expect(replay.status).toBe(422);
    expect(replay.json().message).toContain('older than the relay keeps activities');
    expect((await postWebhook(relay.url, activity(2, { activityTime: clock / 1000 }))).status).toBe(200);
    expect((await relay.store.readEvents(0, 10)).map((e) => JSON.parse(e.data).id)).toEqual([2]);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('retention on %s', (backend) => {
  it('removes ledger entries and ended silences along with the events they came with', async () => {
    let clock = Date.UTC(2026, 10, 1);
    const store = harness.store(backend);
    const relay = await harness.relay({ ...store, retentionSeconds: 3600 }, { now: () => clock });
    const token = await createToken(relay.store, 'laptop');
    expect(
      (await consoleCall(relay.url, token, 'POST', '/v1/ledger/old-series/claim', { by: 'Alice' })).status,
    ).toBe(200);
    const silence = { until: clock + 60_000, by: 'Alice', reason: 'maintenance' };
    expect((await consoleCall(relay.url, token, 'PUT', '/v1/silences/42', silence)).status).toBe(200);
    expect(
      (
        await consoleCall(relay.url, token, 'PUT', '/v1/silences/43', {
          ...silence,
          until: clock + 5 * 3_600_000,
        })
      ).status,
    ).toBe(200);
    clock += 2 * 3_600_000;
    expect(
      (await consoleCall(relay.url, token, 'POST', '/v1/ledger/new-series/claim', { by: 'Bob' })).status,
    ).toBe(200);
    await relay.prune();
    expect(await relay.store.getLedger('old-series')).toBeNull();
    expect(await relay.store.getLedger('new-series')).not.toBeNull();
    // Silence 42 ended over an hour ago and is gone; 43 still runs.
    expect(await relay.store.listSilences(clock)).toMatchObject([{ deviceId: 43 }]);
    if (backend === 'sqlite') {
      const db = new Database(store.db as string, { readonly: true });
      expect(db.prepare('SELECT device_id FROM relay_device_silences').pluck().all()).toEqual([43]);
      db.close();
    }
  });
});
