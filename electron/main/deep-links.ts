import { resolve } from 'node:path';
import { app } from 'electron';
import { deepLinkScheme } from '../../src/shared/deep-link';

/**
 * `alga-console://` links reach the one running console: the first instance holds the single-instance
 * lock; a second launch (Windows, Linux) forwards its command line and quits; macOS delivers the link
 * as `open-url`.
 */
export function registerDeepLinkScheme(): void {
  if (process.defaultApp && process.argv[1]) {
    // Development (`electron out/main/index.js`): register the script with the Electron binary.
    app.setAsDefaultProtocolClient(deepLinkScheme, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(deepLinkScheme);
  }
}

/** False when another instance already runs (this one must quit; its link was forwarded). */
export function takeSingleInstanceLock(onSecondInstance: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}

/** macOS; registered when main loads, before `ready`, so the link that launched the app is kept. */
export function listenForOpenUrl(onUrl: (url: string) => void): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onUrl(url);
  });
}
