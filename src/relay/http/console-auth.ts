import type { FastifyRequest } from 'fastify';
import { isAdmin } from '../auth/admin-token';
import { authenticateConsole } from '../auth/console-token';
import type { RelayContext } from '../context';
import type { TokenInfo } from '../store/store';
import { HttpError } from './respond';

declare module 'fastify' {
  interface FastifyRequest {
    /** The console token a `requireConsole` route was called with. */
    consoleToken: TokenInfo | null;
  }
}

/** An onRequest hook: a valid console token, before a byte of the body is read. */
export function requireConsole(ctx: RelayContext) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = await authenticateConsole(ctx.store, req.headers);
    if (!token)
      throw new HttpError(
        401,
        'unauthorized',
        'Send a console token as Authorization: Bearer <token> (create one with `npm run relay -- token create --name <name>`).',
        { headers: { 'WWW-Authenticate': 'Bearer realm="alga-relay"' }, close: true },
      );
    req.consoleToken = token;
  };
}

/** The console token of a route guarded by `requireConsole`. */
export function tokenOf(req: FastifyRequest): TokenInfo {
  if (!req.consoleToken) throw new HttpError(500, 'internal', 'The route has no console token.');
  return req.consoleToken;
}

/** An onRequest hook: the admin token (rules editing), or 403 when editing is off on this relay. */
export function requireAdmin(ctx: RelayContext) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!ctx.adminTokenHash)
      throw new HttpError(
        403,
        'rules_locked',
        'Rules editing is off on this relay: its administrator sets adminTokenHash (see `npm run relay -- admin-token`).',
        { close: true },
      );
    if (!isAdmin(ctx.adminTokenHash, req.headers))
      throw new HttpError(
        401,
        'unauthorized',
        'Send the relay admin token as Authorization: Bearer <token>.',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="alga-relay-admin"' },
          close: true,
        },
      );
  };
}
