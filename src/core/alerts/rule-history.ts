import { severities } from '../../shared/contract/domain';
import type { RuleChoices } from '../../shared/contract/rules';
import { alertFactsOf, opensSeries, type AlertFacts } from '../../shared/relay/alert-facts';
import { webhookActivitySchema, type WebhookActivity } from '../../shared/relay/activity';
import type { AlertHistoryRepository, UnloggedAlertRow } from '../cache/repositories/alert-history';

/**
 * The cached alert history as the relay's rules would have seen it: each alert activity becomes the
 * same facts the relay derives from a webhook, the device (organization, class, name) filled in from
 * the cache where the activity did not carry it (the API's activities do not; webhooks do).
 */
export function alertHistoryFacts(history: AlertHistoryRepository, since: number): AlertFacts[] {
  const facts: AlertFacts[] = [];
  for (const row of history.alertActivities(since)) {
    const parsed = webhookActivitySchema.safeParse(row.raw === null ? null : JSON.parse(row.raw));
    if (!parsed.success) continue;
    const activity = parsed.data;
    const device = activity.device ?? {
      id: row.deviceId,
      organizationId: row.organizationId,
      nodeClass: row.nodeClass,
      displayName: row.deviceName,
    };
    const fact = alertFactsOf({ ...activity, device }, row.at);
    if (fact) facts.push(fact);
  }
  // Alerts whose trigger is no longer among the cached activities still happened: they count as the
  // condition trigger (and reset) NinjaOne sent for them, at the times the alert records.
  for (const alert of history.unloggedAlerts(since)) facts.push(...alertFacts(alert));
  return facts.sort((a, b) => a.at - b.at || a.activityId - b.activityId);
}

function alertFacts(alert: UnloggedAlertRow): AlertFacts[] {
  const activity = (statusCode: 'TRIGGERED' | 'RESET', id: number): WebhookActivity => ({
    // Negative: never one of NinjaOne's activity ids.
    id,
    deviceId: alert.deviceId,
    seriesUid: alert.uid,
    activityType: 'CONDITION',
    statusCode,
    severity: severities[alert.severity] ?? null,
    priority: alert.priority,
    sourceConfigUid: alert.sourceConfigUid,
    sourceName: alert.sourceName,
    subject: alert.subject,
    message: alert.message,
    device: {
      id: alert.deviceId,
      organizationId: alert.organizationId,
      nodeClass: alert.nodeClass,
      displayName: alert.deviceName,
    },
  });
  const trigger = alertFactsOf(activity('TRIGGERED', -alert.createdAt), alert.createdAt);
  const reset =
    alert.resetAt === null ? null : alertFactsOf(activity('RESET', -alert.resetAt), alert.resetAt);
  return [trigger, reset].filter((f): f is AlertFacts => f !== null);
}

/** What the rules editor offers, from the fleet and the triggers of the period. */
export function ruleChoices(
  history: AlertHistoryRepository,
  facts: readonly AlertFacts[],
  since: number,
): RuleChoices {
  const conditions = new Map<string, number>();
  const bySeverity = new Map<string, number>();
  for (const fact of facts) {
    if (!opensSeries(fact)) continue;
    if (fact.condition) conditions.set(fact.condition, (conditions.get(fact.condition) ?? 0) + 1);
    if (fact.severity) bySeverity.set(fact.severity, (bySeverity.get(fact.severity) ?? 0) + 1);
  }
  const families = history.conditionFamilies();
  return {
    since,
    conditions: [...conditions]
      .map(([name, alerts]) => ({ name, family: families.get(name) ?? null, alerts }))
      .sort((a, b) => b.alerts - a.alerts || a.name.localeCompare(b.name)),
    severities: severities
      .filter((s) => bySeverity.has(s))
      .map((severity) => ({ severity, alerts: bySeverity.get(severity)! })),
    organizations: history.organizationsWithDevices(),
    nodeClasses: history.nodeClassCounts(),
  };
}
