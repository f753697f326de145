import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { activity, TEST_SECRET } from '../../support/relay';

export interface Delivery {
  activityId: number;
  sentAt: number;
  /** When the 2xx arrived (performance.now()). */
  answeredAt: number;
  status: number;
  seq: number;
}

/** POSTs one webhook on a keep-alive agent and times it; a failed connection is status 0. */
export function deliver(baseUrl: string, agent: Agent, activityId: number): Promise<Delivery> {
  const body = JSON.stringify(activity(activityId));
  const sentAt = performance.now();
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}/webhooks/ninjaone`,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Relay-Secret': TEST_SECRET,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const answeredAt = performance.now();
          const seq =
            res.statusCode === 200 && text.startsWith('{"status"')
              ? (JSON.parse(text) as { seq: number }).seq
              : 0;
          resolve({ activityId, sentAt, answeredAt, status: res.statusCode ?? 0, seq });
        });
      },
    );
    req.once('error', () =>
      resolve({ activityId, sentAt, answeredAt: performance.now(), status: 0, seq: 0 }),
    );
    req.end(body);
  });
}

/** Sends `count` webhooks with `concurrency` in flight; returns webhooks per second answered 2xx. */
export async function ingestRate(
  baseUrl: string,
  firstId: number,
  count: number,
  concurrency: number,
): Promise<{ perSecond: number; failures: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const id = firstId + next++;
        const result = await deliver(baseUrl, agent, id);
        if (result.status !== 200) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: (count - failures) / seconds, failures };
}
