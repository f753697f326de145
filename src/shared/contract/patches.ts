import { z } from 'zod';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { agentStatusSchema, epochMs } from './domain';

const count = z.number().int().nonnegative();
export const patchKindSchema = z.enum(['os', 'software']);
export const patchStateSchema = z.enum(['pending', 'failed', 'installed', 'rejected']);

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
  firstSeen: epochMs.nullable(),
});

export const patchProcedures = {
  'patches.byOrganization': procedure({
    summary: 'Patch compliance per organization: devices failed, pending, up to date, not synced.',
    input: z.object(pageRequest),
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
    input: z.object({
      ...pageRequest,
      kind: patchKindSchema.optional(),
      name: z.string().max(500).optional(),
      state: z.enum(['pending', 'failed']).optional(),
      pendingForDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: pageOf(
      z.object({
        deviceId: z.number().int(),
        deviceName: z.string(),
        organizationName: z.string().nullable(),
        agentStatus: agentStatusSchema,
        patches: count,
        oldestFirstSeen: epochMs.nullable(),
      }),
    ),
  }),
  'assets.patches': procedure({
    summary: "One device's patches: pending, failed and installed.",
    input: z.object({ id: z.number().int() }),
    output: z.object({ items: z.array(patchRowSchema).max(5000), truncated: z.boolean() }),
  }),
};
