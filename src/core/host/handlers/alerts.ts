import type { Cache } from '../../cache/cache';
import type { AlertArrivals } from '../../alerts/alert-arrivals';
import { resetAlertsInNinjaOne } from '../../alerts/alert-reset';
import type { NinjaOneConnection } from '../../ninjaone';
import type { PsaRuntime } from '../../psa';
import type { Handlers } from '../rpc-server';
import type { CacheTopic } from '../../../shared/contract/cache-topics';

export function alertHandlers(
  cache: Cache,
  context: {
    technician: () => string;
    changed: (tables: CacheTopic[]) => void;
    ninjaone: NinjaOneConnection;
    psa: PsaRuntime;
    arrivals: Pick<AlertArrivals, 'unseen'>;
  },
): Pick<
  Handlers,
  | 'alerts.list'
  | 'alerts.get'
  | 'alerts.counts'
  | 'alerts.unseen'
  | 'alerts.groups'
  | 'alerts.acknowledge'
  | 'alerts.reset'
> {
  return {
    'alerts.list': ({ filter, cursor, limit }) => cache.alerts.list({ filter, cursor, limit }),
    'alerts.get': ({ uid }) => cache.alerts.get(uid),
    'alerts.counts': () => cache.alerts.counts(),
    'alerts.unseen': () => context.arrivals.unseen(),
    'alerts.groups': ({ by, filter, cursor, limit }) => cache.alerts.groups({ by, filter, cursor, limit }),
    'alerts.acknowledge': ({ uids }) => {
      const by = context.technician();
      const acknowledged = cache.transaction(
        () => uids.filter((uid) => cache.alerts.acknowledgeIfOpen(uid, by)).length,
      );
      context.changed(['alerts']);
      return { acknowledged };
    },
    'alerts.reset': async ({ uids }, { signal }) => {
      const client = await context.ninjaone.client();
      if (signal.aborted) return { reset: [], failed: [] };
      const outcome = await resetAlertsInNinjaOne(client, uids);
      if (outcome.reset.length) {
        context.psa.alertsReset(outcome.reset);
        context.changed(['alerts']);
      }
      return outcome;
    },
  };
}
