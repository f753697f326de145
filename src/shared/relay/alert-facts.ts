import { conditionNameOf } from '../alert-condition';
import type { WebhookActivity } from './activity';

/**
 * What rules and the flapping window look at in one alert activity (a webhook delivery). Shared: the
 * relay decides on these, and a console previews a rule on its cached history with the same facts.
 */
export interface AlertFacts {
  activityId: number;
  seriesUid: string;
  /** The activity's time (epoch ms), the relay's clock when NinjaOne sent none. */
  at: number;
  deviceId: number | null;
  deviceName: string | null;
  organizationId: number | null;
  nodeClass: string | null;
  severity: string | null;
  priority: string | null;
  activityType: string | null;
  statusCode: string | null;
  /** How decisions and tickets name the condition. */
  condition: string | null;
  /** What a rule's condition pattern is matched against. */
  names: string[];
  /** The same condition on the same device: what flapping compares across series. */
  conditionKey: string | null;
  message: string | null;
}

/** Status codes that end or annotate a series rather than open it. */
const lifecycleCodes = new Set(['RESET', 'ACKNOWLEDGED']);

/**
 * The facts of an activity that belongs to an alert series; null for every other activity. `at` is
 * the activity's time in epoch ms (the caller reads NinjaOne's time, or its own clock when none came).
 */
export function alertFactsOf(activity: WebhookActivity, at: number): AlertFacts | null {
  if (!activity.seriesUid) return null;
  const device = activity.device ?? null;
  const conditionName = typeof activity.conditionName === 'string' ? activity.conditionName : null;
  const names = [conditionName, activity.sourceName, activity.subject].filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  const identity = activity.sourceConfigUid ?? names[0] ?? null;
  return {
    activityId: activity.id,
    seriesUid: activity.seriesUid,
    at,
    deviceId: activity.deviceId ?? device?.id ?? null,
    deviceName: device?.displayName ?? device?.systemName ?? null,
    organizationId: device?.organizationId ?? null,
    nodeClass: device?.nodeClass ?? null,
    severity: activity.severity?.toUpperCase() ?? null,
    priority: activity.priority?.toUpperCase() ?? null,
    activityType: activity.activityType ?? null,
    statusCode: activity.statusCode ?? null,
    // The name the consoles give the alert too.
    condition: conditionNameOf(activity) ?? activity.type ?? null,
    names,
    conditionKey: identity,
    message: activity.message ?? null,
  };
}

/** The activity opens (or re-opens) its series: a trigger, as opposed to a reset or acknowledgement. */
export const opensSeries = (facts: AlertFacts): boolean =>
  facts.statusCode !== null && !lifecycleCodes.has(facts.statusCode);

export const resetsSeries = (facts: AlertFacts): boolean => facts.statusCode === 'RESET';
