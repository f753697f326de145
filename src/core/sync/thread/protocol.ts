import type { SyncWarning } from '../../../shared/contract/sync';
import type { RpcErrorShape } from '../../../shared/rpc/errors';
import type { SyncCounts, SyncKind } from '../../cache/repositories/sync-state';
import type { LogLevel } from '../../../node/logger';
import type { NinjaOneEndpoint } from '../../ninjaone';
import type { RequestPriority } from '../../ninjaone/host-limiter';
import type { RetryPolicy } from '../../ninjaone/retry';
import type { CacheChange } from '../change-feed';

/**
 * The messages between the core and the thread a sync runs on. The thread owns its cache
 * connection and its HTTP; the core keeps what must stay one per process: the NinjaOne session
 * (tokens), the host's request budget, the hooks and the logger.
 */
export interface ThreadData {
  cachePath: string;
  retry?: Partial<RetryPolicy>;
}

export type ToThread =
  /** One run, against the host and app of the connection now (a new sign-in may change them). */
  | { type: 'run'; kind: SyncKind; runId: number; endpoint: NinjaOneEndpoint; clientId: string | null }
  | { type: 'cancel' }
  /** The core is closing: close the cache connection and end. */
  | { type: 'close' }
  | { type: 'answer'; id: number; value?: unknown; error?: RpcErrorShape };

export type Ask =
  | { what: 'token' }
  | { what: 'renew'; rejected: string }
  | { what: 'acquire'; priority: RequestPriority }
  | { what: 'throttled' };

export type FromThread =
  | { type: 'ask'; id: number; ask: Ask }
  /** Stops waiting for an `acquire` asked with this id (the request was cancelled). */
  | { type: 'withdraw'; id: number }
  | { type: 'release'; id: number }
  | { type: 'pause'; until: number }
  | { type: 'succeeded' }
  | { type: 'progress'; phase: string; done: number; total: number | null }
  | { type: 'changed'; change: CacheChange }
  | { type: 'alertsChanged'; change: { opened: string[]; reset: string[]; initial: boolean } }
  | { type: 'organizationsSynced' }
  | { type: 'log'; level: LogLevel; msg: string; fields?: Record<string, unknown> }
  | {
      type: 'done';
      kind: SyncKind | null;
      counts: SyncCounts;
      warnings: SyncWarning[];
      error?: RpcErrorShape;
    };
