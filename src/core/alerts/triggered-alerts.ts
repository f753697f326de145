import type { Cache } from '../cache/cache';
import type { TriggeredAlert } from './notification-policy';

/** Newly opened alerts as the notifier takes them, read from the cache (skipping any gone meanwhile). */
export function triggeredAlerts(cache: Cache, uids: readonly string[]): TriggeredAlert[] {
  const out: TriggeredAlert[] = [];
  for (const uid of uids) {
    let alert;
    try {
      alert = cache.alerts.get(uid);
    } catch {
      continue;
    }
    out.push({
      uid: alert.uid,
      deviceId: alert.deviceId,
      deviceName: alert.deviceName,
      organizationId: alert.organizationId,
      organizationName: alert.organizationName,
      severity: alert.severity,
      subject: alert.subject ?? alert.message ?? alert.conditionName ?? alert.sourceType ?? 'Alert',
      triggeredAt: alert.createdAt,
    });
  }
  return out;
}
