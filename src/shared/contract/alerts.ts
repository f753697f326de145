import { z } from 'zod';
import { procedure } from '../rpc/define';
import { pageOf, pageRequest } from '../rpc/paging';
import { agentStatusSchema, epochMs, severitySchema } from './domain';

export const alertStates = ['open', 'reset'] as const;

export const alertFilterSchema = z.object({
  states: z.array(z.enum(alertStates)).default(['open']),
  severities: z.array(severitySchema).optional(),
  organizationIds: z.array(z.number().int()).max(500).optional(),
  deviceId: z.number().int().optional(),
  /** Exact condition name (as grouped in the triage queue). */
  condition: z.string().max(300).optional(),
  /** Only alerts created at or after this time. */
  createdAfter: epochMs.optional(),
  hasTicket: z.boolean().optional(),
  /** Words that must all appear in the condition, message, device or organization. */
  search: z.string().trim().max(200).optional(),
});
export type AlertFilter = z.infer<typeof alertFilterSchema>;

export const alertRowSchema = z.object({
  uid: z.string(),
  deviceId: z.number().int(),
  deviceName: z.string(),
  organizationId: z.number().int().nullable(),
  organizationName: z.string().nullable(),
  agentStatus: agentStatusSchema,
  severity: severitySchema,
  priority: z.string().nullable(),
  sourceType: z.string().nullable(),
  sourceName: z.string().nullable(),
  conditionName: z.string().nullable(),
  subject: z.string().nullable(),
  message: z.string().nullable(),
  state: z.enum(alertStates),
  createdAt: epochMs,
  updatedAt: epochMs.nullable(),
  acknowledgedAt: epochMs.nullable(),
  acknowledgedBy: z.string().nullable(),
  resetAt: epochMs.nullable(),
  /** How often this series triggered: more than one means it is flapping. */
  triggerCount: z.number().int().positive(),
  ticket: z
    .object({
      id: z.string().nullable(),
      number: z.string().nullable(),
      by: z.string().nullable(),
      state: z.enum(['claimed', 'recorded']),
    })
    .nullable(),
});
export type AlertRow = z.infer<typeof alertRowSchema>;

export const alertCountsSchema = z.object({
  open: z.number().int().nonnegative(),
  bySeverity: z.record(severitySchema, z.number().int().nonnegative()),
  devicesWithAlerts: z.number().int().nonnegative(),
});

export const alertGroupSchema = z.object({
  /** Device id, condition name or organization id (-1: none), as the `alerts.list` filter takes it. */
  key: z.string(),
  label: z.string(),
  count: z.number().int().positive(),
  maxSeverity: severitySchema,
  flapping: z.number().int().nonnegative(),
});
export type AlertGroup = z.infer<typeof alertGroupSchema>;

export const alertProcedures = {
  'alerts.groups': procedure({
    summary: 'Alerts grouped by device, condition or organization, largest groups first.',
    input: z.object({
      ...pageRequest,
      by: z.enum(['device', 'condition', 'organization']),
      filter: alertFilterSchema.default({ states: ['open'] }),
    }),
    output: pageOf(alertGroupSchema),
  }),
  'alerts.reset': procedure({
    summary: 'Resets alerts in NinjaOne (the condition is cleared there) and marks them reset here.',
    input: z.object({ uids: z.array(z.string().min(1).max(100)).min(1).max(200) }),
    output: z.object({
      reset: z.array(z.string()),
      failed: z.array(z.object({ uid: z.string(), message: z.string() })),
    }),
  }),
  'alerts.acknowledge': procedure({
    summary: 'Mark open alerts as seen by this technician (triage state in the console).',
    input: z.object({ uids: z.array(z.string().min(1).max(100)).min(1).max(500) }),
    output: z.object({ acknowledged: z.number().int().nonnegative() }),
  }),
  'alerts.list': procedure({
    summary: 'A page of alerts, newest first, filtered.',
    input: z.object({ ...pageRequest, filter: alertFilterSchema.default({ states: ['open'] }) }),
    output: pageOf(alertRowSchema),
  }),
  'alerts.get': procedure({
    summary: 'One alert with its device, organization and ticket.',
    input: z.object({ uid: z.string().min(1).max(100) }),
    output: alertRowSchema,
  }),
  'alerts.counts': procedure({
    summary: 'Open alerts by severity (dashboard, tray).',
    input: z.object({}).default({}),
    output: alertCountsSchema,
  }),
};
