import { z } from 'zod';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { agentStatusSchema, epochMs } from './domain';

const count = z.number().int().nonnegative();
export const patchKindSchema = z.enum(['os', 'software']);
export const patchStateSchema = z.enum(['pending', 'failed', 'installed', 'rejected']);

/** The columns each patch table sorts by (`need`: devices that still need the patch). */
export const patchOrganizationSortFields = [
  'organization',
  'devices',
  'failed',
  'pending',
  'upToDate',
  'unknown',
  'compliance',
] as const;
export const patchSortFields = ['need', 'name', 'kb', 'failed', 'pending', 'installed'] as const;
export const patchDeviceSortFields = ['name', 'organization', 'status', 'patches', 'since'] as const;
export type PatchOrganizationSortField = (typeof patchOrganizationSortFields)[number];
export type PatchSortField = (typeof patchSortFields)[number];
export type PatchDeviceSortField = (typeof patchDeviceSortFields)[number];

const sortOf = <F extends readonly [string, ...string[]]>(fields: F) =>
  z.object({ field: z.enum(fields), direction: z.enum(['asc', 'desc']) }).optional();

export const patchRowSchema = z.object({
  kind: patchKindSchema,
  patchId: z.string(),
  name: z.string(),
  kbNumber: z.string().nullable(),
  severity: z.string().nullable(),
  patchType: z.string().nullable(),
  status: z.string(),
  state: patchStateSchema,
  installedAt: epochMs.nullable(),
  /** Since when the patch is in this state, by NinjaOne's timestamps. */
  since: epochMs.nullable(),
});

/**
 * Which devices `patches.devices` lists: those with one patch (by kind and name), or with any patch
 * pending longer than some days. A CSV export of that list takes the same query.
 */
export const patchDeviceQuerySchema = z.object({
  kind: patchKindSchema.optional(),
  name: z.string().max(500).optional(),
  state: z.enum(['pending', 'failed']).optional(),
  pendingForDays: z.number().int().min(1).max(3650).optional(),
  sort: sortOf(patchDeviceSortFields),
});

export const patchProcedures = {
  'patches.byOrganization': procedure({
    summary: 'Patch compliance per organization: devices failed, pending, up to date, not synced.',
    input: z.object({ ...pageRequest, sort: sortOf(patchOrganizationSortFields) }),
    output: pageOf(
      z.object({
        organizationId: z.number().int().nullable(),
        organizationName: z.string(),
        devices: count,
        failed: count,
        pending: count,
        upToDate: count,
        unknown: count,
      }),
    ),
  }),
  'patches.byPatch': procedure({
    summary:
      'Patches across the fleet (KB or product) with how many devices have each pending, failed or installed.',
    input: z.object({
      ...pageRequest,
      kind: patchKindSchema.optional(),
      state: z.enum(['pending', 'failed']).optional(),
      search: z.string().trim().max(200).optional(),
      sort: sortOf(patchSortFields),
    }),
    output: pageOf(
      z.object({
        kind: patchKindSchema,
        name: z.string(),
        kbNumber: z.string().nullable(),
        severity: z.string().nullable(),
        pending: count,
        failed: count,
        installed: count,
      }),
    ),
  }),
  'patches.devices': procedure({
    summary:
      'Devices with one patch (by kind and name), or with any patch failed or pending longer than some days.',
    input: patchDeviceQuerySchema.extend(pageRequest),
    output: pageOf(
      z.object({
        deviceId: z.number().int(),
        deviceName: z.string(),
        organizationName: z.string().nullable(),
        agentStatus: agentStatusSchema,
        patches: count,
        /** Since when the oldest of these patches is in its state, by NinjaOne's timestamps. */
        oldestSince: epochMs.nullable(),
      }),
    ),
  }),
  'assets.patches': procedure({
    summary: "One device's patches: pending, failed and installed.",
    input: z.object({ id: z.number().int() }),
    output: z.object({ items: z.array(patchRowSchema).max(5000), truncated: z.boolean() }),
  }),
};
