import { z } from 'zod';

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
