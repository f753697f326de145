import { AppError } from '../../../shared/rpc/errors';
import type { NinjaOneEndpoint } from '../instances';
import type { RetryPolicy } from '../retry';
import type { Timing } from '../../time/clock';
import { realTiming } from '../timing';
import { NinjaOneTransport, type TokenProvider } from '../transport';
import { TokenEndpoint } from './token-endpoint';

/**
 * Tokens for an "API Services" app (client credentials: machine to machine, e.g. the relay). There is
 * no refresh token: a new access token is requested when the old one is near expiry or refused.
 */
export function clientCredentialsTokens(options: {
  endpoint: NinjaOneEndpoint;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  timing?: Timing;
  retry?: Partial<RetryPolicy>;
  /** Renew when less than this is left (default 2 minutes). */
  renewAheadMs?: number;
}): TokenProvider {
  const timing = options.timing ?? realTiming;
  const endpoint = new TokenEndpoint(
    new NinjaOneTransport({ endpoint: options.endpoint, timing, retry: options.retry }),
    options.clientId,
    options.clientSecret,
  );
  let current: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  const renew = (signal?: AbortSignal): Promise<string> => {
    inflight ??= endpoint
      .clientCredentials(options.scopes, signal)
      .then((response) => {
        current = { token: response.accessToken, expiresAt: timing.now() + response.expiresInSeconds * 1000 };
        return response.accessToken;
      })
      .catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'needs_reconnect'
          ? new AppError('refused', error.message, error.details)
          : error;
      })
      .finally(() => (inflight = null));
    return inflight;
  };
  return {
    accessToken: (signal) =>
      current && current.expiresAt - timing.now() > (options.renewAheadMs ?? 120_000)
        ? Promise.resolve(current.token)
        : renew(signal),
    renewAfterRejection: (rejected, signal) =>
      current && current.token !== rejected ? Promise.resolve(current.token) : renew(signal),
  };
}
