import type { IncomingMessage } from 'node:http';
import { authenticateConsole } from '../auth/console-token';
import type { RelayContext } from '../context';
import type { TokenInfo } from '../store/store';
import { HttpError } from './respond';

export async function requireConsole(ctx: RelayContext, req: IncomingMessage): Promise<TokenInfo> {
  const token = await authenticateConsole(ctx.store, req.headers);
  if (!token)
    throw new HttpError(
      401,
      'unauthorized',
      'Send a console token as Authorization: Bearer <token> (create one with `npm run relay -- token create --name <name>`).',
      { headers: { 'WWW-Authenticate': 'Bearer realm="alga-relay"' } },
    );
  return token;
}
