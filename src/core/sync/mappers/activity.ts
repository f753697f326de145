import type { ActivityRecord } from '../../cache/repositories/activities';
import { epochToMs, type NinjaActivity } from '../../ninjaone';

/** An activity as the API lists it, or as a webhook delivers it (whose time may be an ISO string). */
type ActivityLike = Pick<
  NinjaActivity,
  'id' | 'deviceId' | 'severity' | 'seriesUid' | 'activityType' | 'statusCode' | 'subject' | 'message'
> & { activityTime?: unknown };

export function mapActivity(activity: ActivityLike): ActivityRecord {
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
