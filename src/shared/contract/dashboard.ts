import { z } from 'zod';
import { procedure } from '../rpc/define';
import { attentionInputSchema, attentionSchema } from './dashboard-attention';
import {
  alertVolumeSchema,
  noisiestInputSchema,
  noisiestSchema,
  offlineHistoryInputSchema,
  offlineHistorySchema,
  patchHistoryInputSchema,
  patchHistorySchema,
  volumeInputSchema,
} from './dashboard-trends';
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
  'dashboard.attention': procedure({
    summary:
      'What needs a technician now, ranked: alerts without a ticket, refused tickets, devices down, failed patches, antivirus.',
    input: attentionInputSchema,
    output: attentionSchema,
  }),
  'dashboard.alertVolume': procedure({
    summary: 'Alerts triggered and reset per severity in each time bucket, from the cached activity history.',
    input: volumeInputSchema,
    output: alertVolumeSchema,
  }),
  'dashboard.noisiest': procedure({
    summary: 'The devices and conditions that triggered most since a time, flapping series counted.',
    input: noisiestInputSchema,
    output: noisiestSchema,
  }),
  'dashboard.patchHistory': procedure({
    summary:
      'Daily patch compliance of the fleet and of the organizations with most devices needing patches.',
    input: patchHistoryInputSchema,
    output: patchHistorySchema,
  }),
  'dashboard.offlineHistory': procedure({
    summary: 'Device status samples (online, offline, offline servers) since a time.',
    input: offlineHistoryInputSchema,
    output: offlineHistorySchema,
  }),
};
