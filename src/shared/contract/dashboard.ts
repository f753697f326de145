import { z } from 'zod';
import { procedure } from '../rpc/define';
import { epochMs, severitySchema } from './domain';

const count = z.number().int().nonnegative();

/** Device-level antivirus roll-up written by the sync: what the dashboard counts as a problem. */
export const antivirusStates = ['protected', 'at_risk', 'not_installed'] as const;
export type AntivirusState = (typeof antivirusStates)[number];

export const dashboardSummarySchema = z.object({
  devices: z.object({ total: count, online: count, offline: count, unknown: count }),
  alerts: z.object({ open: count, bySeverity: z.record(severitySchema, count) }),
  patches: z.object({ failed: count, pending: count, upToDate: count, unknown: count }),
  antivirus: z.object({ atRisk: count, notInstalled: count }),
  tickets: z.object({ pending: count, failed: count }),
  lastSyncAt: epochMs.nullable(),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;

export const dashboardProcedures = {
  'dashboard.summary': procedure({
    summary: 'Fleet health at a glance, from the cache.',
    input: z.object({}).default({}),
    output: dashboardSummarySchema,
  }),
};
