import { osPatchCatalogue, softwareCatalogue, softwarePatchCatalogue } from './catalogue';
import {
  OPEN_PATCH_STATES,
  omittable,
  patchStates,
  type SimActivity,
  type SimAlert,
  type SimDevice,
  type SimLocation,
  type SimOrganization,
} from './model';
import { hash, unit, uuidFrom } from './random';

/**
 * Internal state to the JSON NinjaOne answers with, field for field as the OpenAPI file names them.
 * Optional fields a device does not report are left out (never null), as the real service does.
 */
export type Json = Record<string, unknown>;

export interface ViewContext {
  organization(id: number): SimOrganization | undefined;
  location(id: number): SimLocation | undefined;
}

const has = (device: SimDevice, flag: number): boolean => (device.omitted & flag) === 0;

export function organizationView(org: SimOrganization): Json {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    nodeApprovalMode: org.nodeApprovalMode,
    userData: {},
  };
}

const product = (name: string, enabled: boolean): Json => ({
  product: name,
  enabled,
  targets: [],
  options: {},
});

export function organizationDetailedView(org: SimOrganization): Json {
  return {
    ...organizationView(org),
    locations: org.locations.map((l) => ({
      id: l.id,
      name: l.name,
      address: l.address,
      description: l.description,
      userData: {},
    })),
    policies: [
      { nodeRoleId: 1, policyId: 101 },
      { nodeRoleId: 2, policyId: 102 },
      { nodeRoleId: 3, policyId: 103 },
    ],
    settings: {
      trayicon: product('TRAYICON', true),
      splashtop: product('SPLASHTOP', org.splashtop),
      teamviewer: product('TEAMVIEWER', !org.splashtop),
      backup: product('BACKUP', false),
      psa: product('PSA', false),
    },
  };
}

export function locationView(location: SimLocation, withOrganization: boolean): Json {
  const out: Json = {
    id: location.id,
    name: location.name,
    address: location.address,
    description: location.description,
    userData: {},
  };
  if (withOrganization) out.organizationId = location.organizationId;
  return out;
}

const expandable = ['organization', 'location', 'rolePolicy', 'policy', 'role', 'warranty'] as const;

/** The basic node shape of `/v2/devices`, with `references` when `expand` asks for them. */
export function deviceView(device: SimDevice, ctx: ViewContext, expand?: ReadonlySet<string>): Json {
  const out: Json = {
    id: device.id,
    uid: device.uid,
    organizationId: device.organizationId,
    locationId: device.locationId,
    nodeClass: device.nodeClass,
    nodeRoleId: device.nodeRoleId,
    rolePolicyId: device.rolePolicyId,
    policyId: device.policyId,
    approvalStatus: device.approvalStatus,
    offline: device.offline,
    displayName: device.displayName,
    systemName: device.systemName,
    created: device.created,
    lastContact: device.lastContact,
    lastUpdate: device.lastUpdate,
  };
  if (has(device, omittable.dnsName)) out.dnsName = device.dnsName;
  if (has(device, omittable.netbiosName) && device.deviceType === 'AGENT')
    out.netbiosName = device.netbiosName;
  if (has(device, omittable.tags)) out.tags = device.tags;
  if (expand && expand.size > 0) out.references = references(device, ctx, expand);
  return out;
}

function references(device: SimDevice, ctx: ViewContext, expand: ReadonlySet<string>): Json {
  const refs: Json = {};
  for (const key of expandable) {
    if (!expand.has(key)) continue;
    if (key === 'organization') {
      const org = ctx.organization(device.organizationId);
      if (org) refs.organization = organizationView(org);
    } else if (key === 'location') {
      const location = ctx.location(device.locationId);
      if (location) refs.location = locationView(location, false);
    } else if (key === 'policy' || key === 'rolePolicy') {
      refs[key] = {
        id: device.policyId,
        name: `${device.nodeClass.replace(/_/g, ' ').toLowerCase()} policy`,
        nodeClass: device.nodeClass,
        nodeClassDefault: true,
        updated: device.created,
      };
    } else if (key === 'role') {
      refs.role = {
        id: device.nodeRoleId,
        name: device.nodeClass,
        nodeClass: device.nodeClass,
        custom: false,
        created: device.created,
      };
    } else if (key === 'warranty' && device.hardware && !device.hardware.virtual) {
      const start = Math.floor(device.created - 86_400 * 20);
      refs.warranty = {
        startDate: start,
        endDate: start + 3 * 365 * 86_400,
        manufacturerFulfillmentDate: start - 86_400 * 5,
      };
    }
  }
  return refs;
}

