import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/**
 * The renderer's Vite config, shared by electron-vite (the app) and `npm run web` (the browser), so
 * both serve the very same bundle. Relative asset paths let it load from app:// and from http alike.
 */
export function rendererConfig(root: string): UserConfig {
  return {
    root: join(root, 'src', 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: join(root, 'out', 'renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
    },
  };
}
