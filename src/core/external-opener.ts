import type { ExternalPurpose } from '../shared/external-url-policy';

/**
 * Opens a URL outside the console (the system browser for sign-in, a device's NinjaOne dashboard for
 * remote connect). The core never opens anything itself: in Electron the opener asks main, whose one
 * allow-listed gate decides (`ParentPortOpener`); in web mode it checks the same policy and asks the
 * page to open a tab (`pageOpener`); tests record the calls. A refused URL rejects with the `refused`
 * error code. A port of the core's own, below the capabilities that open URLs and the host that
 * chooses the adapter.
 */
export interface ExternalOpener {
  open(url: string, purpose: ExternalPurpose): Promise<void>;
}
