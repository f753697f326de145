import type { ActivityRecord } from '../../cache/repositories/activities';
import { epochToMs, type NinjaActivity } from '../../ninjaone';

export function mapActivity(activity: NinjaActivity): ActivityRecord {
  return {
    id: activity.id,
    deviceId: activity.deviceId ?? null,
    activityTime: epochToMs(activity.activityTime) ?? 0,
    activityType: activity.activityType ?? null,
    statusCode: activity.statusCode ?? null,
    severity: activity.severity ?? null,
    seriesUid: activity.seriesUid ?? null,
    subject: activity.subject ?? null,
    message: activity.message ?? null,
    raw: activity,
  };
}
