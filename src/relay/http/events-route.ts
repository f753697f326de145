import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayContext } from '../context';
import type { StreamSink } from '../stream/hub';
import { requireConsole } from './console-auth';
import { HttpError } from './respond';

function position(req: IncomingMessage, query: URLSearchParams): number | null {
  // EventSource reconnects to the same URL with Last-Event-ID: that one is the newer position.
  const raw = (req.headers['last-event-id'] as string | undefined) ?? query.get('after');
  if (raw === null || raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw))
    throw new HttpError(400, 'bad_position', 'Last-Event-ID / after must be an event sequence number.');
  return Number(raw);
}

/** `GET /v1/events`: Server-Sent Events, in commit order, resumable. */
export async function streamEvents(
  ctx: RelayContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
) {
  const token = await requireConsole(ctx, req);
  const after = position(req, query);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // Reverse proxies (nginx) must not buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  const sink: StreamSink = {
    write: (chunk) => res.write(chunk),
    buffered: () => res.writableLength,
    needsDrain: () => res.writableNeedDrain,
    drained: () =>
      new Promise((resolve) => {
        if (!res.writableNeedDrain || res.destroyed) return resolve();
        const done = (): void => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      }),
    end: () => res.end(),
    get closed() {
      return res.destroyed || res.writableEnded;
    },
  };
  res.once('close', () => ctx.hub.remove(sink));
  await ctx.hub.subscribe(sink, token.id, after);
}
