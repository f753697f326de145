import { AppError } from '../shared/rpc/errors';

/** An address a technician typed, parsed; `invalid_input` naming what was expected when it is no URL. */
export function parseUrlInput(raw: string, what: string, example: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new AppError('invalid_input', `"${raw}" is not a URL. Enter ${what}, e.g. ${example}.`);
  }
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a URL's host is this machine (where plain http cannot be read by anyone on the network). */
export const isLoopbackUrl = (url: URL): boolean => loopbackHosts.has(url.hostname);
