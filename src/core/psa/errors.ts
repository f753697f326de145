import { AppError, isAppError, type ErrorCode } from '../../shared/rpc/errors';
import { redirectTarget } from '../redirect-target';

/** What every PSA failure carries in `AppError.details`, so callers decide without parsing text. */
export interface PsaFailure {
  host: string;
  method: string;
  path: string;
  /** HTTP status, or null when no answer came (network, timeout). */
  status: number | null;
  psaCode: string | null;
  psaMessage: string | null;
  /** The PSA's validation issues (zod `details`), when it sent any. */
  issues?: unknown;
  /** Trying again later can succeed (network, timeout, 429, 5xx). */
  retryable: boolean;
  /**
   * The PSA may have carried out the request although we saw a failure (timeout, reset connection,
   * 5xx after the body was sent). A create that failed this way must be looked for before repeating.
   */
  ambiguous: boolean;
  /** From Retry-After, when the PSA sent one. */
  retryAfterMs?: number;
}

export function psaFailure(error: unknown): PsaFailure | null {
  if (!isAppError(error)) return null;
  const details = error.details as Partial<PsaFailure> | undefined;
  return details && typeof details.host === 'string' && typeof details.retryable === 'boolean'
    ? (details as PsaFailure)
    : null;
}

/** The three error shapes Alga uses (§1.4): string `error`, `{error:{code,message,details}}`, asset `success:false`. */
export function parseErrorBody(body: unknown): {
  code: string | null;
  message: string | null;
  details: unknown;
} {
  if (!body || typeof body !== 'object') return { code: null, message: null, details: undefined };
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { code: null, message: error, details: undefined };
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown; details?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : null,
      message: typeof e.message === 'string' ? e.message : null,
      details: e.details,
    };
  }
  const message = (body as { message?: unknown }).message;
  return { code: null, message: typeof message === 'string' ? message : null, details: undefined };
}

/** "board_id: Required; status_id: ... does not belong to board_id ..." from zod-style details. */
export function describeIssues(details: unknown, max = 4): string | null {
  if (!Array.isArray(details) || details.length === 0) return null;
  const parts = details.slice(0, max).map((issue: unknown) => {
    const i = issue as { path?: unknown; message?: unknown };
    const path = Array.isArray(i.path) && i.path.length ? `${i.path.join('.')}: ` : '';
    return `${path}${typeof i.message === 'string' ? i.message : 'invalid'}`;
  });
  const more = details.length > max ? ` (+${details.length - max} more)` : '';
  return parts.join('; ') + more;
}

interface ResponseFailure {
  host: string;
  method: string;
  path: string;
  /** What the console was doing, as a verb phrase: "create the ticket". */
  action: string;
  status: number;
  body: unknown;
  retryAfterMs?: number;
  /** Where a 3xx pointed. */
  location?: string | null;
  /** The request had a side effect if it was carried out (POST). */
  sideEffect: boolean;
}

/** Turns an HTTP error answer into an AppError whose message names the PSA, the action and the PSA's words. */
export function responseError(f: ResponseFailure): AppError {
  const parsed = parseErrorBody(f.body);
  const said = [parsed.message, describeIssues(parsed.details)].filter(Boolean).join(': ');
  const theirWords = said ? ` Alga said: "${said}".` : '';
  const base: PsaFailure = {
    host: f.host,
    method: f.method,
    path: f.path,
    status: f.status,
    psaCode: parsed.code,
    psaMessage: parsed.message,
    ...(parsed.details === undefined ? {} : { issues: parsed.details }),
    retryable: false,
    ambiguous: false,
    ...(f.retryAfterMs === undefined ? {} : { retryAfterMs: f.retryAfterMs }),
  };
  const make = (code: ErrorCode, message: string, extra: Partial<PsaFailure> = {}): AppError =>
    new AppError(code, message, { ...base, ...extra });
  if (f.status >= 300 && f.status < 400) {
    const target = redirectTarget(f.location ?? null, f.host);
    return make(
      'refused',
      `Alga PSA at ${f.host} redirected the request to ${f.action} to ${target}; the console does not send the API key on to another address. If Alga moved, enter its new address in Settings → Alga PSA.`,
    );
  }
  if (f.status === 401) {
    return make(
      'unauthorized',
      `Alga PSA at ${f.host} refused the API key when trying to ${f.action}.${theirWords} Create a new key in Alga (Profile → API Keys) and reconnect, and check the tenant id if you set one.`,
    );
  }
  if (f.status === 403) {
    return make(
      'forbidden',
      `Alga PSA at ${f.host} does not allow this API key's user to ${f.action}.${theirWords} Ask an Alga admin to grant the ticket (and asset) permissions to that user.`,
    );
  }
  if (f.status === 404)
    return make('not_found', `Alga PSA at ${f.host} could not ${f.action}: not found.${theirWords}`);
  if (f.status === 409)
    return make('conflict', `Alga PSA at ${f.host} could not ${f.action}: it already exists.${theirWords}`);
  if (f.status === 429) {
    const wait = f.retryAfterMs === undefined ? '' : ` Retry in ${Math.ceil(f.retryAfterMs / 1000)} s.`;
    return make('rate_limited', `Alga PSA at ${f.host} is rate limiting this API key.${wait}`, {
      retryable: true,
    });
  }
  if (f.status >= 500) {
    return make(
      'upstream_error',
      `Alga PSA at ${f.host} failed with HTTP ${f.status} when trying to ${f.action}.${theirWords} This is usually temporary; the console retries.`,
      { retryable: true, ambiguous: f.sideEffect },
    );
  }
  return make(
    'refused',
    `Alga PSA at ${f.host} refused to ${f.action} (HTTP ${f.status}).${theirWords || ' It gave no reason.'}`,
  );
}

/** A request that got no answer: refused connection, DNS, reset, timeout. */
export function networkError(
  f: { host: string; method: string; path: string; action: string; sideEffect: boolean },
  error: unknown,
  timedOut: { afterMs: number } | null,
): AppError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? null;
  const base = {
    host: f.host,
    method: f.method,
    path: f.path,
    status: null,
    psaCode: null,
    psaMessage: null,
    retryable: true,
  };
  if (timedOut) {
    return new AppError(
      'timeout',
      `Alga PSA at ${f.host} did not answer within ${Math.round(timedOut.afterMs / 1000)} s when trying to ${f.action}.`,
      { ...base, ambiguous: f.sideEffect },
    );
  }
  // A refused or unresolved connection never carried the request: nothing can have happened.
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  const reason = code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new AppError(
    'upstream_unavailable',
    `Cannot reach Alga PSA at ${f.host} to ${f.action} (${reason}). Check the network and the PSA address.`,
    { ...base, ambiguous: f.sideEffect && !neverSent },
  );
}
