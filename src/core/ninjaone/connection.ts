import { z } from 'zod';
import {
  defaultRedirectPath,
  defaultRedirectPort,
  defaultRequestBudget,
  ninjaOneInstanceSchema,
  requestBudgetSchema,
  type RequestBudget,
  type NinjaOneConnectInput,
  type NinjaOneStatus,
} from '../../shared/contract/ninjaone';
import { AppError, isAppError } from '../../shared/rpc/errors';
import type { SettingsRepository } from '../cache/repositories/settings';
import type { ExternalOpener } from '../external-opener';
import type { Logger } from '../../node/logger';
import type { SecretStore } from '../secrets/secret-store';
import { loopbackRedirectUri, startLoopbackReceiver } from './auth/loopback';
import { createPkce, randomState } from './auth/pkce';
import { NinjaOneSession, type SessionProblem } from './auth/session';
import { TokenEndpoint } from './auth/token-endpoint';
import { TokenStore, type StoredTokens } from './auth/token-store';
import { NinjaOneClient, type NinjaOneClientOptions } from './client';
import { resolveEndpoint, type NinjaOneEndpoint } from './instances';
import type { RetryPolicy } from './retry';
import type { Timing } from '../time/clock';
import { realTiming } from './timing';
import { NinjaOneTransport } from './transport';
import { deviceLink } from './console-links';
import { limiterFor } from './host-limiter';

/** The scopes the console asks for: read, change, remote, and a refresh token. */
export const consoleScopes = ['monitoring', 'management', 'control', 'offline_access'] as const;

/** Non-secret connection settings, kept in the cache's `settings` table. */
const settingsKey = 'ninjaone.connection';
const budgetKey = 'ninjaone.requestBudget';
const connectionSettingsSchema = z.object({
  instance: z.union([ninjaOneInstanceSchema, z.literal('custom')]),
  baseUrl: z.string(),
  host: z.string(),
  clientId: z.string(),
  redirectPort: z.number().int(),
  redirectPath: z.string(),
  scopes: z.array(z.string()),
  /** Null when signed out (the rest is kept to prefill the next sign-in). */
  connectedAt: z.number().int().nullable(),
  /** Why the session cannot go on, until the next sign-in. */
  problem: z.object({ state: z.enum(['expired', 'needs_reconnect']), reason: z.string() }).nullable(),
});
type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export interface NinjaOneConnectionOptions {
  settings: SettingsRepository;
  secrets: SecretStore;
  opener: ExternalOpener;
  logger: Logger;
  /** Called with the new status whenever it changes (the core pushes `ninjaone.statusChanged`). */
  onStatus?: (status: NinjaOneStatus) => void;
  /**
   * Told the instance a sign-in is about to open in the browser, before it opens: the core trusts
   * that host in its URL gate (see host/trusted-origins.ts).
   */
  onSigningIn?: (baseUrl: string) => void;
  timing?: Timing;
  retry?: Partial<RetryPolicy>;
  /** How long the browser sign-in may take (default 3 minutes). */
  signInTimeoutMs?: number;
  /** Refresh when the access token has less than this left (default 5 minutes). */
  refreshAheadMs?: number;
  fetch?: typeof fetch;
}

/**
 * The console's one NinjaOne connection: sign-in (authorization code + PKCE through a loopback
 * redirect, the browser opened by the injected opener), the tokens in the keychain, the status the
 * UI shows, and authenticated clients for the services that call NinjaOne (sync, remote connect).
 */
export class NinjaOneConnection {
  private readonly store: TokenStore;
  private readonly timing: Timing;
  private session: NinjaOneSession | null = null;
  private signingIn = false;
  /** Aborted by `close()`, so a sign-in waiting for the browser does not outlive the core. */
  private readonly closing = new AbortController();
  private transientProblem: string | null = null;
  private lastEmitted = '';

  constructor(private readonly options: NinjaOneConnectionOptions) {
    this.store = new TokenStore(options.secrets);
    this.timing = options.timing ?? realTiming;
  }

  async status(): Promise<NinjaOneStatus> {
    const settings = this.settings();
    const base: NinjaOneStatus = {
      state: 'not_connected',
      instance: settings?.instance ?? null,
      host: settings?.host ?? null,
      baseUrl: settings?.baseUrl ?? null,
      clientId: settings?.clientId ?? null,
      redirectUri: settings ? loopbackRedirectUri(settings.redirectPort, settings.redirectPath) : null,
      scopes: [],
      canRefresh: false,
      accessTokenExpiresAt: null,
      connectedAt: null,
      reason: null,
    };
    if (!settings || settings.connectedAt === null) return base;
    const connected = { ...base, connectedAt: settings.connectedAt, scopes: settings.scopes };
    if (settings.problem)
      return { ...connected, state: settings.problem.state, reason: settings.problem.reason };
    let tokens: StoredTokens | null;
    try {
      tokens = this.session?.current ?? (await this.store.read());
    } catch (error) {
      return { ...connected, state: 'error', reason: isAppError(error) ? error.message : String(error) };
    }
    if (!tokens) {
      return {
        ...connected,
        state: 'needs_reconnect',
        reason: `The NinjaOne sign-in for ${settings.host} is no longer in the OS keychain. Connect again.`,
      };
    }
    const withTokens = {
      ...connected,
      scopes: tokens.scopes,
      canRefresh: tokens.refreshToken !== null,
      accessTokenExpiresAt: tokens.expiresAt,
    };
    if (!tokens.refreshToken && tokens.expiresAt <= this.timing.now()) {
      return {
        ...withTokens,
        state: 'expired',
        reason: `The NinjaOne sign-in for ${settings.host} has expired. Connect again.`,
      };
    }
    if (this.transientProblem) return { ...withTokens, state: 'error', reason: this.transientProblem };
    return {
      ...withTokens,
      state: 'connected',
      reason: tokens.refreshToken
        ? null
        : 'NinjaOne issued no refresh token (tick "Refresh Token" on the app and keep offline_access), so the sign-in ends when the access token expires.',
    };
  }

