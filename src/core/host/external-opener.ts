/**
 * Opens a URL outside the console (the system browser for sign-in, a device's NinjaOne dashboard for
 * remote connect). The core never opens anything itself: in Electron the opener asks main, whose one
 * allow-listed gate decides; in web mode it asks the page to open a tab; tests record the calls.
 */
export type ExternalPurpose = 'sign-in' | 'remote' | 'link';

export interface ExternalOpener {
  open(url: string, purpose: ExternalPurpose): Promise<void>;
}
