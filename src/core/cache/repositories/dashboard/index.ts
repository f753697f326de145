import type { Db } from '../../database';
import { AlertHistory } from './alert-history';
import { AttentionQueries } from './attention';
import { ComplianceHistory } from './compliance-history';
import { StatusHistory } from './status-history';

/** What the dashboard reads beyond the summary: the attention list and the histories behind its trends. */
export class DashboardRepository {
  readonly attention: AttentionQueries;
  readonly alerts: AlertHistory;
  readonly status: StatusHistory;
  readonly compliance: ComplianceHistory;

  constructor(db: Db) {
    this.attention = new AttentionQueries(db);
    this.alerts = new AlertHistory(db);
    this.status = new StatusHistory(db);
    this.compliance = new ComplianceHistory(db);
  }
}
