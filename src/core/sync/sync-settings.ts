import { z } from 'zod';
import type { Cache } from '../cache/cache';

const settingsSchema = z.object({
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  fullReconcileHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** A full pass that would delete more than this percent of the fleet holds the deletion. */
  deletionGuardPercent: z.number().int().min(1).max(100).default(10),
  /** How often every device's status (online, last contact) is read: the status sweep. */
  statusSweepMinutes: z.number().int().min(1).max(60).default(5),
});
export type SyncSettings = z.infer<typeof settingsSchema>;
const defaults: SyncSettings = {
  intervalMinutes: 15,
  fullReconcileHours: 24,
  deletionGuardPercent: 10,
  statusSweepMinutes: 5,
};
const KEY = 'sync.schedule';

/** The sync's settings (schedule, status sweep and deletion guard), defaults where none were saved. */
export function syncSettings(cache: Cache): SyncSettings {
  return cache.settings.get(KEY, settingsSchema, defaults);
}

export function saveSyncSettings(cache: Cache, change: Partial<SyncSettings>): SyncSettings {
  const next = settingsSchema.parse({ ...syncSettings(cache), ...change });
  cache.settings.set(KEY, next);
  return next;
}
