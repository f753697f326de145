import { shell } from 'electron';
import type { Logger } from '../../src/node/logger';
import {
  checkExternalUrl,
  noTrustedOrigins,
  refusedExternalUrl,
  type ExternalPurpose,
  type TrustedOrigins,
} from '../../src/shared/external-url-policy';
import { AppError, type RpcErrorShape } from '../../src/shared/rpc/errors';

/** The one call of `shell.openExternal` in the app (ESLint refuses it anywhere else). */
export function openInSystemBrowser(url: string): Promise<void> {
  return shell.openExternal(url);
}

/**
 * The single gate every URL leaving the console passes: the core's requests (sign-in, remote
 * connect) and links the page tries to open in a new window. It decides with the shared URL policy
 * and the hosts the core reports it is connected to; a refusal is logged and answered with the
 * `refused` error, never opened.
 */
export class ExternalUrlGate {
  private origins: TrustedOrigins = noTrustedOrigins;

  constructor(
    private readonly logger: Logger,
    private readonly launch: (url: string, purpose: ExternalPurpose) => Promise<void> = openInSystemBrowser,
  ) {}

  setTrustedOrigins(origins: TrustedOrigins): void {
    this.origins = origins;
  }

  /** Null when the URL was opened; the error to answer with otherwise. */
  async open(url: unknown, purpose: ExternalPurpose): Promise<RpcErrorShape | null> {
    const decision = checkExternalUrl(url, purpose, this.origins);
    if (!decision.allowed) {
      this.logger.warn('refused to open a URL', { purpose, reason: decision.reason });
      return refusedExternalUrl(purpose, decision.reason).toShape();
    }
    try {
      await this.launch(decision.url, purpose);
      this.logger.info('opened a URL in the system browser', { purpose, host: new URL(decision.url).host });
      return null;
    } catch (error) {
      this.logger.error('the system browser could not be opened', { purpose, error });
      return new AppError(
        'upstream_unavailable',
        'The system browser could not be opened: check that a default browser is set.',
      ).toShape();
    }
  }
}
