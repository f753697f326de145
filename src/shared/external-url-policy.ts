import { AppError } from './rpc/errors';
import { parseUrl, type ParsedUrl } from './parsed-url';

/**
 * The one policy for URLs the console opens outside itself (the system browser for sign-in, a
 * device's NinjaOne dashboard for remote connect, a link to NinjaOne or the PSA). Electron main's
 * `openExternal` gate and the web-mode opener both decide with it; it is pure so the table of allowed
 * and refused URLs is tested without Electron.
 *
 * Allowed: `https:` URLs whose host (and port) is exactly the trusted origin for the purpose. NinjaOne
 * documents no remote-control URL scheme (its public API has no endpoint that starts a Splashtop,
 * TeamViewer, RDP or NinjaOne Remote session; see the NinjaOne reference §6.5), so no custom scheme
 * is allowed: remote connect opens the device dashboard, where the technician starts the session.
 * The one exception to https is a trusted origin that is itself plain http on loopback (the NinjaOne
 * simulator of the demo workspace and the tests): only that exact origin is allowed.
 */
export const externalPurposes = ['sign-in', 'remote', 'link'] as const;
export type ExternalPurpose = (typeof externalPurposes)[number];

/** Origins the core is connected to, e.g. `https://eu.ninjarmm.com`; null when not connected. */
export interface TrustedOrigins {
  ninjaone: string | null;
  psa: string | null;
}

export const noTrustedOrigins: TrustedOrigins = { ninjaone: null, psa: null };

export type ExternalUrlDecision = { allowed: true; url: string } | { allowed: false; reason: string };

const originsByPurpose: Record<ExternalPurpose, readonly (keyof TrustedOrigins)[]> = {
  'sign-in': ['ninjaone'],
  remote: ['ninjaone'],
  link: ['ninjaone', 'psa'],
};

const originLabels: Record<keyof TrustedOrigins, string> = { ninjaone: 'NinjaOne', psa: 'Alga PSA' };

const MAX_URL_LENGTH = 4096;
const loopbackHostnames = new Set(['127.0.0.1', 'localhost', '[::1]']);

function refuse(reason: string): ExternalUrlDecision {
  return { allowed: false, reason };
}

/** Whitespace, control characters and backslashes: tricks that parsers and shells read differently. */
function hasAmbiguousCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}

/** A trusted origin is usable when it is https, or plain http on loopback, with no userinfo. */
function usableOrigin(origin: string | null): ParsedUrl | null {
  if (!origin) return null;
  const parsed = parseUrl(origin);
  if (!parsed || parsed.username || parsed.password) return null;
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && loopbackHostnames.has(parsed.hostname)) return parsed;
  return null;
}

export function checkExternalUrl(
  raw: unknown,
  purpose: ExternalPurpose,
  origins: TrustedOrigins,
): ExternalUrlDecision {
  if (typeof raw !== 'string' || raw.length === 0) return refuse('the URL is empty');
  if (raw.length > MAX_URL_LENGTH) return refuse(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  if (hasAmbiguousCharacters(raw))
    return refuse('the URL contains whitespace, control characters or backslashes');
  const url = parseUrl(raw);
  if (!url) return refuse('not an absolute URL');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return refuse(`the scheme "${url.protocol}" is not allowed`);
  if (url.username || url.password) return refuse('the URL carries a user name or password');

  const kinds = originsByPurpose[purpose];
  const trusted = kinds.map((kind) => usableOrigin(origins[kind])).filter((o) => o !== null);
  const names = kinds.map((kind) => originLabels[kind]).join(' or ');
  if (trusted.length === 0) return refuse(`no ${names} connection to open ${purpose} URLs on`);
  const match = trusted.find((origin) => origin.host === url.host);
  if (!match)
    return refuse(
      `the host "${url.host}" is not the connected ${names} host (${trusted.map((o) => o.host).join(', ')})`,
    );
  if (url.protocol !== match.protocol)
    return refuse(
      url.protocol === 'http:'
        ? `plain http to ${url.host} is not allowed`
        : `${url.host} is connected over plain http (a loopback simulator), not https`,
    );
  return { allowed: true, url: url.href };
}

const purposeLabels: Record<ExternalPurpose, string> = {
  'sign-in': 'sign-in page',
  remote: 'remote connect link',
  link: 'link',
};

/** The error every opener answers a refused URL with (the reason names hosts, never the whole URL). */
export function refusedExternalUrl(purpose: ExternalPurpose, reason: string): AppError {
  return new AppError('refused', `The console did not open the ${purposeLabels[purpose]}: ${reason}.`);
}
