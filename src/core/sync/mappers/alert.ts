import { conditionNameOf } from '../../../shared/alert-condition';
import { severitySchema, type Severity } from '../../../shared/contract/domain';
import type { AlertRecord } from '../../cache/repositories/alerts';
import type { WebhookActivity } from '../../../shared/relay/activity';
import { epochToMs, type NinjaAlert } from '../../ninjaone';

/** NinjaOne's severity strings; anything else (the spec types them as free strings) counts as NONE. */
export function severityOf(value: string | null | undefined): Severity {
  const parsed = severitySchema.safeParse(value?.toUpperCase());
  return parsed.success ? parsed.data : 'NONE';
}

/**
 * An active alert (`/v2/alerts`) to the cache row, or a reason it cannot be one: an alert must name
 * its device, and its time falls back to the update time when the trigger time is missing.
 */
export function mapAlert(alert: NinjaAlert): AlertRecord | { problem: string } {
  const deviceId = alert.deviceId ?? alert.device?.id;
  if (deviceId === undefined || deviceId === null) return { problem: 'the alert names no device' };
  const createdAt = epochToMs(alert.createTime) ?? epochToMs(alert.updateTime);
  if (createdAt === null) return { problem: 'the alert has neither createTime nor updateTime' };
  return {
    uid: alert.uid,
    deviceId,
    severity: severityOf(alert.severity),
    priority: alert.priority ?? null,
    sourceType: alert.sourceType ?? null,
    sourceName: alert.sourceName ?? null,
    conditionName: conditionNameOf(alert),
    subject: alert.subject ?? null,
    message: alert.message ?? null,
    createdAt,
    updatedAt: epochToMs(alert.updateTime),
    raw: alert,
  };
}

/**
 * An alert trigger as a webhook delivers it (an activity of the series, `expand=device`) to the cache
 * row: the series uid is the alert's uid, and the condition has the same name the sync gives it
 * (`conditionNameOf`). What an activity lacks (the source type) stays empty until the next sync.
 */
export function alertOfTrigger(
  activity: WebhookActivity & { seriesUid: string },
  receivedAt: number,
): AlertRecord | { problem: string } {
  const deviceId = activity.deviceId ?? activity.device?.id;
  if (deviceId === undefined || deviceId === null) return { problem: 'the trigger names no device' };
  const at = epochToMs(activity.activityTime) ?? receivedAt;
  const text = (key: string): string | null =>
    typeof activity[key] === 'string' ? (activity[key] as string) : null;
  return {
    uid: activity.seriesUid,
    deviceId,
    severity: severityOf(activity.severity),
    priority: activity.priority ?? null,
    sourceType: text('sourceType'),
    sourceName: activity.sourceName ?? null,
    conditionName: conditionNameOf(activity),
    subject: activity.subject ?? null,
    message: activity.message ?? null,
    createdAt: at,
    updatedAt: at,
    raw: activity,
  };
}
