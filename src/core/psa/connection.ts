import { z } from 'zod';
import type { PsaStatus } from '../../shared/contract/psa';
import { AppError, errorCodes, isAppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import type { SecretStore } from '../secrets/secret-store';
import { normalizeBaseUrl, PsaClient, type PsaClientOptions } from './client';

/** The keychain account of the API key. Never in SQLite. */
export const PSA_API_KEY_ACCOUNT = 'psa:api-key';

const CONNECTION_KEY = 'psa.connection';
const HEALTH_KEY = 'psa.health';

const connectionSchema = z.object({
  baseUrl: z.string(),
  tenantId: z.string().nullable(),
  connectedAt: z.number().int(),
});
export type PsaConnectionSettings = z.infer<typeof connectionSchema>;

const healthSchema = z.object({
  state: z.enum(['unknown', 'ok', 'unreachable', 'unauthorized', 'error']),
  checkedAt: z.number().int().nullable(),
  code: z.enum(errorCodes).nullable(),
  message: z.string().nullable(),
});
type Health = PsaStatus['health'];

const unknownHealth: Health = { state: 'unknown', checkedAt: null, code: null, message: null };

/** Client options a test or the host may tune (timing, timeouts, retries); the address and key come from here. */
export type PsaClientTuning = Omit<PsaClientOptions, 'baseUrl' | 'apiKey' | 'tenantId'>;

export interface ConnectInput {
  baseUrl: string;
  apiKey: string;
  tenantId?: string | null | undefined;
}

/**
 * The saved connection: address and tenant in settings, API key in the keychain, and the last known
 * health. Hands out one client per saved connection.
 */
export class PsaConnection {
  private client_: { signature: string; client: PsaClient } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly cache: Cache,
    private readonly secrets: SecretStore,
    private readonly tuning: PsaClientTuning & { logger: Logger },
    private readonly now: () => number,
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  settings(): PsaConnectionSettings | null {
    return this.cache.settings.get(CONNECTION_KEY, connectionSchema.nullable(), null);
  }

  health(): Health {
    return this.cache.settings.get(HEALTH_KEY, healthSchema, unknownHealth);
  }

  build(input: ConnectInput): PsaClient {
    return new PsaClient({
      ...this.tuning,
      baseUrl: input.baseUrl,
      apiKey: input.apiKey,
      tenantId: input.tenantId ?? null,
      logger: this.tuning.logger.child({ psa: true }),
    });
  }

  /** The client of the saved connection; `not_configured` when there is none or its key is gone. */
  async client(): Promise<PsaClient> {
    const settings = this.settings();
    if (!settings) {
      throw new AppError(
        'not_configured',
        'Alga PSA is not connected. Enter its address and an API key in Settings → Alga PSA.',
      );
    }
    const apiKey = await this.secrets.get(PSA_API_KEY_ACCOUNT);
    if (!apiKey) {
      throw new AppError(
        'not_configured',
        `The API key for Alga PSA at ${new URL(settings.baseUrl).host} is missing from the OS keychain. Reconnect with a key from Alga (Profile → API Keys).`,
      );
    }
    const signature = `${settings.baseUrl}\n${settings.tenantId ?? ''}\n${apiKey}`;
    if (this.client_?.signature !== signature) {
      this.client_ = {
        signature,
        client: this.build({ baseUrl: settings.baseUrl, apiKey, tenantId: settings.tenantId }),
      };
    }
    return this.client_.client;
  }

  /** Records how the last PSA call went; listeners hear only real changes of state. */
  noteHealth(error: unknown): void {
    const previous = this.health();
    let next: Health;
    if (error === null) next = { state: 'ok', checkedAt: this.now(), code: null, message: null };
    else {
      const app = isAppError(error) ? error : new AppError('internal', String(error));
      const state =
        app.code === 'upstream_unavailable' || app.code === 'timeout'
          ? 'unreachable'
          : app.code === 'unauthorized' || app.code === 'forbidden'
            ? 'unauthorized'
            : 'error';
      next = { state, checkedAt: this.now(), code: app.code, message: app.message };
    }
    this.cache.settings.set(HEALTH_KEY, next);
    if (previous.state !== next.state || previous.message !== next.message) this.changed();
  }

  /** Saves a connection that answered a probe; the key goes to the keychain. */
  async save(input: ConnectInput): Promise<void> {
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    await this.secrets.set(PSA_API_KEY_ACCOUNT, input.apiKey);
    this.cache.settings.set(CONNECTION_KEY, {
      baseUrl,
      tenantId: input.tenantId ?? null,
      connectedAt: this.now(),
    });
    this.client_ = null;
    this.changed();
  }

  async forget(): Promise<void> {
    await this.secrets.delete(PSA_API_KEY_ACCOUNT);
    this.cache.settings.delete(CONNECTION_KEY);
    this.cache.settings.set(HEALTH_KEY, unknownHealth);
    this.client_ = null;
    this.changed();
  }

  /** The API key of the saved connection (to test it with another address). */
  savedKey(): Promise<string | null> {
    return this.secrets.get(PSA_API_KEY_ACCOUNT);
  }
}
