import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

export function assetHandlers(
  cache: Cache,
): Pick<Handlers, 'assets.list' | 'assets.get' | 'assets.activities' | 'organizations.list'> {
  return {
    'assets.list': ({ filter, sort, cursor, limit }) => cache.devices.list({ filter, sort, cursor, limit }),
    'assets.get': ({ id }) => cache.devices.get(id),
    'assets.activities': ({ id, cursor, limit }) => {
      const page = cache.activities.forDevice(id, cursor, limit);
      return { items: page.items.map(({ deviceId: _deviceId, ...row }) => row), nextCursor: page.nextCursor };
    },
    'organizations.list': ({ search, cursor, limit }) => cache.organizations.list({ search, cursor, limit }),
  };
}
