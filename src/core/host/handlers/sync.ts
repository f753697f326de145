import type { Cache } from '../../cache/cache';
import { toSyncRun, type SyncService } from '../../sync/sync-service';
import type { Handlers } from '../rpc-server';

export function syncHandlers(
  cache: Cache,
  service: SyncService,
): Pick<
  Handlers,
  'sync.now' | 'sync.cancel' | 'sync.status' | 'sync.history' | 'sync.configure' | 'sync.confirmDeletion'
> {
  return {
    'sync.now': ({ kind }) => service.runNow(kind),
    'sync.cancel': () => ({ cancelled: service.cancel() }),
    'sync.status': () => service.status(),
    'sync.history': ({ cursor, limit }) => {
      const page = cache.syncState.history(cursor, limit);
      return { items: page.items.map(toSyncRun), nextCursor: page.nextCursor };
    },
    'sync.configure': (change) => service.configure(change),
    'sync.confirmDeletion': ({ runId }) => service.confirmDeletion(runId),
  };
}
