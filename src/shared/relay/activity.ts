import { z } from 'zod';
import { webhookSubscription } from '../ninjaone-activities';

/**
 * A NinjaOne webhook delivery (ninjaone-api.md §7.2): activity-shaped, with the expanded `device`
 * when the webhook was registered with `expand=device`. Tolerant on purpose: unknown fields and
 * unknown enum values pass (NinjaOne adds codes), optional fields may be missing or null; only a
 * field that is present with the wrong type is refused. `id` is the dedup key and must be exact, so
 * it is limited to safe integers (JSON numbers beyond 2^53 would silently collide).
 */
const optionalText = z.string().nullish();
const optionalInt = z.number().int().nullish();

export const webhookDeviceSchema = z.looseObject({
  id: optionalInt,
  organizationId: optionalInt,
  locationId: optionalInt,
  nodeClass: optionalText,
  displayName: optionalText,
  systemName: optionalText,
  offline: z.boolean().nullish(),
  lastContact: z.number().nullish(),
  lastUpdate: z.number().nullish(),
});

export const webhookActivitySchema = z.looseObject({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Epoch seconds (may carry a fraction); some sources send ISO strings (§3.2). */
  activityTime: z.union([z.number().nonnegative(), z.string()]).nullish(),
  deviceId: optionalInt,
  seriesUid: optionalText,
  activityType: optionalText,
  statusCode: optionalText,
  status: optionalText,
  severity: optionalText,
  priority: optionalText,
  activityResult: optionalText,
  sourceConfigUid: optionalText,
  sourceName: optionalText,
  subject: optionalText,
  message: optionalText,
  type: optionalText,
  userId: optionalInt,
  data: z.record(z.string(), z.unknown()).nullish(),
  device: webhookDeviceSchema.nullish(),
});

export type WebhookActivity = z.infer<typeof webhookActivitySchema>;

/**
 * The activities consoles act on, as `PUT /v2/webhook` takes them (activity type to status codes,
 * `*` for all): see `webhookSubscription`. The console's webhook registration and the relay's
 * backstop poll use the same list.
 */
export const consoleWebhookActivities = webhookSubscription;

/** Whether an activity is one of `consoleWebhookActivities`. */
export function isConsoleActivity(
  activityType: string | null | undefined,
  statusCode: string | null | undefined,
): boolean {
  const codes = activityType ? consoleWebhookActivities[activityType] : undefined;
  return codes !== undefined && (codes.includes('*') || (statusCode != null && codes.includes(statusCode)));
}
