import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';
import { setTechnicianName, technicianProfile } from '../technician';

export function appHandlers(
  cache: Cache,
  info: { version: string; demo: boolean },
): Pick<Handlers, 'app.info' | 'profile.get' | 'profile.set'> {
  return {
    'app.info': () => ({
      version: info.version,
      schemaVersion: cache.schemaVersion,
      cachePath: cache.path,
      deviceCount: cache.devices.count(),
      lastSyncAt: cache.syncState.lastSucceeded()?.finishedAt ?? null,
      demo: info.demo,
    }),
    'profile.get': () => technicianProfile(cache),
    'profile.set': ({ name }) => setTechnicianName(cache, name),
  };
}
