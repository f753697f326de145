import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RelayContext } from '../context';
import type { StreamSink } from '../stream/hub';
import { tokenOf } from './console-auth';
import { HttpError } from './respond';

function position(lastEventId: string | string[] | undefined, after: string | undefined): number | null {
  // EventSource reconnects to the same URL with Last-Event-ID: that one is the newer position.
  const raw = (typeof lastEventId === 'string' ? lastEventId : undefined) ?? after;
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw))
    throw new HttpError(400, 'bad_position', 'Last-Event-ID / after must be an event sequence number.');
  return Number(raw);
}

/** `GET /v1/events`: Server-Sent Events, in commit order, resumable; a bounded number per token. */
export function streamEvents(ctx: RelayContext) {
  return async (req: FastifyRequest<{ Querystring: { after?: string } }>, reply: FastifyReply) => {
    const token = tokenOf(req);
    const after = position(req.headers['last-event-id'], req.query.after);
    const release = ctx.hub.admit(token.id);
    if (release === 'relay_full')
      throw new HttpError(
        429,
        'too_many_streams',
        `This relay serves at most ${ctx.config.maxStreams} event streams at once and has no room for another; try again shortly.`,
        { headers: { 'Retry-After': '30' } },
      );
    if (release === 'token_full')
      throw new HttpError(
        429,
        'too_many_streams',
        `This console token already has ${ctx.config.maxStreamsPerToken} open event streams, the most one token may have: close a console that uses it, or give each console a token of its own.`,
        { headers: { 'Retry-After': '30' } },
      );
    reply.hijack();
    const res = reply.raw;
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
    res.once('close', () => {
      ctx.hub.remove(sink);
      release();
    });
    try {
      await ctx.hub.subscribe(sink, token.id, after);
    } catch (error) {
      ctx.logger.warn('could not open an event stream; closing it', { error });
      res.destroy();
    }
  };
}
