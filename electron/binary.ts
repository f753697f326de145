import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron binary would be, without requiring the `electron` package: since Electron 42,
 * requiring it tries to download the binary, which fails on machines that only reach npm.
 */
export function electronBinary(root: string): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
