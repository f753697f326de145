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
