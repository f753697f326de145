import { resolve, sep } from 'node:path';

/**
 * The production renderer is served from `app://console/` (a privileged standard scheme, Electron
 * security checklist item 18) instead of file://, so the page can never read other files on disk.
 * This maps a request to a file under the renderer build, or null (404) for anything else.
 */
export const appScheme = 'app';
export const appHost = 'console';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export function rendererFileFor(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost || url.username || url.password) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rendererRoot);
  const file = resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
  return file.startsWith(root + sep) ? file : null;
}
