/**
 * The simulator's internal state. Devices keep scalars and compact number arrays (software and
 * patches are catalogue indexes), so 50,000 devices fit in a few tens of megabytes; API shapes are
 * built on demand by `views.ts`. Times are epoch seconds, as NinjaOne sends them.
 */

export type DevicePlatform = 'windows' | 'mac' | 'linux' | 'vmhost' | 'network' | 'mobile' | 'none';
export type DeviceType = 'AGENT' | 'VMHOST' | 'NMS' | 'MDM' | 'UNMANAGED';

export interface SimLocation {
  id: number;
  organizationId: number;
  name: string;
  address: string;
  description: string;
  subnet: string;
  publicIp: string;
}

export interface SimOrganization {
  id: number;
  name: string;
  description: string;
  nodeApprovalMode: 'AUTOMATIC' | 'MANUAL' | 'REJECT';
  code: string;
  domain: string;
  locations: SimLocation[];
  splashtop: boolean;
}

export interface SimOs {
  name: string;
  manufacturer: string;
  buildNumber: string;
  releaseId: string;
  architecture: string;
  lastBootTime: number;
  needsReboot: boolean;
}

export interface SimHardware {
  manufacturer: string;
  model: string;
  serial: string;
  cpu: string;
  cores: number;
  threads: number;
  clockHz: number;
  ramBytes: number;
  chassis: string;
  virtual: boolean;
  domain: string;
  domainRole: string;
  diskBytes: number;
  diskFreeBytes: number;
}

export interface SimVmHost {
  vendor: string;
  model: string;
  cpuModel: string;
  cpuMhz: number;
  cpuCores: number;
  cpuPackages: number;
  memoryBytes: number;
  serviceTag: string;
  releaseName: string;
  version: string;
  buildNumber: string;
  lastBootTime: number;
}

export interface SimMobile {
  manufacturer: string;
  model: string;
  os: string;
  build: string;
  serial: string;
  phoneNumber: string;
  carrier: string;
  imei: string;
}

export interface SimAntivirus {
  productName: string;
  productState: string;
  definitionStatus: string;
  version: string;
}

/** Optional fields a device may lack (NinjaOne omits what an agent does not report). */
export const omittable = {
  dnsName: 1,
  netbiosName: 2,
  publicIP: 4,
  lastLoggedInUser: 8,
  osReleaseId: 16,
  volumes: 32,
  tags: 64,
} as const;

export interface SimDevice {
  id: number;
  uid: string;
  organizationId: number;
  locationId: number;
  nodeClass: string;
  deviceType: DeviceType;
  platform: DevicePlatform;
  nodeRoleId: number;
  policyId: number;
  rolePolicyId: number;
  approvalStatus: 'PENDING' | 'STAGED' | 'APPROVED' | 'DECOMMISSIONED';
  offline: boolean;
  displayName: string;
  systemName: string;
  dnsName: string;
  netbiosName: string;
  created: number;
  lastContact: number;
  lastUpdate: number;
  tags: string[];
  ipAddresses: string[];
  macAddresses: string[];
  publicIP: string;
  lastLoggedInUser: string;
  os: SimOs | null;
  hardware: SimHardware | null;
  vmHost: SimVmHost | null;
  mobile: SimMobile | null;
  networkModel: { vendor: string; model: string } | null;
  /** Software: catalogue index * 4 + version index. */
  software: number[];
  /** OS patches: catalogue index * 16 + patch state (see `patchStates`). */
  osPatches: number[];
  softwarePatches: number[];
  antivirus: SimAntivirus | null;
  /** When the agent last reported inventory (the queries' `timestamp`). */
  inventoryTime: number;
  /** Bit set of `omittable` fields this device does not report. */
  omitted: number;
  /** Install times (epoch s) of patches installed while the simulator ran, by `os:index` / `software:index`. */
  installedAt?: Map<string, number>;
}

/** Patch states: 0-3 are open (os-patches, software-patches), 4-5 are install history (*-installs). */
export const patchStates = ['MANUAL', 'APPROVED', 'FAILED', 'REJECTED', 'INSTALLED', 'FAILED'] as const;
export const OPEN_PATCH_STATES = 4;

export interface SimAlert {
  uid: string;
  deviceId: number;
  sourceType: string;
  sourceConfigUid: string;
  sourceName: string;
  subject: string;
  message: string;
  conditionName: string;
  severity: string;
  priority: string;
  createTime: number;
  updateTime: number;
  data: Record<string, unknown>;
}

/** Stored exactly as `/v2/activities` returns it (fields absent when unknown). */
export interface SimActivity {
  id: number;
  activityTime: number;
  deviceId?: number;
  severity: string;
  priority: string;
  seriesUid?: string;
  activityType: string;
  statusCode: string;
  status: string;
  activityResult?: string;
  sourceConfigUid?: string;
  sourceName?: string;
  subject?: string;
  userId?: number;
  message: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * Policies whose conditions raise an alert when an agent stops checking in: by default the server
 * policies (MSPs alert on a server going quiet, not on a laptop closed for the night).
 */
export const defaultOfflineConditionPolicies: readonly number[] = [102, 104, 106];

/** Node roles and policies by node class (ids as a NinjaOne tenant would have them). */
export const nodeRoles: Record<string, { roleId: number; policyId: number; name: string }> = {
  WINDOWS_WORKSTATION: { roleId: 1, policyId: 101, name: 'Windows Desktops and Laptops' },
  WINDOWS_SERVER: { roleId: 2, policyId: 102, name: 'Windows Server' },
  MAC: { roleId: 3, policyId: 103, name: 'Mac' },
  LINUX_SERVER: { roleId: 4, policyId: 104, name: 'Linux Server' },
  LINUX_WORKSTATION: { roleId: 5, policyId: 105, name: 'Linux Workstation' },
  VMWARE_VM_HOST: { roleId: 6, policyId: 106, name: 'VMware ESXi Host' },
  NMS_SWITCH: { roleId: 7, policyId: 107, name: 'Switch' },
  NMS_ROUTER: { roleId: 8, policyId: 108, name: 'Router' },
  NMS_FIREWALL: { roleId: 9, policyId: 109, name: 'Firewall' },
  NMS_PRINTER: { roleId: 10, policyId: 110, name: 'Printer' },
  NMS_WAP: { roleId: 11, policyId: 111, name: 'Wireless Access Point' },
  APPLE_IOS: { roleId: 12, policyId: 112, name: 'iOS' },
  UNMANAGED_DEVICE: { roleId: 13, policyId: 113, name: 'Unmanaged Device' },
};
