import { z } from 'zod';
import { epochMs, severitySchema } from './domain';

const count = z.number().int().nonnegative();
const DAY_MS = 86_400_000;

/** Counts per severity; a severity with none is left out. */
const bySeverity = z.partialRecord(severitySchema, count);

/**
 * Bucket boundaries in ascending order, from the renderer: it knows the technician's calendar (local
 * midnights, daylight saving). The cache keeps hourly counts, so a boundary inside an hour counts that
 * hour in the bucket where the hour starts.
 */
export const volumeInputSchema = z.object({
  boundaries: z
    .array(epochMs)
    .min(2)
    .max(100)
    .refine((b) => b.every((t, i) => i === 0 || t > b[i - 1]!), 'boundaries must ascend')
    .refine((b) => b.at(-1)! - b[0]! <= 100 * DAY_MS, 'at most 100 days'),
});

export const volumeBucketSchema = z.object({
  from: epochMs,
  to: epochMs,
  triggered: bySeverity,
  reset: bySeverity,
});
export type VolumeBucket = z.infer<typeof volumeBucketSchema>;

export const alertVolumeSchema = z.object({
  buckets: z.array(volumeBucketSchema),
  /** The oldest condition activity the cache holds: before it, an empty bucket means "not known". */
  historyFrom: epochMs.nullable(),
});
export type AlertVolume = z.infer<typeof alertVolumeSchema>;

/** A series that triggered more than once in the window is flapping, as in the triage queue. */
export const noisyDeviceSchema = z.object({
  deviceId: z.number().int(),
  deviceName: z.string(),
  organizationName: z.string().nullable(),
  triggers: count,
  /** Alert series (a condition on the device) that triggered. */
  alerts: count,
  flapping: count,
});
export const noisyConditionSchema = z.object({
  /** As the alert list's condition filter takes it; empty for alerts without a condition name. */
  condition: z.string(),
  triggers: count,
  devices: count,
  flapping: count,
  maxSeverity: severitySchema,
});
export type NoisyDevice = z.infer<typeof noisyDeviceSchema>;
export type NoisyCondition = z.infer<typeof noisyConditionSchema>;

export const noisiestInputSchema = z.object({
  since: epochMs,
  limit: z.number().int().min(1).max(50).default(8),
});
export const noisiestSchema = z.object({
  /** The asked time rounded down to its UTC day: history is kept per day. */
  since: epochMs,
  devices: z.array(noisyDeviceSchema),
  conditions: z.array(noisyConditionSchema),
});
export type Noisiest = z.infer<typeof noisiestSchema>;

export const compliancePointSchema = z.object({
  /** The console's calendar day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  devices: count,
  upToDate: count,
  pending: count,
  failed: count,
  unknown: count,
});
export type CompliancePoint = z.infer<typeof compliancePointSchema>;

export const patchHistoryInputSchema = z.object({
  days: z.number().int().min(2).max(90).default(30),
  /** How many organizations: those with the most devices needing patches in the latest snapshot. */
  organizations: z.number().int().min(1).max(10).default(4),
});
export const patchHistorySchema = z.object({
  fleet: z.array(compliancePointSchema),
  organizations: z.array(
    z.object({
      /** Null for devices without an organization. */
      organizationId: z.number().int().nullable(),
      organizationName: z.string(),
      points: z.array(compliancePointSchema),
    }),
  ),
});
export type PatchHistory = z.infer<typeof patchHistorySchema>;

export const statusSampleSchema = z.object({
  at: epochMs,
  total: count,
  online: count,
  offline: count,
  offlineServers: count,
});
export type StatusSample = z.infer<typeof statusSampleSchema>;

export const offlineHistoryInputSchema = z.object({ since: epochMs });
export const offlineHistorySchema = z.object({
  /** Ascending; the last sample before `since` comes first, so the line starts at the window's edge. */
  samples: z.array(statusSampleSchema).max(5000),
});
export type OfflineHistory = z.infer<typeof offlineHistorySchema>;
