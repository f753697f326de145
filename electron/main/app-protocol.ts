import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor } from '../../src/shared/content-types';
import { productionCsp } from './content-security-policy';
import { appScheme, rendererFileFor } from './renderer-files';

/** Must run before `ready`: app:// behaves like https (standard, secure origin), not like file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the renderer build, and nothing else, with the strict CSP as a response header. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    const file = rendererFileFor(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': productionCsp,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
