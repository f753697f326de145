import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const PREFIX = 'alga_admin_';

/** A new admin token (256 random bits) and the hash the relay's configuration holds instead of it. */
export function newAdminToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashAdminToken(token) };
}

export function hashAdminToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `Authorization: Bearer <token>` carries the admin token of this hash (constant time). */
export function isAdmin(expectedHash: string, headers: IncomingHttpHeaders): boolean {
  const match = /^Bearer\s+(\S{16,512})\s*$/i.exec(headers.authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(Buffer.from(hashAdminToken(match[1]!), 'hex'), Buffer.from(expectedHash, 'hex'));
}
