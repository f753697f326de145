import type { FastifyReply } from 'fastify';

/** An answer to send instead of continuing; `close` drops the connection after it (unread body). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { close?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  if (error.options.close) reply.header('Connection', 'close');
  if (error.options.headers) reply.headers(error.options.headers);
  return reply
    .code(error.status)
    .header('Cache-Control', 'no-store')
    .send({ error: error.code, message: error.message });
}
