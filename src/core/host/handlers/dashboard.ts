import type { Cache } from '../../cache/cache';
import { dashboardSummary } from '../../cache/repositories/summary';
import { localDayBefore } from '../../../shared/calendar-day';
import type { Noisiest } from '../../../shared/contract/dashboard-trends';
import type { Handlers } from '../rpc-server';

/** Status samples older than this are not asked for: the history keeps about a month. */
const MAX_OFFLINE_WINDOW_MS = 31 * 86_400_000;
/**
 * How long a noisiest ranking is answered again before it is read anew. It ranks a week of history,
 * and reading that week is the dashboard's dearest query (45 ms over a month of 2,500 alerts a day on
 * 50,000 devices), while every open dashboard asks again each second as alerts arrive one by one.
 * A jump in the week's triggers (the history read after the first sync, a sync that brings many
 * alerts at once) is read at once: more than one in `NOISIEST_JUMP` of them new or gone.
 */
export const NOISIEST_FRESH_MS = 60_000;
export const NOISIEST_JUMP = 20;

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
  let noisiest: { key: string; at: number; triggers: number; answer: Noisiest } | null = null;
  return {
    'dashboard.summary': () =>
      dashboardSummary(cache.db, cache.alerts, cache.syncState.lastSucceeded()?.finishedAt ?? null),
    'dashboard.attention': ({ limit }) => dashboard.attention.read({ limit, now: now() }),
    'dashboard.alertVolume': ({ boundaries }) => dashboard.alerts.alertVolume(boundaries),
    'dashboard.noisiest': ({ since, limit }) => {
      const key = `${since}:${limit}`;
      const at = now();
      const triggers = dashboard.alerts.triggersSince(since);
      if (
        noisiest?.key !== key ||
        at - noisiest.at >= NOISIEST_FRESH_MS ||
        Math.abs(triggers - noisiest.triggers) * NOISIEST_JUMP > noisiest.triggers
      )
        noisiest = { key, at, triggers, answer: dashboard.alerts.noisiest(since, limit) };
      return noisiest.answer;
    },
    'dashboard.patchHistory': ({ days, organizations }) =>
      dashboard.compliance.history(localDayBefore(now(), days - 1), organizations),
    'dashboard.offlineHistory': ({ since }) => ({
      samples: dashboard.status.since(Math.max(since, now() - MAX_OFFLINE_WINDOW_MS)),
    }),
  };
}
