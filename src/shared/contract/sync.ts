import { z } from 'zod';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { epochMs } from './domain';

export const syncKinds = ['full', 'incremental'] as const;
export const syncKindSchema = z.enum(syncKinds);

export const syncProgressSchema = z.object({
  runId: z.number().int(),
  kind: syncKindSchema,
  phase: z.string(),
  done: z.number().int().nonnegative(),
  /** Null while the size of the phase is unknown (paged APIs give no totals). */
  total: z.number().int().nonnegative().nullable(),
  /** Items per second over the phase so far. */
  rate: z.number().nonnegative(),
  startedAt: epochMs,
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/**
 * Something a run could not do and says so: a family NinjaOne refused (403), does not have (404) or
 * kept failing (skipped: the run ends `partial`); a mass deletion held for a technician to confirm;
 * an activity checkpoint NinjaOne pruned, which turned the run into a full reconcile.
 */
export const syncWarningCodes = [
  'refused',
  'missing',
  'failed',
  'deletion_held',
  'checkpoint_pruned',
] as const;
export const syncWarningSchema = z.object({
  /** The endpoint family (`software`, `devices`, ...) or what the note is about. */
  family: z.string(),
  code: z.enum(syncWarningCodes),
  /** The HTTP status NinjaOne answered, when it answered. */
  status: z.number().int().nullable(),
  message: z.string(),
});
export type SyncWarning = z.infer<typeof syncWarningSchema>;
/** Warnings that mean a family was skipped: the run ends `partial`. */
export const skippedFamilyCodes: readonly SyncWarning['code'][] = ['refused', 'missing', 'failed'];

export const syncRunStates = [
  'running',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
  'interrupted',
] as const;

export const syncRunSchema = z.object({
  id: z.number().int(),
  kind: syncKindSchema,
  /** `partial`: finished, but skipped the families its warnings name. */
  state: z.enum(syncRunStates),
  startedAt: epochMs,
  finishedAt: epochMs.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  added: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
  apiCalls: z.number().int().nonnegative(),
  bytesRead: z.number().int().nonnegative(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  warnings: z.array(syncWarningSchema),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

/**
 * Deletions a full pass held back instead of making: more of the fleet than the guard allows, or
 * every device of an organization NinjaOne still lists. The rows stay until a technician confirms.
 */
export const heldDeletionSchema = z.object({
  /** The run that held them (confirm names it, so a newer hold is never confirmed by mistake). */
  runId: z.number().int(),
  heldAt: epochMs,
  devices: z.number().int().nonnegative(),
  organizations: z.number().int().nonnegative(),
  /** Devices in the cache when the deletion was held. */
  fleet: z.number().int().nonnegative(),
  reason: z.string(),
  /** A few of the device names, so the technician can recognise them. */
  examples: z.array(z.string()),
});
export type HeldDeletion = z.infer<typeof heldDeletionSchema>;

const deletionGuardPercent = z.number().int().min(1).max(100);

export const syncStatusSchema = z.object({
  /** `paused_offline`: NinjaOne is unreachable; the scheduler waits for the network. */
  state: z.enum(['not_connected', 'idle', 'running', 'backing_off', 'paused_offline']),
  progress: syncProgressSchema.nullable(),
  lastRun: syncRunSchema.nullable(),
  lastSuccessAt: epochMs.nullable(),
  nextRunAt: epochMs.nullable(),
  intervalMinutes: z.number().int().min(1),
  consecutiveFailures: z.number().int().nonnegative(),
  heldDeletion: heldDeletionSchema.nullable(),
  /** A full pass that would delete more than this share of the fleet (percent) holds the deletion. */
  deletionGuardPercent,
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncProcedures = {
  'sync.now': procedure({
    summary: 'Start a sync now (or join the one running) and answer when it ends.',
    input: z.object({ kind: syncKindSchema.optional() }).default({}),
    output: syncRunSchema,
  }),
  'sync.cancel': procedure({
    summary: 'Cancel the running sync; what it committed stays.',
    input: z.object({}).default({}),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'sync.status': procedure({
    summary: 'Scheduler state, the running sync and the last run.',
    input: z.object({}).default({}),
    output: syncStatusSchema,
  }),
  'sync.history': procedure({
    summary: 'Past sync runs, newest first.',
    input: z.object(pageRequest),
    output: pageOf(syncRunSchema),
  }),
  'sync.confirmDeletion': procedure({
    summary:
      'Make the deletion a full pass held: remove those devices and organizations NinjaOne no longer lists.',
    input: z.object({ runId: z.number().int() }),
    output: z.object({
      devices: z.number().int().nonnegative(),
      organizations: z.number().int().nonnegative(),
    }),
  }),
  'sync.configure': procedure({
    summary:
      'Set the incremental interval (minutes, at least 1), the full reconcile interval (hours) and the mass-deletion guard (percent of the fleet).',
    input: z.object({
      intervalMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .optional(),
      fullReconcileHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .optional(),
      deletionGuardPercent: deletionGuardPercent.optional(),
    }),
    output: syncStatusSchema,
  }),
};

export const syncEvents = {
  'sync.progress': syncProgressSchema,
  'sync.status': syncStatusSchema,
};
