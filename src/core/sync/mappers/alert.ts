import { severitySchema, type Severity } from '../../../shared/contract/domain';
import type { AlertRecord } from '../../cache/repositories/alerts';
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
    conditionName: alert.conditionName ?? null,
    subject: alert.subject ?? null,
    message: alert.message ?? null,
    createdAt,
    updatedAt: epochToMs(alert.updateTime),
    raw: alert,
  };
}
