import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SimClock } from './clock';
import { json, type Reply } from './http';

/**
 * NinjaOne's OAuth server as the reference describes it: client apps with a platform (Native: auth
 * code + PKCE, no secret; Web: auth code with a secret; API Services: client credentials), exact
 * redirect URIs, S256 only, codes single-use for 60 s, opaque access tokens, refresh tokens only
 * with `offline_access` and the refresh grant, rotated on every use; reuse answers
 * `400 {"error":"invalid_token"}`.
 */
export const allScopes = ['monitoring', 'management', 'control', 'offline_access'] as const;
export type Scope = (typeof allScopes)[number];

export interface OAuthApp {
  clientId: string;
  clientSecret?: string;
  platform: 'native' | 'web' | 'api';
  name: string;
  redirectUris: string[];
  /** Scopes ticked on the app: a token never gets more. */
  scopes: Scope[];
  /** The "Refresh Token" grant is ticked (needed, with offline_access, for a refresh token). */
  refreshGrant: boolean;
}

export interface AccessTokenRecord {
  token: string;
  clientId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
  /** Tokens from the authorization code act as the technician who consented. */
  administrator: boolean;
}

interface RefreshTokenRecord {
  token: string;
  clientId: string;
  scopes: string[];
  administrator: boolean;
  expiresAt: number | null;
  rotated: boolean;
}

interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge: string | null;
  expiresAt: number;
  used: boolean;
}

export interface OAuthOptions {
  accessTokenTtlSeconds: number;
  codeTtlSeconds: number;
  /** Absolute refresh-token life; null keeps them until rotated or revoked (NinjaOne: unknown). */
  refreshTokenTtlSeconds: number | null;
}

export interface OAuthControls {
  /** The signed-in technician's answer on the consent page. */
  consent: 'allow' | 'deny';
  /** Accept a refresh token again after it was rotated (off: NinjaOne's observed behaviour). */
  allowRefreshReuse: boolean;
  /** The consenting technician is a system administrator (webhook configuration needs it). */
  technicianIsAdministrator: boolean;
}

const unauthenticated = {
  error: 'not_authenticated',
  error_description: 'Invalid credentials',
  error_code: 10,
};

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
const tokenError = (status: number, error: string, description?: string): Reply =>
  json(status, description ? { error, error_description: description } : { error }, noStore);

