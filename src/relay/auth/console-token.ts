import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RelayStore, TokenInfo } from '../store/store';

const PREFIX = 'alga_relay_';

/** A new console token: 256 random bits. Only its hash is stored; the token is shown once. */
export function newConsoleToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashConsoleToken(token) };
}

/** Tokens are high-entropy random values, so a plain SHA-256 is enough (nothing to brute-force). */
export function hashConsoleToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The active token named by `Authorization: Bearer <token>`, or null. */
export async function authenticateConsole(
  store: RelayStore,
  headers: IncomingHttpHeaders,
): Promise<TokenInfo | null> {
  const match = /^Bearer\s+(\S{16,512})\s*$/i.exec(headers.authorization ?? '');
  if (!match) return null;
  const token = await store.findTokenByHash(hashConsoleToken(match[1]!));
  return token && token.revokedAt === null ? token : null;
}
