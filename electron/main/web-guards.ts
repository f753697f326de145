import { app, session } from 'electron';
import type { Logger } from '../../src/node/logger';
import { parseUrl } from '../../src/shared/parsed-url';
import { developmentCsp } from './content-security-policy';
import type { ExternalUrlGate } from './external-url-gate';
import { isPermissionAllowed, isTrustedUrl } from './trust';

/**
 * Guards for every web contents the app ever creates (Electron security checklist items 5, 12, 13,
 * 14): no navigation away from the renderer, no new windows (a link the page tries to open goes to
 * the URL gate instead), no <webview>, and every permission denied except notifications.
 */
export function installWebGuards(options: {
  trustedOrigin: string;
  gate: ExternalUrlGate;
  logger: Logger;
  /** Development: the Vite dev server's origin, which gets the development CSP as a header. */
  devServerOrigin: string | null;
}): void {
  const { trustedOrigin, gate, logger } = options;
  const hostOf = (url: string): string => parseUrl(url)?.host ?? '(invalid)';

  app.on('web-contents-created', (_event, contents) => {
    // The renderer is one page with hash routes: a real navigation is never legitimate.
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      logger.warn('blocked a navigation', { host: hostOf(url) });
    });
    contents.on('will-frame-navigate', (event) => {
      if (event.isMainFrame || isTrustedUrl(event.url, trustedOrigin)) return;
      event.preventDefault();
      logger.warn('blocked a frame navigation', { host: hostOf(event.url) });
    });
    contents.on('will-redirect', (event, url) => {
      if (isTrustedUrl(url, trustedOrigin)) return;
      event.preventDefault();
      logger.warn('blocked a redirect', { host: hostOf(url) });
    });
    contents.setWindowOpenHandler(({ url }) => {
      void gate.open(url, 'link');
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn('blocked a webview');
    });
  });

  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, trustedOrigin)),
  );
  defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, trustedOrigin),
  );
  defaultSession.setDevicePermissionHandler(() => false);

  if (options.devServerOrigin) {
    const csp = developmentCsp(options.devServerOrigin);
    defaultSession.webRequest.onHeadersReceived(
      { urls: [`${options.devServerOrigin}/*`] },
      (details, callback) =>
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
    );
  }
}
