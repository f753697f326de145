import type { SimControl } from './control';
import type { FaultInjector } from './faults';
import type { OAuthServer } from './oauth';
import type { QueryCursors } from './query-cursors';
import type { SimState } from './state';
import type { WebhookDispatcher } from './webhooks';

export interface ResolvedSimOptions {
  dashboardUrlTtlSeconds: number;
  /** Add `organizationId` at the top of webhook payloads (Alga's handler expects it). */
  webhookTopLevelOrganizationId: boolean;
}

/** The parts of a running simulator that route handlers reach. */
export interface SimEnv {
  state: SimState;
  oauth: OAuthServer;
  faults: FaultInjector;
  queries: QueryCursors;
  webhooks: WebhookDispatcher;
  control: SimControl;
  options: ResolvedSimOptions;
  baseUrl(): string;
}
