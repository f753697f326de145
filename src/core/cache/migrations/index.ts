import { sql as initial } from './001-initial';
import { sql as alertIndexes } from './002-alert-indexes';
import { sql as syncMarkers } from './003-sync-markers';
import { sql as ticketFollowUp } from './004-ticket-follow-up';
import { sql as syncPass } from './005-sync-pass';
import { sql as syncWarnings } from './006-sync-warnings';
import { sql as deviceSearch } from './007-device-search';
import { sql as psaDeviceSide } from './008-psa-device-side';
import { sql as syncCost } from './009-sync-cost';
import { sql as dashboardHistory } from './010-dashboard-history';
import { sql as dashboardOfflineIndex } from './011-dashboard-offline-index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, append-only. A migration is never edited after release: its checksum is stored when it is
 * applied and checked on every open.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'alert-indexes', sql: alertIndexes },
  { version: 3, name: 'sync-markers', sql: syncMarkers },
  { version: 4, name: 'ticket-follow-up', sql: ticketFollowUp },
  { version: 5, name: 'sync-pass', sql: syncPass },
  { version: 6, name: 'sync-warnings', sql: syncWarnings },
  { version: 7, name: 'device-search', sql: deviceSearch },
  { version: 8, name: 'psa-device-side', sql: psaDeviceSide },
  { version: 9, name: 'sync-cost', sql: syncCost },
  { version: 10, name: 'dashboard-history', sql: dashboardHistory },
  { version: 11, name: 'dashboard-offline-index', sql: dashboardOfflineIndex },
];
