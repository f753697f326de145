import { checkExternalUrl, refusedExternalUrl, type ExternalPurpose } from '../../shared/external-url-policy';
import type { Logger } from '../../node/logger';
import type { ExternalOpener } from '../external-opener';
import type { TrustedOriginsRegistry } from './trusted-origins';

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
