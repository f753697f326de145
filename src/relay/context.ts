import type { Logger } from '../core/log/logger';
import type { RelayConfig } from './config';
import type { GroupCommitter } from './intake/group-commit';
import type { RelayMetrics } from './metrics';
import type { AppendResult, IncomingWebhook, RelayStore } from './store/store';
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
}
