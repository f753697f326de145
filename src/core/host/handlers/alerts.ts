import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

export function alertHandlers(
  cache: Cache,
  context: { technician: () => string; changed: (tables: string[]) => void },
): Pick<Handlers, 'alerts.list' | 'alerts.get' | 'alerts.counts' | 'alerts.groups' | 'alerts.acknowledge'> {
  return {
    'alerts.list': ({ filter, cursor, limit }) => cache.alerts.list({ filter, cursor, limit }),
    'alerts.get': ({ uid }) => cache.alerts.get(uid),
    'alerts.counts': () => cache.alerts.counts(),
    'alerts.groups': ({ by, filter, cursor, limit }) => cache.alerts.groups({ by, filter, cursor, limit }),
    'alerts.acknowledge': ({ uids }) => {
      const by = context.technician();
      const acknowledged = cache.transaction(
        () => uids.filter((uid) => cache.alerts.acknowledgeIfOpen(uid, by)).length,
      );
      context.changed(['alerts']);
      return { acknowledged };
    },
  };
}
