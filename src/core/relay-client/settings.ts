import { z } from 'zod';
import { AppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import { isLoopbackUrl, parseUrlInput } from '../url-input';

/** Keychain accounts of the relay's tokens. Never in SQLite. */
export const RELAY_TOKEN_ACCOUNT = 'relay:console-token';
export const RELAY_ADMIN_TOKEN_ACCOUNT = 'relay:admin-token';

const CONNECTION_KEY = 'relay.connection';
const POSITION_KEY = 'relay.position';
const QUARANTINE_KEY = 'relay.quarantine';
const QUARANTINE_KEPT = 10;

const quarantinedSchema = z.array(
  z.object({
    url: z.string(),
    seq: z.number().int().nonnegative(),
    event: z.string(),
    reason: z.string(),
    at: z.number().int(),
  }),
);
export type QuarantinedEvent = z.infer<typeof quarantinedSchema>[number];

const connectionSchema = z.object({ url: z.string(), connectedAt: z.number().int() });
export type RelayConnection = z.infer<typeof connectionSchema>;

/**
 * How far the cache follows the relay's stream: the last sequence number applied (written in the
 * same transaction as what it covers) and when that event came. Tied to the relay's address: a
 * console pointed at another relay starts that relay's stream afresh.
 */
const positionSchema = z.object({
  url: z.string(),
  seq: z.number().int().nonnegative(),
  lastEventAt: z.number().int().nullable(),
});
export type RelayPosition = z.infer<typeof positionSchema>;

/** The relay's base address; https, except on this machine (a relay for tests or a local demo). */
export function normalizeRelayUrl(raw: string): string {
  const url = parseUrlInput(raw, "the relay's address", 'https://relay.example.com');
  if (url.username || url.password || url.search || url.hash)
    throw new AppError(
      'invalid_input',
      'Enter only the relay address, without credentials, query or fragment.',
    );
  const local = url.protocol === 'http:' && isLoopbackUrl(url);
  if (url.protocol !== 'https:' && !local)
    throw new AppError(
      'invalid_input',
      `The relay must be reached over https:// (the console token travels with every request); "${raw}" is not.`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class RelaySettings {
  constructor(private readonly cache: Cache) {}

  connection(): RelayConnection | null {
    return this.cache.settings.get(CONNECTION_KEY, connectionSchema.nullable(), null);
  }

  saveConnection(url: string, now: number): void {
    this.cache.settings.set(CONNECTION_KEY, { url, connectedAt: now });
  }

  forget(): void {
    this.cache.settings.delete(CONNECTION_KEY);
    this.cache.settings.delete(POSITION_KEY);
    this.cache.settings.delete(QUARANTINE_KEY);
  }

  /** Events of this relay set aside, newest first. */
  quarantined(url: string): QuarantinedEvent[] {
    return this.cache.settings.get(QUARANTINE_KEY, quarantinedSchema, []).filter((q) => q.url === url);
  }

  /** Call inside the transaction that moves the position past the event. */
  quarantine(entry: QuarantinedEvent): void {
    const kept = this.cache.settings.get(QUARANTINE_KEY, quarantinedSchema, []);
    this.cache.settings.set(QUARANTINE_KEY, [entry, ...kept].slice(0, QUARANTINE_KEPT));
  }

  /** The stream position for this relay, or null (another relay's, or none yet). */
  position(url: string): RelayPosition | null {
    const stored = this.cache.settings.get(POSITION_KEY, positionSchema.nullable(), null);
    return stored?.url === url ? stored : null;
  }

  /** Call inside the transaction of the data the position covers. */
  setPosition(position: RelayPosition): void {
    this.cache.settings.set(POSITION_KEY, position);
  }
}
