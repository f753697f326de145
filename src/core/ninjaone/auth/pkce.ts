import { createHash, randomBytes } from 'node:crypto';

/** PKCE for a native app (RFC 7636, S256 only: the one method NinjaOne is known to accept). */
export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function createPkce(): Pkce {
  // 48 random bytes, as NinjaOne's own sample does: 64 base64url characters.
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge, method: 'S256' };
}

export function randomState(): string {
  return randomBytes(24).toString('base64url');
}
