import { assetFilterSchema } from '../../../shared/contract/assets';
import type { Cache } from '../../cache/cache';
import type { NinjaOneConnection } from '../../ninjaone';
import type { ExternalOpener } from '../../external-opener';
import type { Handlers } from '../rpc-server';
import type { CacheTopic } from '../../../shared/contract/cache-topics';

type AssetProcedures =
  | 'assets.list'
  | 'assets.get'
  | 'assets.activities'
  | 'assets.silence'
  | 'assets.unsilence'
  | 'assets.openInNinjaOne'
  | 'assets.savedFilters'
  | 'assets.saveFilter'
  | 'assets.deleteFilter'
  | 'organizations.list';

export function assetHandlers(
  cache: Cache,
  context: {
    technician: () => string;
    changed: (tables: CacheTopic[]) => void;
    ninjaone: NinjaOneConnection;
    opener: ExternalOpener;
    /** Shares a silence with the team through the relay, when one is connected (`until` null lifts it). */
    shareSilence(deviceId: number, until: number | null, reason: string | null): Promise<void>;
  },
): Pick<Handlers, AssetProcedures> {
  return {
    'assets.savedFilters': () => ({ items: cache.savedFilters.list('assets', assetFilterSchema) }),
    'assets.saveFilter': ({ name, filter }) => ({
      id: cache.savedFilters.save('assets', name, filter),
      name,
      filter,
    }),
    'assets.deleteFilter': ({ id }) => {
      cache.savedFilters.delete(id);
      return { deleted: true };
    },
    'assets.silence': async ({ id, minutes, reason }) => {
      cache.devices.get(id);
      const by = context.technician();
      const until = Date.now() + minutes * 60_000;
      await context.shareSilence(id, until, reason ?? null);
      const silence = cache.silences.silence(id, until, by, reason ?? null);
      context.changed(['device_silences']);
      return { until: silence.until, by };
    },
    'assets.unsilence': async ({ id }) => {
      await context.shareSilence(id, null, null);
      const removed = cache.silences.unsilence(id);
      context.changed(['device_silences']);
      return { removed };
    },
    'assets.openInNinjaOne': async ({ id }) => {
      cache.devices.get(id);
      const url = context.ninjaone.deviceConsoleUrl(id);
      await context.opener.open(url, 'link');
      return { url };
    },
    'assets.list': ({ filter, sort, cursor, limit }) => cache.devices.list({ filter, sort, cursor, limit }),
    'assets.get': ({ id }) => cache.devices.get(id),
    'assets.activities': ({ id, cursor, limit }) => {
      const page = cache.activities.forDevice(id, cursor, limit);
      return { items: page.items.map(({ deviceId: _deviceId, ...row }) => row), nextCursor: page.nextCursor };
    },
    'organizations.list': ({ search, cursor, limit }) => cache.organizations.list({ search, cursor, limit }),
  };
}
