import { z } from 'zod';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { agentStatusSchema, assetTypeSchema, epochMs, patchStateSchema, severitySchema } from './domain';

export const assetSortFields = [
  'name',
  'lastContact',
  'organization',
  'os',
  'assetType',
  'status',
  'alerts',
] as const;

export const assetFilterSchema = z.object({
  search: z.string().trim().max(200).optional(),
  organizationIds: z.array(z.number().int()).max(500).optional(),
  psaClientIds: z.array(z.string().max(100)).max(500).optional(),
  assetTypes: z.array(assetTypeSchema).optional(),
  agentStatus: agentStatusSchema.optional(),
  hasAlerts: z.boolean().optional(),
  patchStates: z.array(patchStateSchema).optional(),
});
export type AssetFilter = z.infer<typeof assetFilterSchema>;

export const assetSortSchema = z.object({
  field: z.enum(assetSortFields).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type AssetSort = z.infer<typeof assetSortSchema>;

/** Why a device matched a search when its name does not show it: the field and its value. */
export const assetMatchSchema = z.object({
  field: z.enum(['systemName', 'serial', 'lastUser', 'ip', 'mac']),
  value: z.string(),
});
export type AssetMatch = z.infer<typeof assetMatchSchema>;

export const assetRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  organizationId: z.number().int().nullable(),
  organizationName: z.string().nullable(),
  locationName: z.string().nullable(),
  assetType: assetTypeSchema,
  nodeClass: z.string(),
  agentStatus: agentStatusSchema,
  lastContact: epochMs.nullable(),
  osName: z.string().nullable(),
  serial: z.string().nullable(),
  lastUser: z.string().nullable(),
  ipAddresses: z.array(z.string()),
  alertCount: z.number().int().nonnegative(),
  maxAlertSeverity: severitySchema.nullable(),
  patchState: patchStateSchema,
  /** Set on search results that matched through another field than the name. */
  match: assetMatchSchema.nullable().optional(),
});
export type AssetRow = z.infer<typeof assetRowSchema>;

export const assetDetailSchema = assetRowSchema.extend({
  uid: z.string().nullable(),
  systemName: z.string().nullable(),
  dnsName: z.string().nullable(),
  approvalStatus: z.string().nullable(),
  created: epochMs.nullable(),
  lastUpdate: epochMs.nullable(),
  osBuild: z.string().nullable(),
  osArchitecture: z.string().nullable(),
  needsReboot: z.boolean().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  cpu: z.string().nullable(),
  cpuCores: z.number().int().nullable(),
  ramBytes: z.number().nullable(),
  storageBytes: z.number().nullable(),
  storageFreeBytes: z.number().nullable(),
  macAddresses: z.array(z.string()),
  publicIp: z.string().nullable(),
  pendingPatches: z.number().int().nonnegative(),
  failedPatches: z.number().int().nonnegative(),
  installedPatches: z.number().int().nonnegative(),
  antivirusState: z.string().nullable(),
  syncedAt: epochMs,
  /** Set while a technician has silenced the device's alerts. */
  silence: z.object({ until: epochMs, by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
});
export type AssetDetail = z.infer<typeof assetDetailSchema>;

export const organizationRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  deviceCount: z.number().int().nonnegative(),
});

export const activityRowSchema = z.object({
  id: z.number().int(),
  activityTime: epochMs,
  activityType: z.string().nullable(),
  statusCode: z.string().nullable(),
  severity: z.string().nullable(),
  seriesUid: z.string().nullable(),
  subject: z.string().nullable(),
  message: z.string().nullable(),
});

const savedAssetFilterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  filter: assetFilterSchema,
});

export const assetProcedures = {
  'assets.savedFilters': procedure({
    summary: 'The asset filters this technician saved, by name.',
    input: z.object({}).default({}),
    output: z.object({ items: z.array(savedAssetFilterSchema).max(200) }),
  }),
  'assets.saveFilter': procedure({
    summary: 'Saves the current asset filter under a name (replacing one with the same name).',
    input: z.object({ name: z.string().trim().min(1).max(80), filter: assetFilterSchema }),
    output: savedAssetFilterSchema,
  }),
  'assets.deleteFilter': procedure({
    summary: 'Deletes a saved asset filter.',
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  }),
  'assets.silence': procedure({
    summary: "Silences a device's alerts (no notification, no automatic ticket) for some minutes.",
    input: z.object({
      id: z.number().int(),
      minutes: z
        .number()
        .int()
        .min(5)
        .max(60 * 24 * 30),
      reason: z.string().trim().max(300).optional(),
    }),
    output: z.object({ until: epochMs, by: z.string() }),
  }),
  'assets.unsilence': procedure({
    summary: "Ends a device's silence.",
    input: z.object({ id: z.number().int() }),
    output: z.object({ removed: z.boolean() }),
  }),
  'assets.openInNinjaOne': procedure({
    summary: "Opens the device's page in the NinjaOne web console in the browser.",
    input: z.object({ id: z.number().int() }),
    output: z.object({ url: z.string() }),
  }),
  'assets.activities': procedure({
    summary: "One device's activity timeline from the cache, newest first.",
    input: z.object({ ...pageRequest, id: z.number().int() }),
    output: pageOf(activityRowSchema),
  }),
  'assets.list': procedure({
    summary: 'A page of devices from the cache, filtered, searched and sorted.',
    input: z.object({
      ...pageRequest,
      filter: assetFilterSchema.default({}),
      sort: assetSortSchema.default({ field: 'name', direction: 'asc' }),
    }),
    output: pageOf(assetRowSchema).extend({
      /** Matching devices across all pages; counted for the first page only, null afterwards. */
      total: z.number().int().nonnegative().nullable(),
    }),
  }),
  'assets.get': procedure({
    summary: 'One device with its hardware, OS, network and roll-ups.',
    input: z.object({ id: z.number().int() }),
    output: assetDetailSchema,
  }),
  'organizations.list': procedure({
    summary: 'A page of organizations with their device counts.',
    input: z.object({ ...pageRequest, search: z.string().trim().max(200).optional() }),
    output: pageOf(organizationRowSchema),
  }),
};
