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
});
export type SyncSettings = z.infer<typeof settingsSchema>;
const defaults: SyncSettings = { intervalMinutes: 15, fullReconcileHours: 24, deletionGuardPercent: 10 };
const KEY = 'sync.schedule';

/** The sync's settings (schedule and deletion guard), defaults where none were saved. */
export function syncSettings(cache: Cache): SyncSettings {
  return cache.settings.get(KEY, settingsSchema, defaults);
}

export function saveSyncSettings(cache: Cache, change: Partial<SyncSettings>): SyncSettings {
  const next = settingsSchema.parse({ ...syncSettings(cache), ...change });
  cache.settings.set(KEY, next);
  return next;
}