/** `/v2/devices-detailed` and `/v2/device/{id}`: the node plus what its `deviceType` reports. */
export function deviceDetailedView(device: SimDevice, ctx: ViewContext): Json {
  const out: Json = {
    ...deviceView(device, ctx),
    ipAddresses: device.ipAddresses,
    macAddresses: device.macAddresses,
    notes: [],
    deviceType: device.deviceType,
  };
  if (has(device, omittable.publicIP) && device.deviceType !== 'UNMANAGED') out.publicIP = device.publicIP;
  const { os, hardware, vmHost, mobile } = device;
  if (device.deviceType === 'AGENT' && os && hardware) {
    const osView: Json = {
      manufacturer: os.manufacturer,
      name: os.name,
      architecture: os.architecture,
      lastBootTime: os.lastBootTime,
      buildNumber: os.buildNumber,
      servicePackMajorVersion: 0,
      servicePackMinorVersion: 0,
      locale: 'en-US',
      language: 'en',
      needsReboot: os.needsReboot,
    };
    if (has(device, omittable.osReleaseId)) osView.releaseId = os.releaseId;
    out.os = osView;
    out.system = {
      name: device.systemName,
      manufacturer: hardware.manufacturer,
      model: hardware.model,
      biosSerialNumber: hardware.serial,
      serialNumber: hardware.serial,
      domain: device.platform === 'windows' ? hardware.domain : 'WORKGROUP',
      domainRole: hardware.domainRole,
      numberOfProcessors: hardware.chassis === 'SERVER' && hardware.cores >= 16 ? 2 : 1,
      totalPhysicalMemory: hardware.ramBytes,
      virtualMachine: hardware.virtual,
      chassisType: hardware.chassis === 'VIRTUAL' ? 'OTHER' : hardware.chassis,
    };
    out.memory = { capacity: hardware.ramBytes };
    out.processors = [
      {
        architecture: os.architecture.startsWith('ARM') ? 'ARM64' : 'x64',
        maxClockSpeed: hardware.clockHz,
        clockSpeed: hardware.clockHz,
        name: hardware.cpu,
        numCores: hardware.cores,
        numLogicalCores: hardware.threads,
      },
    ];
    if (has(device, omittable.volumes)) out.volumes = volumes(device);
    if (has(device, omittable.lastLoggedInUser) && device.lastLoggedInUser)
      out.lastLoggedInUser = device.lastLoggedInUser;
  } else if (device.deviceType === 'VMHOST' && vmHost) {
    Object.assign(out, {
      cpuMhz: vmHost.cpuMhz,
      cpuModel: vmHost.cpuModel,
      htActive: true,
      htAvailable: true,
      lastBootTime: vmHost.lastBootTime,
      memorySize: vmHost.memoryBytes,
      model: vmHost.model,
      name: device.displayName,
      cpuCores: vmHost.cpuCores,
      cpuPackages: vmHost.cpuPackages,
      cpuThreads: vmHost.cpuCores * 2,
      serviceTag: vmHost.serviceTag,
      vendor: vmHost.vendor,
      releaseName: vmHost.releaseName,
      version: vmHost.version,
      buildNumber: vmHost.buildNumber,
    });
  } else if (device.deviceType === 'MDM' && mobile) {
    out.system = {
      displayName: device.displayName,
      name: mobile.model,
      manufacturer: mobile.manufacturer,
      model: mobile.model,
      serialNumber: mobile.serial,
      build: mobile.build,
    };
    out.memory = { capacity: 6 * 1024 ** 3 };
    out.network = [{ imei: mobile.imei, phoneNumber: mobile.phoneNumber, carrier: mobile.carrier }];
    out.volumes = [
      { name: 'Internal', capacity: 128_000_000_000, freeSpace: Math.floor(128_000_000_000 * 0.4) },
    ];
  }
  return out;
}

