import { Agent } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite/sqlite-store';
import { activity, createToken, send, TEST_SECRET, type RelayProcess } from '../../support/relay';
import { relayProcesses } from '../../support/relay-harness';
import { openStream, type TestStream } from '../../support/sse-client';
import { tempDir } from '../../support/temp';

const startRelay = relayProcesses();

const TOTAL = 10_000;
const SENDERS = 32;
const KILL_AT = [3000, 6500];

/**
 * The loss test: 10,000 webhooks while the relay (a child process) is SIGKILLed twice mid-load and
 * restarted on the same SQLite file. Senders behave like NinjaOne: anything not answered 2xx is
 * delivered again later, and some deliveries are doubled on purpose. Every activity that got a 2xx
 * must reach a subscriber after the restarts, and none may reach it twice.
 */
describe('relay loss test', () => {
  it(
    'loses nothing that got a 2xx and repeats nothing across two SIGKILLs',
    { timeout: 150_000 },
    async () => {
      const db = join(tempDir('relay-loss-'), 'relay.db');
      const setup = await SqliteRelayStore.open(db);
      const token = await createToken(setup, 'loss-test');
      await setup.close();

      let current = await startRelay(['--db', db]);
      let agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
      // Resolves to the relay to use; replaced by a pending promise while it is down.
      let relayUp: Promise<RelayProcess> = Promise.resolve(current);

      const acked = new Set<number>();
      const ackedAtKill: number[][] = [];
      let duplicatesAnswered = 0;
      let failedDeliveries = 0;
      const queue = Array.from({ length: TOTAL }, (_, i) => i + 1);
      let restarts = 0;
      let restarting: Promise<void> | null = null;

      const killAndRestart = async (): Promise<void> => {
        ackedAtKill.push([...acked]);
        let ready!: (p: RelayProcess) => void;
        relayUp = new Promise((resolve) => (ready = resolve));
        await current.stop('SIGKILL');
        agent.destroy();
        agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
        current = await startRelay(['--db', db]);
        restarts += 1;
        ready(current);
      };

      const deliver = async (id: number): Promise<boolean> => {
        const relay = await relayUp;
        try {
          const answer = await send(`${relay.url}/webhooks/ninjaone`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Relay-Secret': TEST_SECRET },
            body: JSON.stringify(activity(id)),
            agent,
          });
          if (answer.status !== 200) return false;
          if (answer.json<{ status: string }>().status === 'duplicate') duplicatesAnswered += 1;
          acked.add(id);
          return true;
        } catch {
          return false;
        }
      };

      const sender = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          while (!(await deliver(id))) {
            failedDeliveries += 1;
            await (restarting ?? relayUp);
          }
          // NinjaOne doubles some deliveries: every 20th activity is sent once more.
          if (id % 20 === 0) while (!(await deliver(id))) await (restarting ?? relayUp);
          if (restarts < KILL_AT.length && acked.size >= KILL_AT[restarts]! && !restarting) {
            restarting = killAndRestart().finally(() => (restarting = null));
          }
        }
      };

      // A console following the relay across restarts, resuming from the last id it saw.
      const followed: number[] = [];
      const followedSeqs: number[] = [];
      let lastSeen = 0;
      let stopFollowing = false;
      let following: TestStream | null = null;
      const follow = async (): Promise<void> => {
        while (followed.length < TOTAL && !stopFollowing) {
          const relay = await relayUp;
          let stream: TestStream;
          try {
            stream = await openStream(relay.url, token, { lastEventId: String(lastSeen) });
            following = stream;
          } catch {
            await (restarting ?? relayUp);
            continue;
          }
          const take = () => {
            for (const e of stream.events.splice(0)) {
              lastSeen = Number(e.id);
              followedSeqs.push(lastSeen);
              followed.push((e.data.activity as { id: number }).id);
            }
            return followed.length >= TOTAL;
          };
          await stream.until(take, 120_000, 'all events on the follower').catch(() => undefined);
          take();
          stream.close();
          if (followed.length < TOTAL && !stopFollowing) await (restarting ?? relayUp);
        }
      };

      const followerDone = follow();
      await Promise.all(Array.from({ length: SENDERS }, sender));
      // Everything is acknowledged; give the follower a bounded time to see it all, then look.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([followerDone, new Promise((resolve) => (grace = setTimeout(resolve, 30_000)))]);
      clearTimeout(grace);
      stopFollowing = true;
      (following as TestStream | null)?.close();
      await followerDone;

      expect(restarts).toBe(2);
      expect(acked.size).toBe(TOTAL);
      expect(failedDeliveries).toBeGreaterThan(0);
      expect(duplicatesAnswered).toBeGreaterThanOrEqual(TOTAL / 20);
      // The follower: every activity exactly once, in sequence order, across both restarts.
      expect(followedSeqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
      expect(new Set(followed).size).toBe(TOTAL);

      // A subscriber reading from the start of the log after the restarts sees the same.
      const relay = await relayUp;
      const fromStart = await openStream(relay.url, token, { after: 0 });
      await fromStart.until((e) => e.length >= TOTAL, 30_000, 'the whole log').catch(() => undefined);
      fromStart.close();
      const ids = new Set(fromStart.events.map((e) => (e.data.activity as { id: number }).id));
      const missing = [...acked].filter((id) => !ids.has(id));
      expect({ missing: missing.length, firstMissing: missing.slice(0, 10) }).toEqual({
        missing: 0,
        firstMissing: [],
      });
      expect(fromStart.events.map((e) => Number(e.id))).toEqual(
        Array.from({ length: TOTAL }, (_, i) => i + 1),
      );
      expect(ids.size).toBe(TOTAL);
      // What was acknowledged before each SIGKILL is there (the final check covers it; this names the moment).
      expect(ackedAtKill.map((before) => before.filter((id) => !ids.has(id)))).toEqual([[], []]);
      expect(ackedAtKill.map((before) => before.length > 0)).toEqual([true, true]);
    },
  );
});
