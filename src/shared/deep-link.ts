import { entityIdSchema, type NavigationTarget } from './navigation';
import { parseUrl } from './parsed-url';

/**
 * `alga-console://open/<kind>/<id>` links (from an e-mail, a PSA ticket, a chat message). The action
 * and kind are allow-listed; anything else parses to null and is ignored. Nothing of the link ever
 * reaches a shell or the file system: it only becomes a route inside the window.
 */
export const deepLinkScheme = 'alga-console';

const MAX_LINK_LENGTH = 512;

/** The allow-list: `open` with one of these kinds. */
function targetFor(kind: string, id: string): NavigationTarget | null {
  switch (kind) {
    case 'device': {
      if (!/^[1-9]\d{0,9}$/.test(id) || Number(id) > 2 ** 31 - 1) return null;
      return { kind: 'device', id: Number(id) };
    }
    case 'alert':
      return entityIdSchema.safeParse(id).success ? { kind: 'alert', uid: id } : null;
    case 'ticket':
      return entityIdSchema.safeParse(id).success ? { kind: 'ticket', id } : null;
    default:
      return null;
  }
}

export function parseDeepLink(raw: unknown): NavigationTarget | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return null;
  const url = parseUrl(raw);
  if (!url || url.protocol !== `${deepLinkScheme}:`) return null;
  if (url.username || url.password || url.port || url.hostname.toLowerCase() !== 'open') return null;
  const segments = url.pathname.replace(/\/$/, '').split('/').slice(1);
  if (segments.length !== 2) return null;
  const [kind, encodedId] = segments as [string, string];
  let id: string;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    return null;
  }
  return targetFor(kind, id);
}

/**
 * The link a second instance (Windows, Linux) or a cold start was launched with. Exactly one argument
 * may carry the scheme: a URL crafted to smuggle extra arguments (or several links) is ignored.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  const prefix = `${deepLinkScheme}:`;
  const links = argv.filter((arg) => arg.toLowerCase().startsWith(prefix));
  return links.length === 1 ? links[0]! : null;
}
