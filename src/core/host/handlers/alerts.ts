import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

export function alertHandlers(cache: Cache): Pick<Handlers, 'alerts.list' | 'alerts.get' | 'alerts.counts'> {
  return {
    'alerts.list': ({ filter, cursor, limit }) => cache.alerts.list({ filter, cursor, limit }),
    'alerts.get': ({ uid }) => cache.alerts.get(uid),
    'alerts.counts': () => cache.alerts.counts(),
  };
}