  /**
   * Signs in through the browser. `opener` replaces the console's opener for this sign-in only (the
   * demo workspace signs in to its own simulator without a browser).
   */
  async connect(
    input: NinjaOneConnectInput,
    signal?: AbortSignal,
    opener: ExternalOpener = this.options.opener,
  ): Promise<NinjaOneStatus> {
    if (this.signingIn) {
      throw new AppError(
        'conflict',
        'A NinjaOne sign-in is already waiting for the browser. Finish or cancel it first.',
      );
    }
    this.signingIn = true;
    try {
      const endpoint = resolveEndpoint(input);
      const previous = this.settings();
      const port = input.redirectPort ?? previous?.redirectPort ?? defaultRedirectPort;
      const path = input.redirectPath ?? previous?.redirectPath ?? defaultRedirectPath;
      const pkce = createPkce();
      const state = randomState();
      const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
      const receiver = await startLoopbackReceiver({
        port,
        path,
        state,
        host: endpoint.host,
        timeoutMs: this.options.signInTimeoutMs ?? 180_000,
        signal: stop,
      });
      let code: string;
      try {
        const authorize = new URL('/ws/oauth/authorize', endpoint.baseUrl);
        authorize.search = new URLSearchParams({
          response_type: 'code',
          client_id: input.clientId,
          redirect_uri: receiver.redirectUri,
          scope: consoleScopes.join(' '),
          state,
          code_challenge: pkce.challenge,
          code_challenge_method: pkce.method,
        }).toString();
        this.options.logger.info('ninjaone: sign-in started', {
          host: endpoint.host,
          clientId: input.clientId,
          redirectUri: receiver.redirectUri,
        });
        this.options.onSigningIn?.(endpoint.baseUrl);
        await opener.open(authorize.toString(), 'sign-in');
        code = await receiver.code;
      } finally {
        await receiver.close();
      }
      const tokenEndpoint = new TokenEndpoint(this.transport(endpoint), input.clientId);
      const response = await tokenEndpoint.exchangeCode(code, receiver.redirectUri, pkce.verifier, stop);
      const tokens: StoredTokens = {
        accessToken: response.accessToken,
        refreshToken: response.refreshToken,
        expiresAt: this.timing.now() + response.expiresInSeconds * 1000,
        scopes: response.scopes,
        instance: endpoint.instance,
        baseUrl: endpoint.baseUrl,
        clientId: input.clientId,
      };
      await this.store.write(tokens);
      this.options.settings.set(settingsKey, {
        instance: endpoint.instance,
        baseUrl: endpoint.baseUrl,
        host: endpoint.host,
        clientId: input.clientId,
        redirectPort: port,
        redirectPath: path,
        scopes: response.scopes,
        connectedAt: this.timing.now(),
        problem: null,
      } satisfies ConnectionSettings);
      this.session = this.newSession(tokens, endpoint);
      this.transientProblem = null;
      this.options.logger.info('ninjaone: connected', {
        host: endpoint.host,
        clientId: input.clientId,
        scopes: response.scopes,
        refreshable: response.refreshToken !== null,
      });
      return await this.publish();
    } finally {
      this.signingIn = false;
    }
  }

  async disconnect(options: {
    removeWebhook: boolean;
  }): Promise<NinjaOneStatus & { webhookRemoved: boolean | null }> {
    let webhookRemoved: boolean | null = null;
    if (options.removeWebhook) {
      try {
        await (await this.client()).deleteWebhook();
        webhookRemoved = true;
      } catch (error) {
        webhookRemoved = false;
        this.options.logger.warn('ninjaone: webhook removal failed', { error });
      }
    }
    await this.store.clear();
    this.session = null;
    this.transientProblem = null;
    const settings = this.settings();
    if (settings)
      this.options.settings.set(settingsKey, { ...settings, connectedAt: null, problem: null, scopes: [] });
    this.options.logger.info('ninjaone: disconnected', { host: settings?.host ?? null });
    return { ...(await this.publish()), webhookRemoved };
  }

