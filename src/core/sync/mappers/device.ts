import type { AgentStatus, AssetType } from '../../../shared/contract/domain';
import type { DeviceRecord } from '../../cache/records';
import type { DeviceStatusRecord } from '../../cache/repositories/devices';
import { epochToMs, type NinjaDeviceDetailed } from '../../ninjaone';

/**
 * NinjaOne node classes to the console's asset types. Alga PSA's mapper (workstation, server,
 * network_device, unknown) is the base; the console keeps hypervisors, guests, printers, phones and
 * cloud targets apart because technicians filter on them.
 */
const assetTypeByClass: Record<string, AssetType> = {
  WINDOWS_WORKSTATION: 'workstation',
  MAC: 'workstation',
  LINUX_WORKSTATION: 'workstation',
  NMS_COMPUTER: 'workstation',
  WINDOWS_SERVER: 'server',
  LINUX_SERVER: 'server',
  MAC_SERVER: 'server',
  NMS_SERVER: 'server',
  VMWARE_VM_HOST: 'virtual_host',
  HYPERV_VMM_HOST: 'virtual_host',
  NMS_VM_HOST: 'virtual_host',
  VMWARE_VM_GUEST: 'virtual_machine',
  HYPERV_VMM_GUEST: 'virtual_machine',
  NMS_VIRTUAL_MACHINE: 'virtual_machine',
  NMS_PRINTER: 'printer',
  NMS_SCANNER: 'printer',
  ANDROID: 'mobile_device',
  APPLE_IOS: 'mobile_device',
  APPLE_IPADOS: 'mobile_device',
  NMS_PHONE: 'mobile_device',
  CLOUD_MONITOR_TARGET: 'cloud_target',
};

export function assetTypeOf(nodeClass: string | null | undefined): AssetType {
  if (!nodeClass) return 'unknown';
  return assetTypeByClass[nodeClass] ?? (nodeClass.startsWith('NMS_') ? 'network_device' : 'unknown');
}

/** NinjaOne says `offline` (not `online`); a device that does not say is unknown, not online. */
export function agentStatusOf(offline: boolean | null | undefined): AgentStatus {
  if (offline === true) return 'offline';
  if (offline === false) return 'online';
  return 'unknown';
}

/** What a status read (the sweep's basic device list, a webhook's device) says of a device. */
export function mapDeviceStatus(device: {
  id: number;
  offline?: boolean | null;
  lastContact?: number | null;
  lastUpdate?: number | null;
}): DeviceStatusRecord {
  return {
    id: device.id,
    agentStatus: agentStatusOf(device.offline),
    lastContact: epochToMs(device.lastContact),
    lastUpdate: epochToMs(device.lastUpdate),
    raw: {
      offline: device.offline ?? null,
      lastContact: device.lastContact ?? null,
      lastUpdate: device.lastUpdate ?? null,
    },
  };
}

const text = (value: string | null | undefined): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

const wholeNumber = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;

function sum(values: readonly (number | null | undefined)[] | null | undefined): number | null {
  if (!values) return null;
  let total: number | null = null;
  for (const value of values) {
    if (typeof value === 'number' && Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total === null ? null : Math.round(total);
}

/**
 * One `devices-detailed` item (any `deviceType`: agents report os/system/processors/volumes, VM hosts
 * their own cpu and release fields, MDM devices a system block, unmanaged ones only the base) to the
 * cache row. Missing fields become null; nothing here throws on a shape NinjaOne may send.
 */
export function mapDevice(device: NinjaDeviceDetailed): DeviceRecord {
  const { os, system, processors, volumes } = device;
  const firstCpu = processors?.[0];
  return {
    id: device.id,
    uid: text(device.uid),
    name: text(device.displayName) ?? text(device.systemName) ?? `Device-${device.id}`,
    systemName: text(device.systemName),
    dnsName: text(device.dnsName),
    organizationId: device.organizationId ?? null,
    locationId: device.locationId ?? null,
    nodeClass: text(device.nodeClass) ?? 'UNKNOWN',
    assetType: assetTypeOf(device.nodeClass),
    agentStatus: agentStatusOf(device.offline),
    approvalStatus: text(device.approvalStatus),
    createdAt: epochToMs(device.created),
    lastContact: epochToMs(device.lastContact),
    lastUpdate: epochToMs(device.lastUpdate),
    osName: text(os?.name) ?? text(device.releaseName),
    osBuild: text(os?.buildNumber) ?? text(device.buildNumber) ?? text(system?.build),
    osArchitecture: text(os?.architecture),
    needsReboot: typeof os?.needsReboot === 'boolean' ? os.needsReboot : null,
    manufacturer: text(system?.manufacturer) ?? text(device.vendor),
    model: text(system?.model) ?? text(device.model),
    serial:
      text(system?.serialNumber) ??
      text(system?.biosSerialNumber) ??
      text(system?.assetSerialNumber) ??
      text(device.serviceTag),
    cpu: text(firstCpu?.name) ?? text(device.cpuModel),
    cpuCores: sum(processors?.map((p) => p.numCores)) ?? wholeNumber(device.cpuCores),
    ramBytes:
      wholeNumber(device.memory?.capacity) ??
      wholeNumber(system?.totalPhysicalMemory) ??
      wholeNumber(device.memorySize),
    storageBytes: sum(volumes?.map((v) => v.capacity)),
    storageFreeBytes: sum(volumes?.map((v) => v.freeSpace)),
    ipAddresses: device.ipAddresses ?? [],
    macAddresses: device.macAddresses ?? [],
    publicIp: text(device.publicIP),
    lastUser: text(device.lastLoggedInUser),
    raw: device,
  };
}
