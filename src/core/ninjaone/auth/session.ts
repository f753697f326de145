import { AppError, isAppError } from '../../../shared/rpc/errors';
import type { Logger } from '../../../node/logger';
import type { Timing } from '../../time/clock';
import { cancelled } from '../timing';
import type { TokenProvider } from '../transport';
import type { TokenEndpoint } from './token-endpoint';
import type { StoredTokens, TokenStore } from './token-store';

const REFRESH_TIMEOUT_MS = 60_000;

/** `work`, or a cancellation as soon as `signal` aborts (the work itself goes on). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export type SessionProblem =
  | { state: 'expired'; reason: string }
  | { state: 'needs_reconnect'; reason: string }
  | { state: 'error'; reason: string };

export interface SessionEvents {
  /** Tokens were renewed and stored. */
  renewed(tokens: StoredTokens): void;
  /** The session cannot go on (expired, refused) or renewing failed for now (error). */
  problem(problem: SessionProblem): void;
}

/**
 * The signed-in NinjaOne session: hands out the access token, refreshes it ahead of expiry and
 * after a 401, one refresh at a time (concurrent callers share it). A rotated refresh token is in
 * the keychain before the new access token is used. A refused refresh ends the session: callers get
 * `needs_reconnect` at once, and nothing retries in a loop.
 */
export class NinjaOneSession implements TokenProvider {
  private refreshing: Promise<StoredTokens> | null = null;
  private ended: AppError | null = null;

  constructor(
    private tokens: StoredTokens,
    private readonly deps: {
      store: TokenStore;
      endpoint: TokenEndpoint;
      timing: Timing;
      host: string;
      /** Refresh when the access token has less than this left (default 5 minutes). */
      refreshAheadMs: number;
      /** Longest a refresh may take, retries included (default 60 s). */
      refreshTimeoutMs?: number;
      events: SessionEvents;
      logger: Logger;
    },
  ) {}

  get current(): StoredTokens {
    return this.tokens;
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.ended) throw this.ended;
    const left = this.tokens.expiresAt - this.deps.timing.now();
    if (left > this.deps.refreshAheadMs) return this.tokens.accessToken;
    if (this.tokens.refreshToken) return (await this.refresh(signal)).accessToken;
    if (left > 0) return this.tokens.accessToken;
    throw this.end('expired', this.expiredMessage());
  }

  async renewAfterRejection(rejected: string, signal?: AbortSignal): Promise<string> {
    if (this.ended) throw this.ended;
    if (this.tokens.accessToken !== rejected) return this.tokens.accessToken;
    if (this.tokens.refreshToken) return (await this.refresh(signal)).accessToken;
    throw this.end('expired', this.expiredMessage());
  }

  /**
   * Renews now (single flight). The refresh runs on its own timeout, never on a caller's signal: a
   * caller that gives up stops waiting, but the exchange goes on, so a refresh token NinjaOne has
   * just rotated is always saved (else the technician would have to sign in again).
   */
  refresh(signal?: AbortSignal): Promise<StoredTokens> {
    this.refreshing ??= this.renew(false).finally(() => (this.refreshing = null));
    return untilAborted(this.refreshing, signal);
  }

  private async renew(adopted: boolean): Promise<StoredTokens> {
    const previous = this.tokens;
    const started = this.deps.timing.now();
    let response;
    try {
      response = await this.deps.endpoint.refresh(
        previous.refreshToken!,
        AbortSignal.timeout(this.deps.refreshTimeoutMs ?? REFRESH_TIMEOUT_MS),
      );
    } catch (error) {
      if (isAppError(error) && error.code === 'needs_reconnect') {
        // `npm run sync`, `npm run web` and the app share the keychain entry: another of them may
        // have rotated the token since this one read it. Take the newer one before giving up.
        const newer = adopted ? null : await this.newerStoredTokens(previous);
        if (newer) return this.adopt(newer, started);
        throw this.end('needs_reconnect', error.message);
      }
      if (isAppError(error) && error.code !== 'cancelled')
        this.deps.events.problem({ state: 'error', reason: error.message });
      throw error;
    }
    const next: StoredTokens = {
      ...previous,
      accessToken: response.accessToken,
      refreshToken: response.refreshToken ?? previous.refreshToken,
      expiresAt: started + response.expiresInSeconds * 1000,
      scopes: response.scopes.length > 0 ? response.scopes : previous.scopes,
    };
    try {
      await this.deps.store.write(next);
    } catch (error) {
      // NinjaOne rotated the refresh token but the keychain did not take the new one: the next start
      // will need a sign-in. Say so now rather than run on a session that cannot be resumed.
      const reason = `The renewed NinjaOne sign-in for ${this.deps.host} could not be saved to the OS keychain (${
        error instanceof Error ? error.message : String(error)
      }).`;
      throw this.end('needs_reconnect', reason);
    }
    this.tokens = next;
    this.deps.logger.info('ninjaone: tokens renewed', {
      host: this.deps.host,
      rotated: response.refreshToken !== null && response.refreshToken !== previous.refreshToken,
      expiresAt: next.expiresAt,
    });
    this.deps.events.renewed(next);
    return next;
  }

  /** The keychain's tokens when another process renewed them since `previous` was read. */
  private async newerStoredTokens(previous: StoredTokens): Promise<StoredTokens | null> {
    let stored: StoredTokens | null;
    try {
      stored = await this.deps.store.read();
    } catch {
      return null;
    }
    if (!stored?.refreshToken || stored.refreshToken === previous.refreshToken) return null;
    if (stored.clientId !== previous.clientId || stored.baseUrl !== previous.baseUrl) return null;
    return stored;
  }

  /** Goes on with tokens another process saved; renews them too if their access token is due. */
  private async adopt(stored: StoredTokens, now: number): Promise<StoredTokens> {
    this.tokens = stored;
    this.deps.logger.info('ninjaone: took the tokens another process renewed', { host: this.deps.host });
    if (stored.expiresAt - now > this.deps.refreshAheadMs) {
      this.deps.events.renewed(stored);
      return stored;
    }
    return this.renew(true);
  }

  private expiredMessage(): string {
    return `The NinjaOne sign-in for ${this.deps.host} has expired and cannot renew itself (NinjaOne issued no refresh token: tick "Refresh Token" on the app and keep the offline_access scope). Connect again.`;
  }

  private end(state: 'expired' | 'needs_reconnect', reason: string): AppError {
    this.ended = new AppError('needs_reconnect', reason, { host: this.deps.host, state });
    this.deps.events.problem({ state, reason });
    return this.ended;
  }
}
