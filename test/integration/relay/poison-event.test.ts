import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../../src/core/relay-client/event-stream';
import type { RelayStatus } from '../../../src/shared/contract/relay';
import { startInProcessCore } from '../../support/in-process-core';
import { eventually } from '../../support/eventually';
import { startStandInServer } from '../../support/stand-in-server';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const at = Date.UTC(2026, 10, 1);
const frame = (seq: number, activity: string): string =>
  `id: ${seq}\nevent: webhook\ndata: {"seq":${seq},"type":"webhook","at":${at},"activity":${activity}}\n\n`;
/** A delivery a relay of an older version accepted: its data nested 100,000 deep. */
const poison = frame(
  1,
  `{"id":1,"activityType":"SYSTEM","data":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
);
const good = frame(
  2,
  `{"id":2,"activityType":"SYSTEM","statusCode":"TRIGGERED","activityTime":${at / 1000},"subject":"after the poison"}`,
);

describe('a console fed an event it cannot apply', () => {
  it('sets it aside after a few attempts with the reason in its status, backing off, and applies the next', async () => {
    const connections: number[] = [];
    const relay = await startStandInServer((req, res: ServerResponse) => {
      if (req.url?.startsWith('/v1/rules/state'))
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"active":false,"version":0}');
      if (!req.url?.startsWith('/v1/events')) return void res.writeHead(404).end();
      connections.push(performance.now());
      const after = Number(new URL(req.url, 'http://x').searchParams.get('after') ?? '0');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`retry: 2000\nid: ${after}\n: connected\n\n`);
      if (after < 1) res.write(poison);
      if (after < 2) res.write(good);
    });
    closers.push(() => relay.close());
    const { core, rpc } = await startInProcessCore({
      relay: { backoff: { baseMs: 1000, maxMs: 8000 }, idleTimeoutMs: 30_000 },
    });
    closers.push(() => core.close());
    await rpc.call('relay.connect', { url: relay.url, token: 'alga_relay_stand-in-token-0123456789' });

    const status = await eventually(
      async () => {
        const s: RelayStatus = await rpc.call('relay.status', {});
        return s.lastSeq === 2 ? s : null;
      },
      20_000,
      'the event after the poison to be applied',
    );
    expect(status.quarantined).toEqual([
      {
        seq: 1,
        event: 'webhook',
        reason: expect.stringMatching(/RangeError|call stack/),
        at: expect.any(Number),
      },
    ]);
    const subject = core.cache.db.prepare('SELECT subject FROM activities WHERE id = 2').pluck().get();
    expect(subject).toBe('after the poison');
    // One connection per failed attempt, and the waits between them grew (nothing was applied).
    expect(connections).toHaveLength(MAX_FAILURES);
    const gaps = connections.slice(1).map((t, i) => t - connections[i]!);
    expect(gaps[1]!).toBeGreaterThanOrEqual(1000);
  });
});
