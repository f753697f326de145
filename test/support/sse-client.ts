import { request, type IncomingMessage } from 'node:http';
import { SseParser, type SseMessage } from '../../src/shared/relay/sse-parser';

export interface ReceivedEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
  /** performance.now() when the frame was parsed. */
  receivedAt: number;
}

export interface TestStream {
  status: number;
  events: ReceivedEvent[];
  comments: string[];
  /** Resolves when the server ends the stream (or the connection drops). */
  ended: Promise<void>;
  isEnded(): boolean;
  /** Waits until `predicate(events)` holds. */
  until(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): void;
}

/** Opens `GET /v1/events` the way a console does and parses the SSE frames. */
export function openStream(
  baseUrl: string,
  token: string | null,
  options: { after?: number; lastEventId?: string } = {},
): Promise<TestStream> {
  const url = new URL('/v1/events', baseUrl);
  if (options.after !== undefined) url.searchParams.set('after', String(options.after));
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.lastEventId !== undefined) headers['Last-Event-ID'] = options.lastEventId;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false });
    req.once('error', reject);
    req.once('response', (res: IncomingMessage) => {
      const events: ReceivedEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      const notify = () => waiters.forEach((w) => w());
      let ended = false;
      const parser = new SseParser(
        (message: SseMessage) => {
          events.push({
            id: message.id,
            event: message.event,
            data: JSON.parse(message.data) as Record<string, unknown>,
            receivedAt: performance.now(),
          });
          notify();
        },
        (comment) => comments.push(comment),
      );
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.push(chunk));
      const endedPromise = new Promise<void>((done) => {
        const finish = () => {
          ended = true;
          notify();
          done();
        };
        res.once('end', finish);
        res.once('close', finish);
        res.once('error', finish);
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        comments,
        ended: endedPromise,
        isEnded: () => ended,
        until: (predicate, timeoutMs = 10_000, what = 'the expected events') =>
          new Promise<void>((done, fail) => {
            const check = () => {
              if (predicate(events)) {
                cleanup();
                done();
              } else if (ended) {
                cleanup();
                fail(new Error(`stream ended before ${what} (got ${events.length} events)`));
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(new Error(`timed out waiting for ${what} (got ${events.length} events)`));
            }, timeoutMs);
            const cleanup = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}
