import { noTrustedOrigins, type TrustedOrigins } from '../../shared/external-url-policy';
import { AppError } from '../../shared/rpc/errors';

/**
 * The hosts the console is connected to, which are the only hosts it may open in the browser. The
 * NinjaOne sign-in sets `ninjaone` before it opens the authorize page and whenever a connection is
 * restored (and clears it on disconnect); the PSA connection sets `psa`. In Electron every change is
 * sent to main, whose `openExternal` gate decides with it.
 */
export class TrustedOriginsRegistry {
  private origins: TrustedOrigins = noTrustedOrigins;
  private readonly listeners = new Set<(origins: TrustedOrigins) => void>();

  get(): TrustedOrigins {
    return this.origins;
  }

  set(kind: keyof TrustedOrigins, origin: string | null): void {
    const normalized = origin === null ? null : originOf(origin);
    if (this.origins[kind] === normalized) return;
    this.origins = { ...this.origins, [kind]: normalized };
    for (const listener of this.listeners) listener(this.origins);
  }

  onChange(listener: (origins: TrustedOrigins) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function originOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalid_input', `"${value}" is not a URL of a host the console can connect to.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('invalid_input', `"${value}" is not an http(s) host.`);
  return url.origin;
}
