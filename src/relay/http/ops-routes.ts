import type { FastifyReply } from 'fastify';
import type { RelayContext } from '../context';

/** `GET /healthz`: 200 when the store answers, 503 otherwise (load balancers take the instance out). */
export function health(ctx: RelayContext) {
  return async (_req: unknown, reply: FastifyReply) => {
    try {
      await ctx.store.ping();
      return {
        status: 'ok',
        backend: ctx.store.backend,
        head: ctx.hub.lastSeq,
        streamClients: ctx.hub.clientCount,
      };
    } catch (error) {
      ctx.logger.warn('health check: the store does not answer', { error });
      return reply.code(503).send({ status: 'unavailable', backend: ctx.store.backend });
    }
  };
}

/** `GET /metrics`: Prometheus text. */
export function metrics(ctx: RelayContext) {
  return (_req: unknown, reply: FastifyReply) =>
    reply
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(ctx.metrics.render({ streamClients: ctx.hub.clientCount, headSeq: ctx.hub.lastSeq }));
}
