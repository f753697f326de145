import type { Logger } from '../../node/logger';
import type { SyncHooks } from './run-scope';

type Listeners = { [K in keyof SyncHooks]: Set<SyncHooks[K]> };

/**
 * Where the host's services subscribe to what a sync committed: the `cache.changed` event, the
 * notifier and the PSA ticket follow-up (alerts opened and reset), the PSA mapping suggestions
 * (organizations written). A listener that throws is logged and never fails the sync.
 */
export class SyncHookRegistry implements SyncHooks {
  private readonly listeners: Listeners = {
    changed: new Set(),
    alertsChanged: new Set(),
    organizationsSynced: new Set(),
  };

  constructor(private readonly logger: Logger) {}

  on<K extends keyof SyncHooks>(name: K, listener: SyncHooks[K]): () => void {
    const set = this.listeners[name] as Set<SyncHooks[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  changed(change: Parameters<SyncHooks['changed']>[0]): void {
    this.call('changed', (l) => l(change));
  }

  alertsChanged(change: Parameters<SyncHooks['alertsChanged']>[0]): void {
    this.call('alertsChanged', (l) => l(change));
  }

  organizationsSynced(): void {
    this.call('organizationsSynced', (l) => l());
  }

  private call<K extends keyof SyncHooks>(name: K, invoke: (listener: SyncHooks[K]) => void): void {
    for (const listener of this.listeners[name] as Set<SyncHooks[K]>) {
      try {
        invoke(listener);
      } catch (error) {
        this.logger.warn('sync: a listener failed', { hook: name, error });
      }
    }
  }
}
