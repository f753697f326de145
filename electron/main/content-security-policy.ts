/**
 * The renderer's Content-Security-Policy, sent as a response header by the app:// handler (Electron
 * security checklist item 7). The renderer never talks to the network: every call goes over a
 * MessagePort to the core, so nothing but the app's own files is allowed. A literal, so the built
 * main bundle can be checked for it.
 */
export const productionCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Development only (the Vite dev server): Vite's React refresh preamble is an inline script, its
 * styles are injected at run time, and hot reload talks over a WebSocket to the dev server.
 */
export function developmentCsp(devServerOrigin: string): string {
  return productionCsp
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${devServerOrigin.replace(/^http/, 'ws')}`);
}
