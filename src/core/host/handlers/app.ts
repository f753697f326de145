import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

export function appHandlers(
  cache: Cache,
  info: { version: string; demo: boolean },
): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => {
      const lastSync = cache.db
        .prepare(`SELECT max(finished_at) AS at FROM sync_runs WHERE state = 'succeeded'`)
        .get() as { at: number | null };
      return {
        version: info.version,
        schemaVersion: cache.schemaVersion,
        cachePath: cache.path,
        deviceCount: cache.devices.count(),
        lastSyncAt: lastSync.at,
        demo: info.demo,
      };
    },
  };
}
