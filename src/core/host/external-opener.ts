import { checkExternalUrl, refusedExternalUrl, type ExternalPurpose } from '../../shared/external-url-policy';
import type { Logger } from '../log/logger';
import type { TrustedOriginsRegistry } from './trusted-origins';

export type { ExternalPurpose } from '../../shared/external-url-policy';

/**
 * Opens a URL outside the console (the system browser for sign-in, a device's NinjaOne dashboard for
 * remote connect). The core never opens anything itself: in Electron the opener asks main, whose one
 * allow-listed gate decides (`ParentPortOpener`); in web mode it checks the same policy and asks the
 * page to open a tab; tests record the calls. A refused URL rejects with the `refused` error code.
 */
export interface ExternalOpener {
  open(url: string, purpose: ExternalPurpose): Promise<void>;
}

/** Web mode: the page opens the tab, after the same policy main's gate applies in Electron. */
export function pageOpener(
  origins: TrustedOriginsRegistry,
  askPage: (request: { url: string; purpose: ExternalPurpose }) => void,
  logger: Logger,
): ExternalOpener {
  return {
    open: (url, purpose) => {
      const decision = checkExternalUrl(url, purpose, origins.get());
      if (!decision.allowed) {
        logger.warn('refused to open a URL', { purpose, reason: decision.reason });
        return Promise.reject(refusedExternalUrl(purpose, decision.reason));
      }
      askPage({ url: decision.url, purpose });
      return Promise.resolve();
    },
  };
}
