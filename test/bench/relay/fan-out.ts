import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { deliver, type Delivery } from './load';

export interface FanOutResult {
  /** ms from the 2xx to each delivery (0 when the frame beat the 2xx to this process). */
  fromAnswer: number[];
  /** ms from sending the webhook to each delivery. */
  fromSend: number[];
  /** ms from sending each webhook to its 2xx. */
  ack: number[];
  expected: number;
  delivered: number;
  sendRate: number;
}

const clock = () => performance.timeOrigin + performance.now();

/**
 * Offers `perSecond` webhooks for `seconds` (paced by the clock, not by answers) to a fresh relay
 * with `clients` open streams, and measures for every (event, client) the time from the webhook's
 * 2xx to the frame's arrival.
 */
export async function fanOut(
  baseUrl: string,
  token: string,
  options: { clients: number; perSecond: number; seconds: number; firstId: number },
): Promise<FanOutResult> {
  const total = options.perSecond * options.seconds;
  const slots = total + 1;
  const arrivals = new SharedArrayBuffer(options.clients * slots * 8);
  // Node 20 does not pass tsx's loader to worker threads: the worker registers it, then loads the clients.
  const entry = new URL('./stream-clients.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, workerData: { url: baseUrl, token, clients: options.clients, slots, arrivals } },
  );
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const deliveries: Promise<Delivery>[] = [];
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(total, Math.ceil(((performance.now() - started) / 1000) * options.perSecond));
      while (sent < due) deliveries.push(deliver(baseUrl, agent, options.firstId + sent++));
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const sendRate = total / ((performance.now() - started) / 1000);
  const answers = (await Promise.all(deliveries)).filter((a) => a.status === 200);

  const seen = new Float64Array(arrivals);
  const lastSeq = Math.max(...answers.map((a) => a.seq));
  const deadline = Date.now() + 30_000;
  const allArrived = () =>
    Array.from({ length: options.clients }, (_, c) => seen[c * slots + lastSeq]! > 0).every(Boolean);
  while (!allArrived() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  worker.postMessage('close');
  await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  agent.destroy();

  // Convert the answers' performance.now() to the shared epoch clock.
  const offset = clock() - performance.now();
  const fromAnswer: number[] = [];
  const fromSend: number[] = [];
  for (let c = 0; c < options.clients; c++) {
    for (const answer of answers) {
      const at = seen[c * slots + answer.seq]!;
      if (at === 0) continue;
      fromAnswer.push(Math.max(0, at - (answer.answeredAt + offset)));
      fromSend.push(at - (answer.sentAt + offset));
    }
  }
  return {
    fromAnswer,
    fromSend,
    ack: answers.map((a) => a.answeredAt - a.sentAt),
    expected: answers.length * options.clients,
    delivered: fromAnswer.length,
    sendRate,
  };
}
