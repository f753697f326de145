import type { Logger } from '../node/logger';
import type { RelayConfig } from './config';
import type { GroupCommitter } from './intake/group-commit';
import type { RelayMetrics } from './metrics';
import type { LedgerCommand } from './ledger/ledger-decision';
import type { AppendResult, IncomingWebhook, LedgerChange, RelayStore } from './store/store';
import type { EventHub } from './stream/hub';

/** What the request handlers share. */
export interface RelayContext {
  config: RelayConfig;
  store: RelayStore;
  hub: EventHub;
  metrics: RelayMetrics;
  logger: Logger;
  now: () => number;
  webhooks: GroupCommitter<IncomingWebhook, AppendResult>;
  checkSecret: (given: string | string[] | undefined) => boolean;
  /** SHA-256 of the admin token; null when rules editing is off. */
  adminTokenHash: string | null;
  /** Runs a ledger command under the store's lock and streams the change. */
  changeLedger(seriesUid: string, command: LedgerCommand): Promise<LedgerChange>;
  /**
   * Epoch ms: activities older than this are refused (0 until retention first removed anything):
   * their ids may be pruned, so a replay would pass as new.
   */
  acceptedSince: number;
}
