import type { Cache } from '../../cache/cache';
import type { DemoWorkspace } from '../demo/demo-workspace';
import type { Handlers } from '../rpc-server';
import { setTechnicianName, technicianProfile } from '../technician';
import type { CacheTopic } from '../../../shared/contract/cache-topics';

export function appHandlers(
  cache: Cache,
  info: { version: string; demo: DemoWorkspace; changed(tables: CacheTopic[]): void },
): Pick<Handlers, 'app.info' | 'app.startDemo' | 'app.leaveDemo' | 'profile.get' | 'profile.set'> {
  return {
    'app.info': () => ({
      version: info.version,
      schemaVersion: cache.schemaVersion,
      cachePath: cache.path,
      deviceCount: cache.devices.count(),
      lastSyncAt: cache.syncState.lastSucceeded()?.finishedAt ?? null,
      demo: info.demo.active,
      // Quiet hours are read on this clock (the notifier takes the process's local time).
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
    'app.startDemo': async () => {
      await info.demo.start();
      return { active: info.demo.active };
    },
    'app.leaveDemo': async () => {
      await info.demo.leave();
      return { active: info.demo.active };
    },
    'profile.get': () => technicianProfile(cache),
    'profile.set': ({ name }) => {
      const profile = setTechnicianName(cache, name);
      // The first-run prompt and Settings both show the name.
      info.changed(['profile']);
      return profile;
    },
  };
}