function volumes(device: SimDevice): Json[] {
  const hw = device.hardware!;
  if (device.platform === 'windows') {
    const list: Json[] = [
      {
        name: 'C:',
        driveLetter: 'C:',
        label: 'OS',
        deviceType: 'Local Disk',
        fileSystem: 'NTFS',
        autoMount: true,
        compressed: false,
        capacity: hw.diskBytes,
        freeSpace: hw.diskFreeBytes,
        serialNumber: (hash(device.id, 5) >>> 0).toString(16).toUpperCase().padStart(8, '0'),
      },
    ];
    if (hw.chassis === 'SERVER' || hw.chassis === 'VIRTUAL') {
      list.push({
        name: 'D:',
        driveLetter: 'D:',
        label: 'Data',
        deviceType: 'Local Disk',
        fileSystem: 'NTFS',
        autoMount: true,
        compressed: false,
        capacity: hw.diskBytes * 2,
        freeSpace: Math.floor(hw.diskBytes * 2 * unit(device.id, 6)),
      });
    }
    return list;
  }
  return [
    {
      name: device.platform === 'mac' ? 'Macintosh HD' : '/',
      label: device.platform === 'mac' ? 'Macintosh HD' : 'root',
      deviceType: 'Local Disk',
      fileSystem: device.platform === 'mac' ? 'APFS' : 'ext4',
      autoMount: true,
      compressed: false,
      capacity: hw.diskBytes,
      freeSpace: hw.diskFreeBytes,
    },
  ];
}

/** Windows product codes are per title and version, the same on every device. */
function productCode(index: number, version: number): string {
  return `{${uuidFrom(index, version, 9).toUpperCase()}}`;
}

function isoSeconds(epochSeconds: number): string {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `/v2/device/{id}/software` items (the query adds deviceId and timestamp). */
export function softwareViews(device: SimDevice): Json[] {
  return device.software.map((entry) => {
    const index = entry >> 2;
    const v = entry & 3;
    const title = softwareCatalogue[index]!;
    const installed =
      device.created + unit(device.id, index, 1) * Math.max(0, device.inventoryTime - device.created);
    const out: Json = {
      installDate: isoSeconds(installed),
      name: title.name,
      publisher: title.publisher,
      size: Math.round(title.sizeMb * 1_048_576 * (0.9 + unit(index, v) * 0.2)),
      version: title.versions[v] ?? title.versions[0]!,
    };
    if (title.location) out.location = title.location;
    if (title.platform === 'windows') {
      out.productCode = productCode(index, v);
      out.isSystemComponent = title.system === true;
    }
    return out;
  });
}

export interface PatchFilter {
  status?: string;
  type?: string;
  severity?: string;
  impact?: string;
  productIdentifier?: string;
  installedBefore?: number;
  installedAfter?: number;
}

function installedAt(device: SimDevice, index: number, salt: number): number {
  return Math.floor(device.inventoryTime - 86_400 * (1 + unit(device.id, index, salt) * 60));
}

function matchesPatch(item: Json, filter: PatchFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.status && !filter.status.split(',').includes(item.status as string)) return false;
  if (filter.type && item.type !== filter.type) return false;
  if (filter.severity && item.severity !== filter.severity) return false;
  if (filter.impact && item.impact !== filter.impact) return false;
  if (filter.productIdentifier && item.productIdentifier !== filter.productIdentifier) return false;
  const at = item.installedAt as number | undefined;
  if (filter.installedBefore !== undefined && (at === undefined || at >= filter.installedBefore))
    return false;
  if (filter.installedAfter !== undefined && (at === undefined || at <= filter.installedAfter)) return false;
  return true;
}

/**
 * Patch entries of one kind: `history` false gives the open list, true the install history. The fleet
 * queries stamp each row (`stamped`) with when NinjaOne recorded it: an open patch when a scan found
 * it (days to weeks before the device's last inventory), an install attempt when it ran.
 */
function patchViews(
  device: SimDevice,
  entries: number[],
  history: boolean,
  filter: PatchFilter | undefined,
  installSalt: number,
  stamped: boolean,
  build: (index: number, status: string) => Json,
): Json[] {
  const out: Json[] = [];
  for (const entry of entries) {
    const index = entry >> 4;
    const state = entry & 15;
    if (history !== state >= OPEN_PATCH_STATES) continue;
    const item = build(index, patchStates[state]!);
    if (history) item.installedAt = installedAt(device, index, installSalt);
    if (stamped)
      item.timestamp = history
        ? item.installedAt
        : Math.floor(device.inventoryTime - 86_400 * unit(device.id, index, installSalt + 1) * 75);
    if (matchesPatch(item, filter)) out.push(item);
  }
  return out;
}

