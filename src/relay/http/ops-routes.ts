import type { ServerResponse } from 'node:http';
import type { RelayContext } from '../context';
import { sendJson } from './respond';

/** `GET /healthz`: 200 when the store answers, 503 otherwise (load balancers take the instance out). */
export async function health(ctx: RelayContext, res: ServerResponse) {
  try {
    await ctx.store.ping();
    sendJson(res, 200, {
      status: 'ok',
      backend: ctx.store.backend,
      head: ctx.hub.lastSeq,
      streamClients: ctx.hub.clientCount,
    });
  } catch (error) {
    ctx.logger.warn('health check: the store does not answer', { error });
    sendJson(res, 503, { status: 'unavailable', backend: ctx.store.backend });
  }
}

/** `GET /metrics`: Prometheus text. */
export function metrics(ctx: RelayContext, res: ServerResponse) {
  const text = ctx.metrics.render({ streamClients: ctx.hub.clientCount, headSeq: ctx.hub.lastSeq });
  res.writeHead(200, {
    'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
