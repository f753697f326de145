import { z } from 'zod';
import { agentStatusSchema, assetTypeSchema, epochMs, severitySchema, type AssetType } from './domain';

const count = z.number().int().nonnegative();

/** Asset types the dashboard treats as servers: an offline one needs someone even when nothing else does. */
export const serverAssetTypes = ['server', 'virtual_host'] as const satisfies readonly AssetType[];

/** Severities whose alerts need a ticket now. */
export const attentionSeverities = ['CRITICAL', 'MAJOR'] as const;

/** A device went offline less than this long ago (it was online an hour ago). */
export const RECENTLY_OFFLINE_MS = 3_600_000;

const deviceFields = {
  deviceId: z.number().int(),
  deviceName: z.string(),
  organizationName: z.string().nullable(),
  assetType: assetTypeSchema,
  agentStatus: agentStatusSchema,
  lastContact: epochMs.nullable(),
};

export const attentionAlertSchema = z.object({
  uid: z.string(),
  ...deviceFields,
  severity: severitySchema,
  title: z.string(),
  createdAt: epochMs,
  acknowledgedBy: z.string().nullable(),
});
export type AttentionAlert = z.infer<typeof attentionAlertSchema>;

export const attentionTicketSchema = z.object({
  outboxId: z.number().int(),
  state: z.enum(['failed', 'pending']),
  title: z.string(),
  deviceId: z.number().int().nullable(),
  deviceName: z.string().nullable(),
  /** What the PSA answered, for a refused ticket. */
  error: z.string().nullable(),
  attempts: count,
  createdAt: epochMs,
  nextAttemptAt: epochMs.nullable(),
});
export type AttentionTicket = z.infer<typeof attentionTicketSchema>;

export const attentionDeviceSchema = z.object({
  ...deviceFields,
  failedPatches: count,
  antivirusState: z.string().nullable(),
});
export type AttentionDevice = z.infer<typeof attentionDeviceSchema>;

/** Each group lists its first rows in rank order and counts them all (the rest are a drill-down away). */
export const attentionSchema = z.object({
  alerts: z.object({ total: count, items: z.array(attentionAlertSchema) }),
  tickets: z.object({
    total: count,
    failed: count,
    pending: count,
    items: z.array(attentionTicketSchema),
  }),
  offline: z.object({
    total: count,
    servers: count,
    recent: count,
    items: z.array(attentionDeviceSchema),
  }),
  failedPatches: z.object({ total: count, items: z.array(attentionDeviceSchema) }),
  antivirus: z.object({ total: count, items: z.array(attentionDeviceSchema) }),
  /** The time "an hour ago" was measured from. */
  at: epochMs,
});
export type Attention = z.infer<typeof attentionSchema>;

export const attentionInputSchema = z
  .object({ limit: z.number().int().min(1).max(50).default(5) })
  .default({ limit: 5 });
