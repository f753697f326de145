import { z } from 'zod';

/** Integer epoch milliseconds: the only time representation the cache and the contract use. */
export const epochMs = z.number().int();

export const assetTypes = [
  'workstation',
  'server',
  'network_device',
  'virtual_host',
  'virtual_machine',
  'mobile_device',
  'printer',
  'cloud_target',
  'unknown',
] as const;
export const assetTypeSchema = z.enum(assetTypes);
export type AssetType = z.infer<typeof assetTypeSchema>;

export const agentStatuses = ['online', 'offline', 'unknown'] as const;
export const agentStatusSchema = z.enum(agentStatuses);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** NinjaOne severities, ordered: the index is the rank used for sorting and thresholds. */
export const severities = ['NONE', 'MINOR', 'MODERATE', 'MAJOR', 'CRITICAL'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** A device's roll-up of its OS and software patches. `unknown` until patch data has been synced. */
export const patchStates = ['failed', 'pending', 'up_to_date', 'unknown'] as const;
export const patchStateSchema = z.enum(patchStates);
export type PatchState = z.infer<typeof patchStateSchema>;
