import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

export function assetHandlers(
  cache: Cache,
): Pick<Handlers, 'assets.list' | 'assets.get' | 'organizations.list'> {
  return {
    'assets.list': ({ filter, sort, cursor, limit }) => cache.devices.list({ filter, sort, cursor, limit }),
    'assets.get': ({ id }) => cache.devices.get(id),
    'organizations.list': ({ search, cursor, limit }) => cache.organizations.list({ search, cursor, limit }),
  };
}
