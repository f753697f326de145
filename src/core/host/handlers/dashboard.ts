import type { Cache } from '../../cache/cache';
import { dashboardSummary } from '../../cache/repositories/summary';
import { localDayBefore } from '../../../shared/calendar-day';
import type { Handlers } from '../rpc-server';

/** Status samples older than this are not asked for: the history keeps about a month. */
const MAX_OFFLINE_WINDOW_MS = 31 * 86_400_000;

export function dashboardHandlers(
  cache: Cache,
  now: () => number = Date.now,
): Pick<
  Handlers,
  | 'dashboard.summary'
  | 'dashboard.attention'
  | 'dashboard.alertVolume'
  | 'dashboard.noisiest'
  | 'dashboard.patchHistory'
  | 'dashboard.offlineHistory'
> {
  const { dashboard } = cache;
  return {
    'dashboard.summary': () =>
      dashboardSummary(cache.db, cache.alerts, cache.syncState.lastSucceeded()?.finishedAt ?? null),
    'dashboard.attention': ({ limit }) => dashboard.attention.read({ limit, now: now() }),
    'dashboard.alertVolume': ({ boundaries }) => dashboard.alerts.alertVolume(boundaries),
    'dashboard.noisiest': ({ since, limit }) => dashboard.alerts.noisiest(since, limit),
    'dashboard.patchHistory': ({ days, organizations }) =>
      dashboard.compliance.history(localDayBefore(now(), days - 1), organizations),
    'dashboard.offlineHistory': ({ since }) => ({
      samples: dashboard.status.since(Math.max(since, now() - MAX_OFFLINE_WINDOW_MS)),
    }),
  };
}