  /**
   * The instance of the last sign-in (kept while signed out, to prefill the next one), as `status()`
   * reports it, without reading the keychain.
   */
  baseUrl(): string | null {
    return this.settings()?.baseUrl ?? null;
  }

  /** The device's page in this NinjaOne instance's web console. */
  deviceConsoleUrl(deviceId: number): string {
    const baseUrl = this.baseUrl();
    if (!baseUrl)
      throw new AppError(
        'not_connected',
        'Connect NinjaOne first: the console does not know which NinjaOne instance to open.',
      );
    return deviceLink(baseUrl, deviceId);
  }

  /** How fast the console may call NinjaOne (the setting, or the conservative default). */
  requestBudget(): RequestBudget {
    return this.options.settings.get(budgetKey, requestBudgetSchema, defaultRequestBudget);
  }

  /** Keeps the new budget and applies it at once to the connected host (a running sync speeds up too). */
  setRequestBudget(budget: RequestBudget): RequestBudget {
    const parsed = requestBudgetSchema.parse(budget);
    this.options.settings.set(budgetKey, parsed);
    const host = this.settings()?.host;
    if (host) limiterFor(host, this.timing).configure(parsed);
    this.options.logger.info('ninjaone: request budget changed', { ...parsed });
    return parsed;
  }

  /** Ends a sign-in that is still waiting for the browser (the core is shutting down). */
  close(): void {
    this.closing.abort();
  }

  /**
   * An authenticated client for the current connection, for services that call NinjaOne. Throws
   * `not_connected` or `needs_reconnect` (with what to do) when there is no usable sign-in.
   */
  async client(
    options: Pick<NinjaOneClientOptions, 'onQuarantine' | 'apiPrefix' | 'concurrency' | 'budget'> = {},
  ): Promise<NinjaOneClient> {
    const session = await this.currentSession();
    const settings = this.settings()!;
    return new NinjaOneClient({
      endpoint: { instance: settings.instance, baseUrl: settings.baseUrl, host: settings.host },
      tokens: session,
      retry: this.options.retry,
      timing: this.timing,
      logger: this.options.logger,
      fetch: this.options.fetch,
      budget: this.requestBudget(),
      clientId: settings.clientId,
      ...options,
    });
  }

  private async currentSession(): Promise<NinjaOneSession> {
    if (this.session) return this.session;
    const settings = this.settings();
    if (!settings || settings.connectedAt === null) {
      throw new AppError('not_connected', 'The console is not connected to NinjaOne. Connect it first.');
    }
    if (settings.problem)
      throw new AppError('needs_reconnect', settings.problem.reason, { host: settings.host });
    const tokens = await this.store.read();
    if (!tokens) {
      throw new AppError(
        'needs_reconnect',
        `The NinjaOne sign-in for ${settings.host} is no longer in the OS keychain. Connect again.`,
        { host: settings.host },
      );
    }
    this.session = this.newSession(tokens, {
      instance: settings.instance,
      baseUrl: settings.baseUrl,
      host: settings.host,
    });
    return this.session;
  }

  private newSession(tokens: StoredTokens, endpoint: NinjaOneEndpoint): NinjaOneSession {
    const session: NinjaOneSession = new NinjaOneSession(tokens, {
      store: this.store,
      endpoint: new TokenEndpoint(this.transport(endpoint), tokens.clientId),
      timing: this.timing,
      host: endpoint.host,
      refreshAheadMs: this.options.refreshAheadMs ?? 5 * 60_000,
      logger: this.options.logger,
      events: {
        renewed: () => {
          if (this.session !== session) return;
          this.transientProblem = null;
          void this.publish();
        },
        problem: (problem) => {
          if (this.session !== session) return;
          void this.recordProblem(problem);
        },
      },
    });
    return session;
  }

  private async recordProblem(problem: SessionProblem): Promise<void> {
    if (problem.state === 'error') {
      this.transientProblem = problem.reason;
    } else {
      const settings = this.settings();
      if (settings) this.options.settings.set(settingsKey, { ...settings, problem });
      // A refused refresh token is useless; an expired sign-in has nothing left to renew with.
      await this.store.clear().catch(() => false);
      this.options.logger.warn('ninjaone: session ended', {
        host: settings?.host ?? null,
        state: problem.state,
      });
    }
    await this.publish();
  }

  private transport(endpoint: NinjaOneEndpoint): NinjaOneTransport {
    return new NinjaOneTransport({
      endpoint,
      retry: this.options.retry,
      timing: this.timing,
      logger: this.options.logger,
      fetch: this.options.fetch,
      budget: this.requestBudget(),
    });
  }

  private settings(): ConnectionSettings | null {
    return this.options.settings.get(settingsKey, connectionSettingsSchema.nullable(), null);
  }

  /** Emits the status when it differs from the last one emitted, and returns it. */
  private async publish(): Promise<NinjaOneStatus> {
    const status = await this.status();
    const key = JSON.stringify(status);
    if (key !== this.lastEmitted) {
      this.lastEmitted = key;
      this.options.onStatus?.(status);
    }
    return status;
  }
}
