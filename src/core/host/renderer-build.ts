import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the built renderer is missing or older than its sources (renderer and shared). */
export function rendererIsStale(root: string): boolean {
  let built: number;
  try {
    built = statSync(join(root, 'out', 'renderer', 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  const sources = Math.max(
    newestMtime(join(root, 'src', 'renderer')),
    newestMtime(join(root, 'src', 'shared')),
  );
  return sources > built;
}

/** Builds only the renderer with the same Vite config electron-vite uses. */
export async function buildRenderer(root: string): Promise<void> {
  const { build } = await import('vite');
  const { rendererConfig } = await import('../../renderer/vite.config');
  await build({ ...rendererConfig(root), configFile: false, logLevel: 'warn' });
}
