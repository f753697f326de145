/**
 * Where a redirect pointed, as an origin and path, for an error that names it: a client that holds
 * a secret never follows a redirect, and the technician needs to see where it would have gone. A
 * query may carry anything, so it is left out.
 */
export function redirectTarget(location: string | null, host: string): string {
  if (!location) return 'an address it did not name';
  try {
    const url = new URL(location, `https://${host}`);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}
