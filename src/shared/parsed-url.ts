/**
 * The parts of a WHATWG URL the shared policies read. `URL` exists in every runtime this code runs in
 * (Node, Electron main, Chromium), but src/shared is compiled without the DOM or Node libraries, so
 * the constructor is taken from globalThis with the narrow type below.
 */
export interface ParsedUrl {
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

const UrlConstructor = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/** Parses an absolute URL; null when it is not one. */
export function parseUrl(input: string): ParsedUrl | null {
  try {
    return new UrlConstructor(input);
  } catch {
    return null;
  }
}

/**
 * `scheme://host[:port]`, compared instead of `URL.origin`: for a scheme that is not "special"
 * (app:, alga-console:) the origin is the opaque "null" outside Electron's privileged registration.
 */
export function schemeAndHost(url: ParsedUrl): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * An HTTP request's target (`req.url`) as a URL on `origin`, or null when it is not a path
 * (`/path?query`). Node hands listeners `*`, absolute-form and malformed targets as they came, and
 * `new URL(target, base)` throws on some (`//[`) and reads `//host/path` as another host; a path
 * appended to an origin always parses. Node callers read it as a `URL`: `requestUrl<URL>(...)`.
 */
export function requestUrl<T extends ParsedUrl = ParsedUrl>(
  target: string | undefined,
  origin: string,
): T | null {
  if (target === undefined || !target.startsWith('/')) return null;
  return parseUrl(origin + target) as T | null;
}

/** A percent-encoded path segment decoded; null when its encoding is broken (`%ff`, `%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
