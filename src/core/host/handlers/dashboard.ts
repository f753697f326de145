import type { Cache } from '../../cache/cache';
import { dashboardSummary } from '../../cache/repositories/summary';
import type { Handlers } from '../rpc-server';

export function dashboardHandlers(cache: Cache): Pick<Handlers, 'dashboard.summary'> {
  return {
    'dashboard.summary': () =>
      dashboardSummary(cache.db, cache.alerts, cache.syncState.lastSucceeded()?.finishedAt ?? null),
  };
}