function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export class OAuthServer {
  readonly apps = new Map<string, OAuthApp>();
  readonly controls: OAuthControls = {
    consent: 'allow',
    allowRefreshReuse: false,
    technicianIsAdministrator: true,
  };
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly issuedAccess = new Set<string>();
  private readonly issuedRefresh = new Set<string>();

  constructor(
    private readonly clock: SimClock,
    readonly options: OAuthOptions,
  ) {}

  registerApp(app: Partial<OAuthApp> & Pick<OAuthApp, 'platform'>): OAuthApp {
    const full: OAuthApp = {
      clientId: app.clientId ?? opaque(24),
      name: app.name ?? `${app.platform} app`,
      redirectUris: app.redirectUris ?? [],
      scopes: app.scopes ?? [...allScopes],
      refreshGrant: app.refreshGrant ?? app.platform !== 'api',
      platform: app.platform,
      ...(app.platform === 'native' ? {} : { clientSecret: app.clientSecret ?? opaque(32) }),
    };
    this.apps.set(full.clientId, full);
    return full;
  }

  /**
   * A token without a sign-in (every scope and administrator by default). The simulator's ready
   * token for headless tools uses a long `ttlSeconds` so benchmarks and demos outlive an hour.
   */
  issueAccessToken(
    clientId: string,
    scopes: readonly string[] = allScopes,
    administrator = true,
    ttlSeconds = this.options.accessTokenTtlSeconds,
  ): string {
    const token = opaque(48);
    this.issuedAccess.add(token);
    this.accessTokens.set(token, {
      token,
      clientId,
      scopes: new Set(scopes),
      expiresAt: this.clock.now() + ttlSeconds * 1000,
      administrator,
    });
    return token;
  }

  /** What an administrator does under Administration > Apps > API > OAuth Tokens. */
  revokeAll(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** Every token and code ever issued (tests search logs and files for them). */
  issued(): { accessTokens: string[]; refreshTokens: string[]; codes: string[] } {
    return {
      accessTokens: [...this.issuedAccess],
      refreshTokens: [...this.issuedRefresh],
      codes: [...this.codes.keys()],
    };
  }

  /** The bearer of an API call, or the 401 NinjaOne answers. */
  authenticate(header: string | undefined): AccessTokenRecord | Reply {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    const record = match ? this.accessTokens.get(match[1]!) : undefined;
    if (!record || record.expiresAt <= this.clock.now()) return json(401, unauthenticated);
    return record;
  }

  authorize(query: URLSearchParams): Reply {
    const app = this.apps.get(query.get('client_id') ?? '');
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!app) return json(400, { resultCode: 'Client app not exist' });
    if (!app.redirectUris.includes(redirectUri))
      return tokenError(400, 'invalid_client', 'redirect_uri does not match a registered redirect URI');
    const state = query.get('state');
    const back = (params: Record<string, string>): Reply => {
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      if (state !== null) target.searchParams.set('state', state);
      return { status: 302, headers: { location: target.toString(), ...noStore } };
    };
    if (query.get('response_type') !== 'code')
      return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
    if (app.platform === 'api')
      return back({
        error: 'unauthorized_client',
        error_description: 'API Services apps use client credentials',
      });
    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method');
    if (challenge !== null && method !== 'S256')
      return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    if (app.platform === 'native' && challenge === null)
      return back({
        error: 'invalid_request',
        error_description: 'native apps must send a PKCE code_challenge',
      });
    const requested = (query.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (requested.length === 0 || requested.some((s) => !(app.scopes as string[]).includes(s)))
      return back({ error: 'invalid_scope', error_description: `allowed scopes: ${app.scopes.join(' ')}` });
    if (this.controls.consent === 'deny')
      return back({ error: 'access_denied', error_description: 'The user denied access' });
    const scopes = requested.filter((s) => s !== 'offline_access' || app.refreshGrant);
    const code = `${randomUUID()}.${opaque(12)}`;
    this.codes.set(code, {
      code,
      clientId: app.clientId,
      redirectUri,
      scopes,
      challenge,
      expiresAt: this.clock.now() + this.options.codeTtlSeconds * 1000,
      used: false,
    });
    return back({ code });
  }

  token(form: URLSearchParams): Reply {
    const grant = form.get('grant_type');
    const app = this.apps.get(form.get('client_id') ?? '');
    if (!app) return json(400, { resultCode: 'Client app not exist' }, noStore);
    if (app.clientSecret !== undefined && form.get('client_secret') !== app.clientSecret)
      return tokenError(401, 'invalid_client', 'bad client secret');
    if (grant === 'authorization_code') return this.exchangeCode(app, form);
    if (grant === 'refresh_token') return this.refresh(app, form);
    if (grant === 'client_credentials') {
      if (app.platform !== 'api')
        return tokenError(400, 'unauthorized_client', 'client credentials need an API Services app');
      const requested = (form.get('scope') ?? 'monitoring').split(/\s+/).filter(Boolean);
      const scopes = requested.filter((s) => s !== 'offline_access' && (app.scopes as string[]).includes(s));
      return this.tokenResponse(app, scopes, true, false);
    }
    return tokenError(400, 'unsupported_grant_type');
  }

  private exchangeCode(app: OAuthApp, form: URLSearchParams): Reply {
    const record = this.codes.get(form.get('code') ?? '');
    if (!record || record.clientId !== app.clientId)
      return tokenError(400, 'invalid_grant', 'unknown authorization code');
    if (record.used) return tokenError(400, 'invalid_grant', 'authorization code already used');
    record.used = true;
    if (record.expiresAt <= this.clock.now())
      return tokenError(400, 'invalid_grant', 'authorization code expired');
    if (form.get('redirect_uri') !== record.redirectUri)
      return tokenError(400, 'invalid_grant', 'redirect_uri mismatch');
    if (record.challenge !== null) {
      const verifier = form.get('code_verifier') ?? '';
      const digest = createHash('sha256').update(verifier).digest('base64url');
      if (digest !== record.challenge)
        return tokenError(400, 'invalid_grant', 'code_verifier does not match');
    }
    return this.tokenResponse(app, record.scopes, this.controls.technicianIsAdministrator, true);
  }

  private refresh(app: OAuthApp, form: URLSearchParams): Reply {
    const record = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!record || record.clientId !== app.clientId) return tokenError(400, 'invalid_token');
    if (record.rotated && !this.controls.allowRefreshReuse) return tokenError(400, 'invalid_token');
    if (record.expiresAt !== null && record.expiresAt <= this.clock.now())
      return tokenError(400, 'invalid_token');
    record.rotated = true;
    return this.tokenResponse(app, record.scopes, record.administrator, true);
  }

  private tokenResponse(app: OAuthApp, scopes: string[], administrator: boolean, mayRefresh: boolean): Reply {
    const accessToken = this.issueAccessToken(app.clientId, scopes, administrator);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.options.accessTokenTtlSeconds,
      scope: scopes.join(' '),
    };
    if (mayRefresh && app.refreshGrant && scopes.includes('offline_access')) {
      const refreshToken = `${randomUUID()}.${opaque(32)}`;
      this.issuedRefresh.add(refreshToken);
      this.refreshTokens.set(refreshToken, {
        token: refreshToken,
        clientId: app.clientId,
        scopes,
        administrator,
        expiresAt:
          this.options.refreshTokenTtlSeconds === null
            ? null
            : this.clock.now() + this.options.refreshTokenTtlSeconds * 1000,
        rotated: false,
      });
      body.refresh_token = refreshToken;
    }
    return json(200, body, noStore);
  }
}
