import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the console keeps its cache when not told otherwise (same place Electron's userData would be). */
export function defaultDataDir(): string {
  const app = 'alga-technician-console';
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), app);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', app);
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), app);
}

/** The cache file: `cache.db`, or `demo.db` for the demo workspace, which never mixes with real data. */
export function defaultCachePath(name: 'cache' | 'demo' = 'cache'): string {
  return join(defaultDataDir(), `${name}.db`);
}
