import type { AgentStatus, AssetType } from '../../shared/contract/domain';

/** What the sync writes for an organization. */
export interface OrganizationRecord {
  id: number;
  name: string;
  description: string | null;
  nodeApprovalMode: string | null;
  raw: unknown;
}

export interface LocationRecord {
  id: number;
  organizationId: number;
  name: string;
  address: string | null;
  description: string | null;
}

/** What the sync writes for a device: NinjaOne shapes already mapped (ms times, asset type, status). */
export interface DeviceRecord {
  id: number;
  uid: string | null;
  name: string;
  systemName: string | null;
  dnsName: string | null;
  organizationId: number | null;
  locationId: number | null;
  nodeClass: string;
  assetType: AssetType;
  agentStatus: AgentStatus;
  approvalStatus: string | null;
  createdAt: number | null;
  lastContact: number | null;
  lastUpdate: number | null;
  osName: string | null;
  osBuild: string | null;
  osArchitecture: string | null;
  needsReboot: boolean | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  cpu: string | null;
  cpuCores: number | null;
  ramBytes: number | null;
  storageBytes: number | null;
  storageFreeBytes: number | null;
  ipAddresses: string[];
  macAddresses: string[];
  publicIp: string | null;
  lastUser: string | null;
  raw: unknown;
}
