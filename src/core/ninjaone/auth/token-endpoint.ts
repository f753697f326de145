import { z } from 'zod';
import { AppError } from '../../../shared/rpc/errors';
import { redactValue } from '../../../node/logger';
import type { NinjaOneTransport } from '../transport';

/**
 * `POST /ws/oauth/token` (form-encoded): the authorization-code exchange with the PKCE verifier,
 * refresh, and client credentials. Errors say what the technician can do; `invalid_token` and
 * `invalid_grant` on refresh mean the refresh token is dead (revoked, reused, expired): reconnect.
 */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | null;
  expiresInSeconds: number;
  scopes: string[];
}

const tokenBody = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.number().nullish(),
  scope: z.string().nullish(),
  refresh_token: z.string().nullish(),
});

const errorBody = z.looseObject({
  error: z.string().nullish(),
  error_description: z.string().nullish(),
  resultCode: z.string().nullish(),
});

export const tokenPath = '/ws/oauth/token';

export class TokenEndpoint {
  constructor(
    private readonly transport: NinjaOneTransport,
    private readonly clientId: string,
    private readonly clientSecret?: string,
  ) {}

  private get host(): string {
    return this.transport.endpoint.host;
  }

  exchangeCode(
    code: string,
    redirectUri: string,
    verifier: string,
    signal?: AbortSignal,
  ): Promise<TokenResponse> {
    return this.post(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
      'sign-in',
      signal,
    );
  }

  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenResponse> {
    return this.post({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh', signal);
  }

  clientCredentials(scopes: readonly string[], signal?: AbortSignal): Promise<TokenResponse> {
    return this.post(
      { grant_type: 'client_credentials', scope: scopes.join(' ') },
      'client credentials',
      signal,
    );
  }

  private async post(
    form: Record<string, string>,
    purpose: string,
    signal?: AbortSignal,
  ): Promise<TokenResponse> {
    const full: Record<string, string> = { ...form, client_id: this.clientId };
    if (this.clientSecret) full.client_secret = this.clientSecret;
    const response = await this.transport.request({
      method: 'POST',
      path: tokenPath,
      form: full,
      auth: false,
      signal,
      passStatuses: [400, 401, 403],
    });
    if (response.status === 200) {
      const parsed = tokenBody.safeParse(response.body);
      if (!parsed.success) {
        throw new AppError(
          'invalid_response',
          `NinjaOne at ${this.host} answered the ${purpose} without an access token.`,
          {
            host: this.host,
          },
        );
      }
      const body = parsed.data;
      redactValue(body.access_token);
      redactValue(body.refresh_token);
      return {
        accessToken: body.access_token,
        refreshToken: body.refresh_token ?? null,
        expiresInSeconds: body.expires_in ?? 3600,
        scopes: (body.scope ?? '').split(/\s+/).filter(Boolean),
      };
    }
    throw this.refusal(response.status, response.body, purpose);
  }

  private refusal(status: number, body: unknown, purpose: string): AppError {
    const parsed = errorBody.safeParse(body);
    const error = parsed.success ? (parsed.data.error ?? null) : null;
    const description = parsed.success ? (parsed.data.error_description ?? null) : null;
    const details = { host: this.host, status, error, description };
    if (parsed.success && parsed.data.resultCode === 'Client app not exist') {
      return new AppError(
        'refused',
        `NinjaOne at ${this.host} does not know the client id "${this.clientId}". Check the instance (region) you sign in on and the client id of the app under Administration > Apps > API.`,
        details,
      );
    }
    if (purpose === 'refresh' && (error === 'invalid_token' || error === 'invalid_grant')) {
      return new AppError(
        'needs_reconnect',
        `NinjaOne at ${this.host} refused the refresh token (${error}): it was revoked, already used or has expired. Reconnect NinjaOne to sign in again.`,
        details,
      );
    }
    const said = `${error ?? `HTTP ${status}`}${description ? `: ${description}` : ''}`;
    if (error === 'invalid_client' || error === 'unauthorized_client') {
      return new AppError(
        'refused',
        `NinjaOne at ${this.host} refused the app for the ${purpose} (${said}). Check the app's platform (Native), its redirect URI and its grants.`,
        details,
      );
    }
    return new AppError('refused', `NinjaOne at ${this.host} refused the ${purpose} (${said}).`, details);
  }
}
