import { z } from 'zod';
import { redactValue } from '../../../node/logger';
import type { SecretStore } from '../../secrets/secret-store';

/**
 * The NinjaOne tokens as one keychain entry, so a rotation (new refresh token + new access token) is
 * written atomically. Nothing here ever reaches SQLite, a log line or the renderer.
 */
export const tokenAccount = 'ninjaone:tokens';

export const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  /** Epoch ms. */
  expiresAt: z.number().int(),
  scopes: z.array(z.string()),
  instance: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
});
export type StoredTokens = z.infer<typeof storedTokensSchema>;

export class TokenStore {
  constructor(private readonly secrets: SecretStore) {}

  /** The stored tokens; null when there are none or the entry is unreadable (treated as signed out). */
  async read(): Promise<StoredTokens | null> {
    const raw = await this.secrets.get(tokenAccount);
    if (!raw) return null;
    let parsed;
    try {
      parsed = storedTokensSchema.safeParse(JSON.parse(raw));
    } catch {
      return null;
    }
    if (!parsed.success) return null;
    redactValue(parsed.data.accessToken);
    redactValue(parsed.data.refreshToken);
    return parsed.data;
  }

  async write(tokens: StoredTokens): Promise<void> {
    redactValue(tokens.accessToken);
    redactValue(tokens.refreshToken);
    await this.secrets.set(tokenAccount, JSON.stringify(storedTokensSchema.parse(tokens)));
  }

  clear(): Promise<boolean> {
    return this.secrets.delete(tokenAccount);
  }
}
