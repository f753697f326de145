import { request, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../src/shared/relay/sse-parser';
import { activity, consoleCall, createToken, postWebhook, runRelayCli, send } from '../../support/relay';
import { relayHarness } from '../../support/relay-harness';
import type { openStream, TestStream } from '../../support/sse-client';

const harness = relayHarness();

async function setup(overrides: Record<string, unknown> = {}, options = {}) {
  const store = harness.store('sqlite');
  const relay = await harness.relay({ ...store, ...overrides }, options);
  const token = await createToken(relay.store, 'alice-laptop');
  const open = (opts: Parameters<typeof openStream>[2] = {}, as: string | null = token) =>
    harness.stream(relay.url, as, opts);
  return { relay, token, db: store.db as string, open };
}

const seqs = (s: TestStream) => s.events.map((e) => Number(e.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('event stream', () => {
  it('refuses a missing or unknown console token', async () => {
    const { relay: r, open } = await setup();
    expect((await open({}, null)).status).toBe(401);
    expect((await open({}, 'alga_relay_not-a-real-token-at-all')).status).toBe(401);
    expect((await send(`${r.url}/v1/events`, { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('streams webhooks and ledger changes in commit order with their sequence ids', async () => {
    const { relay: r, token, open } = await setup();
    const live = await open();
    expect(live.status).toBe(200);
    for (let i = 1; i <= 5; i++) await postWebhook(r.url, activity(i));
    await consoleCall(r.url, token, 'POST', '/v1/ledger/series-1/claim', { by: 'Alice' });
    await Promise.all(range(6, 30).map((i) => postWebhook(r.url, activity(i))));
    await live.until((e) => e.length === 31, 10_000, '31 events');
    expect(seqs(live)).toEqual(range(1, 31));
    expect(live.events[0]!.data).toMatchObject({ seq: 1, type: 'webhook', activity: activity(1) });
    expect(live.events[5]).toMatchObject({
      event: 'ledger',
      data: {
        seq: 6,
        type: 'ledger',
        entry: { seriesUid: 'series-1', state: 'claimed', claim: { by: 'Alice' } },
      },
    });
    const activityIds = live.events
      .filter((e) => e.event === 'webhook')
      .map((e) => (e.data.activity as { id: number }).id);
    expect(new Set(activityIds).size).toBe(30);
  });

  it('resumes after Last-Event-ID or ?after= without gaps or repeats', async () => {
    const { relay: r, open } = await setup();
    for (let i = 1; i <= 40; i++) await postWebhook(r.url, activity(i));
    const fromStart = await open({ after: 0 });
    await fromStart.until((e) => e.length === 40);
    expect(seqs(fromStart)).toEqual(range(1, 40));

    const resumed = await open({ lastEventId: '25' });
    await resumed.until((e) => e.length === 15);
    // Last-Event-ID (sent by EventSource on reconnect) wins over the ?after= of the original URL.
    const both = await open({ after: 3, lastEventId: '38' });
    await both.until((e) => e.length === 2);
    await postWebhook(r.url, activity(41));
    await resumed.until((e) => e.length === 16);
    await both.until((e) => e.length === 3);
    expect(seqs(resumed)).toEqual(range(26, 41));
    expect(seqs(both)).toEqual([39, 40, 41]);
  });

  it('without a position sends only what is committed after it connected', async () => {
    const { relay: r, open } = await setup();
    await postWebhook(r.url, activity(1));
    const stream = await open();
    await postWebhook(r.url, activity(2));
    await stream.until((e) => e.length === 1);
    expect(seqs(stream)).toEqual([2]);
  });

  it('sends reset when the position is older than retention or unknown, then continues live', async () => {
    let clock = Date.UTC(2026, 10, 1);
    const { relay: r, open } = await setup({ retentionSeconds: 3600 }, { now: () => clock });
    for (let i = 1; i <= 10; i++) await postWebhook(r.url, activity(i));
    clock += 2 * 3600_000;
    await postWebhook(r.url, activity(11));
    expect(await r.prune()).toBe(10);

    const old = await open({ lastEventId: '4' });
    await old.until((e) => e.length === 1);
    expect(old.events[0]).toEqual(
      expect.objectContaining({
        id: '11',
        event: 'reset',
        data: { type: 'reset', reason: 'retention', head: 11 },
      }),
    );
    // The seq just before the oldest kept event is still a valid position.
    const edge = await open({ after: 10 });
    await edge.until((e) => e.length === 1);
    expect(edge.events[0]).toMatchObject({ id: '11', event: 'webhook' });

    const ahead = await open({ after: 500 });
    await ahead.until((e) => e.length === 1);
    expect(ahead.events[0]!.data).toEqual({ type: 'reset', reason: 'unknown_position', head: 11 });

    // Current, as NinjaOne would send it: after retention ran, older activities are refused as replays.
    await postWebhook(r.url, activity(12, { activityTime: clock / 1000 }));
    await old.until((e) => e.length === 2);
    await ahead.until((e) => e.length === 2);
    expect(old.events[1]).toMatchObject({ id: '12', event: 'webhook' });
    expect(ahead.events[1]).toMatchObject({ id: '12', event: 'webhook' });
  });

  it('answers 400 to a position that is not a sequence number', async () => {
    const { relay: r, token } = await setup();
    const answer = await send(`${r.url}/v1/events?after=abc`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(400);
  });

  it('sends heartbeats on an idle stream', async () => {
    const { open } = await setup({ heartbeatSeconds: 1 });
    const stream = await open();
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (stream.comments.includes('heartbeat')) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() - started > 5000) {
          clearInterval(timer);
          reject(new Error('no heartbeat within 5 s'));
        }
      }, 50);
    });
  });

  it('keeps serving others while a client reads nothing, and catches it up from the store', async () => {
    const { relay: r, open, token } = await setup();
    // A console that stops reading: its socket buffer fills, then it must not hold others back.
    const stalled = request(`${r.url}/v1/events?after=0`, {
      headers: { Authorization: `Bearer ${token}` },
      agent: false,
    });
    const stalledResponse = await new Promise<IncomingMessage>((resolve) => {
      stalled.once('response', resolve);
      stalled.end();
    });
    stalledResponse.pause();
    const healthy = await open({ after: 0 });
    const big = 'x'.repeat(40_000);
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        range(batch * 50 + 1, batch * 50 + 50).map((i) => postWebhook(r.url, activity(i, { message: big }))),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    }
    await healthy.until((e) => e.length === 500, 20_000, '500 events on the healthy stream');
    expect(seqs(healthy)).toEqual(range(1, 500));
    // Now the stalled one reads: it gets everything, in order, once.
    const ids: number[] = [];
    const parser = new SseParser((m) => ids.push(Number(m.id)));
    stalledResponse.setEncoding('utf8');
    stalledResponse.on('data', (c: string) => parser.push(c));
    stalledResponse.resume();
    const deadline = Date.now() + 20_000;
    while (ids.length < 500 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(ids).toEqual(range(1, 500));
    stalled.destroy();
  });
});

describe('console tokens', () => {
  it('token create prints a token once, list shows it, revoke closes its open stream at once', async () => {
    const { relay: r, db, open } = await setup({}, { tokenCheckMs: 200 });
    const created = await runRelayCli(['token', 'create', '--name', 'bob-desktop', '--db', db]);
    expect(created.code).toBe(0);
    const bobToken = /(alga_relay_\S+)/.exec(created.stdout)?.[1];
    expect(bobToken).toBeDefined();

    const list = await runRelayCli(['token', 'list', '--db', db]);
    expect(list.stdout).toMatch(/bob-desktop\s+\S+\s+active/);
    expect(list.stdout).not.toContain(bobToken!);

    const bobStream = await open({}, bobToken!);
    const aliceStream = await open();
    expect(bobStream.status).toBe(200);
    await postWebhook(r.url, activity(1));
    await bobStream.until((e) => e.length === 1);

    const revoked = await runRelayCli(['token', 'revoke', 'bob-desktop', '--db', db]);
    expect(revoked.code).toBe(0);
    const started = Date.now();
    await bobStream.ended;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(aliceStream.isEnded()).toBe(false);
    expect((await open({}, bobToken!)).status).toBe(401);
    expect((await runRelayCli(['token', 'list', '--db', db])).stdout).toMatch(/bob-desktop\s+\S+\s+revoked/);
    // The name is free again once the old token is revoked.
    expect((await runRelayCli(['token', 'create', '--name', 'bob-desktop', '--db', db])).code).toBe(0);
    const again = await runRelayCli(['token', 'create', '--name', 'bob-desktop', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
  });
});
