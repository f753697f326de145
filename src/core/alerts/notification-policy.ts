import type { NotificationPreferences } from '../../shared/contract/notifications';
import { severityRank, type Severity } from '../../shared/contract/domain';
import type { NavigationTarget } from '../../shared/navigation';

/**
 * Which newly triggered alerts become native notifications, and how they are worded. Pure: the
 * notifier service gathers alerts, reads the preferences and the clock, and emits what this plans.
 *
 * Rules, in order: notifications off; paused; below the minimum severity; organization muted; quiet
 * hours (critical alerts may pass). What passes is grouped per organization: an organization with
 * `groupThreshold` or more new alerts gets one "14 new alerts on ACME" notification instead of 14.
 * A batch never shows more than `maxNotificationsPerBatch`: beyond that it becomes one summary.
 */

/** A newly triggered alert, as the sync engine or the relay client hands it to the notifier. */
export interface TriggeredAlert {
  uid: string;
  deviceId: number;
  deviceName: string;
  organizationId: number | null;
  organizationName: string | null;
  severity: Severity;
  /** What happened, e.g. "Disk C: free space is below 10%". */
  subject: string;
  triggeredAt: number;
}

export const suppressionReasons = [
  'disabled',
  'paused',
  'below_minimum_severity',
  'organization_muted',
  'quiet_hours',
] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

export interface PlannedNotification {
  title: string;
  body: string;
  severity: Severity;
  target: NavigationTarget;
  alertUids: string[];
}

export interface NotificationPlan {
  notifications: PlannedNotification[];
  suppressed: { uid: string; reason: SuppressionReason }[];
}

export interface PolicyClock {
  now: number;
  /** Minutes since local midnight (0-1439), for quiet hours. */
  minuteOfDay: number;
}

export const maxNotificationsPerBatch = 4;

function minutes(timeOfDay: string): number {
  const [hours, mins] = timeOfDay.split(':').map(Number) as [number, number];
  return hours * 60 + mins;
}

/** True inside [start, end), where a range may span midnight (22:00 to 07:00). */
export function inQuietHours(quiet: { start: string; end: string }, minuteOfDay: number): boolean {
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

function suppressionFor(
  alert: TriggeredAlert,
  prefs: NotificationPreferences,
  clock: PolicyClock,
): SuppressionReason | null {
  if (!prefs.enabled) return 'disabled';
  if (prefs.pausedUntil !== null && prefs.pausedUntil > clock.now) return 'paused';
  if (severityRank(alert.severity) < severityRank(prefs.minimumSeverity)) return 'below_minimum_severity';
  if (alert.organizationId !== null && prefs.mutedOrganizationIds.includes(alert.organizationId))
    return 'organization_muted';
  if (
    prefs.quietHours &&
    inQuietHours(prefs.quietHours, clock.minuteOfDay) &&
    !(prefs.quietHours.exceptCritical && alert.severity === 'CRITICAL')
  )
    return 'quiet_hours';
  return null;
}

const severityWords: Record<Severity, string> = {
  CRITICAL: 'critical',
  MAJOR: 'major',
  MODERATE: 'moderate',
  MINOR: 'minor',
  NONE: 'informational',
};

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Most severe first, then oldest first. */
function bySeverityThenTime(a: TriggeredAlert, b: TriggeredAlert): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.triggeredAt - b.triggeredAt;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "2 critical, 12 major" */
function severityBreakdown(alerts: TriggeredAlert[]): string {
  const counts = new Map<Severity, number>();
  for (const alert of alerts) counts.set(alert.severity, (counts.get(alert.severity) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => severityRank(b) - severityRank(a))
    .map(([severity, count]) => `${count} ${severityWords[severity]}`)
    .join(', ');
}

/** "SRV-01, WS-22 and 12 more" */
function someNames(names: string[], shown = 2): string {
  const distinct = [...new Set(names)];
  const head = distinct.slice(0, shown).join(', ');
  return distinct.length > shown ? `${head} and ${distinct.length - shown} more` : head;
}

function organizationLabel(alert: TriggeredAlert): string | null {
  if (alert.organizationName) return alert.organizationName;
  return alert.organizationId === null ? null : `organization ${alert.organizationId}`;
}

function single(alert: TriggeredAlert): PlannedNotification {
  const organization = organizationLabel(alert);
  return {
    title: truncate(`${capitalized(severityWords[alert.severity])}: ${alert.deviceName}`, 200),
    body: truncate(organization ? `${alert.subject} · ${organization}` : alert.subject, 500),
    severity: alert.severity,
    target: { kind: 'alert', uid: alert.uid },
    alertUids: [alert.uid],
  };
}

/** One notification standing for several alerts, already sorted most severe first. */
function grouped(
  sorted: TriggeredAlert[],
  where: string | null,
  names: string[],
  organizationId: number | null,
): PlannedNotification {
  return {
    title: truncate(`${sorted.length} new alerts${where ? ` ${where}` : ''}`, 200),
    body: truncate(`${severityBreakdown(sorted)} · ${someNames(names)}`, 500),
    severity: sorted[0]!.severity,
    target: { kind: 'alerts', organizationId },
    alertUids: sorted.map((a) => a.uid),
  };
}

function groupForOrganization(alerts: TriggeredAlert[]): PlannedNotification {
  const sorted = [...alerts].sort(bySeverityThenTime);
  const organization = organizationLabel(sorted[0]!);
  return grouped(
    sorted,
    organization ? `on ${organization}` : null,
    sorted.map((a) => a.deviceName),
    sorted[0]!.organizationId,
  );
}

function summaryOfEverything(alerts: TriggeredAlert[]): PlannedNotification {
  const sorted = [...alerts].sort(bySeverityThenTime);
  const organizations = [...new Set(sorted.map((a) => organizationLabel(a) ?? 'no organization'))];
  if (organizations.length === 1) return groupForOrganization(sorted);
  return grouped(sorted, `in ${organizations.length} organizations`, organizations, null);
}

export function planNotifications(
  alerts: readonly TriggeredAlert[],
  prefs: NotificationPreferences,
  clock: PolicyClock,
): NotificationPlan {
  const suppressed: NotificationPlan['suppressed'] = [];
  const passing: TriggeredAlert[] = [];
  const seen = new Set<string>();
  for (const alert of alerts) {
    if (seen.has(alert.uid)) continue;
    seen.add(alert.uid);
    const reason = suppressionFor(alert, prefs, clock);
    if (reason) suppressed.push({ uid: alert.uid, reason });
    else passing.push(alert);
  }

  const byOrganization = new Map<number | null, TriggeredAlert[]>();
  for (const alert of passing) {
    const group = byOrganization.get(alert.organizationId) ?? [];
    group.push(alert);
    byOrganization.set(alert.organizationId, group);
  }
  const notifications = [...byOrganization.values()]
    .flatMap((group) =>
      group.length >= prefs.groupThreshold
        ? [groupForOrganization(group)]
        : [...group].sort(bySeverityThenTime).map(single),
    )
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));

  if (notifications.length > maxNotificationsPerBatch)
    return { notifications: [summaryOfEverything(passing)], suppressed };
  return { notifications, suppressed };
}