/** `/v2/device/{id}/os-patches` (open) or `/os-patch-installs` (history) items. */
export function osPatchViews(
  device: SimDevice,
  history: boolean,
  filter?: PatchFilter,
  stamped = false,
): Json[] {
  return patchViews(device, device.osPatches, history, filter, 32, stamped, (index, status) => {
    const patch = osPatchCatalogue[index]!;
    const item: Json = {
      id: uuidFrom(device.id, index, history ? 31 : 30),
      name: patch.name,
      severity: patch.severity,
      status,
      type: patch.type,
    };
    if (patch.kbNumber) item.kbNumber = patch.kbNumber;
    return item;
  });
}

export function softwarePatchProductId(index: number): string {
  return uuidFrom(index, 40);
}

/** `/v2/device/{id}/software-patches` (open) or `/software-patch-installs` (history) items. */
export function softwarePatchViews(
  device: SimDevice,
  history: boolean,
  filter?: PatchFilter,
  stamped = false,
): Json[] {
  return patchViews(device, device.softwarePatches, history, filter, 43, stamped, (index, status) => {
    const patch = softwarePatchCatalogue[index]!;
    return {
      id: uuidFrom(device.id, index, history ? 41 : 42),
      productIdentifier: softwarePatchProductId(index),
      title: `${patch.title} ${patch.latest}`,
      impact: patch.impact,
      status,
      type: 'PATCH',
    };
  });
}

export function antivirusView(device: SimDevice): Json | null {
  if (!device.antivirus) return null;
  return { ...device.antivirus };
}

export function deviceHealthView(device: SimDevice, alertCount: number, hasCriticalAlert: boolean): Json {
  const count = (list: number[], state: number): number => list.filter((e) => (e & 15) === state).length;
  const pendingOs = count(device.osPatches, 0) + count(device.osPatches, 1);
  const failedOs = count(device.osPatches, 2);
  const pendingSw = count(device.softwarePatches, 0) + count(device.softwarePatches, 1);
  const failedSw = count(device.softwarePatches, 2);
  const avOff = device.antivirus !== null && device.antivirus.productState !== 'ON';
  const healthStatus =
    device.deviceType === 'UNMANAGED'
      ? 'UNKNOWN'
      : failedOs + failedSw > 0 || hasCriticalAlert || avOff
        ? 'UNHEALTHY'
        : pendingOs + pendingSw + alertCount > 0 || device.os?.needsReboot
          ? 'NEEDS_ATTENTION'
          : 'HEALTHY';
  const out: Json = {
    deviceId: device.id,
    activeThreatsCount: 0,
    quarantinedThreatsCount: device.antivirus ? (hash(device.id, 50) % 3 === 0 ? 1 : 0) : 0,
    blockedThreatsCount: 0,
    failedOSPatchesCount: failedOs,
    pendingOSPatchesCount: pendingOs,
    alertCount,
    activeJobCount: 0,
    failedSoftwarePatchesCount: failedSw,
    pendingSoftwarePatchesCount: pendingSw,
    offline: device.offline,
    healthStatus,
    criticalVulnerabilityCount: failedOs > 0 ? 1 : 0,
    highVulnerabilityCount: pendingOs,
    mediumVulnerabilityCount: pendingSw,
    lowVulnerabilityCount: 0,
    installationIssuesCount: 0,
    productsInstallationStatuses: {},
  };
  if (device.os?.needsReboot) out.pendingRebootReason = 'Windows Update';
  if (device.antivirus) out.avInstallStatus = 'INSTALLED';
  return out;
}

export function alertView(alert: SimAlert, device: SimDevice | undefined, ctx: ViewContext): Json {
  const out: Json = {
    uid: alert.uid,
    deviceId: alert.deviceId,
    message: alert.message,
    createTime: alert.createTime,
    updateTime: alert.updateTime,
    sourceType: alert.sourceType,
    sourceConfigUid: alert.sourceConfigUid,
    sourceName: alert.sourceName,
    subject: alert.subject,
    data: alert.data,
    priority: alert.priority,
    severity: alert.severity,
    conditionName: alert.conditionName,
    conditionHealthStatus:
      alert.severity === 'CRITICAL' || alert.severity === 'MAJOR' ? 'UNHEALTHY' : 'NEEDS_ATTENTION',
    useGlobalHealthStatus: true,
  };
  if (device) out.device = deviceView(device, ctx);
  return out;
}

export function activityView(activity: SimActivity): Json {
  return { ...activity };
}
