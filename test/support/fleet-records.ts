import type { AgentStatus, AssetType } from '../../src/shared/contract/domain';
import { defaultOrganizationNames } from '../../src/simulator/psa/seed';
import type { Cache } from '../../src/core/cache/cache';
import type { DeviceRecord, LocationRecord, OrganizationRecord } from '../../src/core/cache/records';

/**
 * Deterministic cache rows for tests and the cache benchmark, written straight to the repositories.
 * (The NinjaOne simulator has its own fleet generator for tests that go through the API.)
 */
export interface FleetRecords {
  organizations: OrganizationRecord[];
  locations: LocationRecord[];
  devices: DeviceRecord[];
}

/** A deterministic xorshift generator in [0, 1), so generated records are the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** The PSA simulator derives its clients from the same names (exact, near and missing matches). */
const orgNames = defaultOrganizationNames;
const kinds: { nodeClass: string; assetType: AssetType; prefix: string; os: string }[] = [
  { nodeClass: 'WINDOWS_WORKSTATION', assetType: 'workstation', prefix: 'WS', os: 'Windows 11 Pro' },
  { nodeClass: 'WINDOWS_SERVER', assetType: 'server', prefix: 'SRV', os: 'Windows Server 2022 Standard' },
  { nodeClass: 'MAC', assetType: 'workstation', prefix: 'MAC', os: 'macOS 15 Sequoia' },
  { nodeClass: 'LINUX_SERVER', assetType: 'server', prefix: 'LNX', os: 'Ubuntu 24.04 LTS' },
  { nodeClass: 'VMWARE_VM_HOST', assetType: 'virtual_host', prefix: 'ESX', os: 'VMware ESXi 8.0' },
  { nodeClass: 'NMS_SWITCH', assetType: 'network_device', prefix: 'SW', os: '' },
];
const users = ['jdoe', 'asmith', 'mgarcia', 'lchen', 'pnovak', 'rkumar', 'tnguyen', 'okafor'];

export function fleetRecords(count: number, seed = 1): FleetRecords {
  const random = rng(seed);
  const organizations = orgNames.map((name, i) => ({
    id: i + 1,
    name,
    description: null,
    nodeApprovalMode: 'AUTOMATIC',
    raw: {},
  }));
  const locations = organizations.flatMap((org) => [
    { id: org.id * 10 + 1, organizationId: org.id, name: 'HQ', address: null, description: null },
    { id: org.id * 10 + 2, organizationId: org.id, name: 'Branch', address: null, description: null },
  ]);
  const now = Date.UTC(2026, 10, 1);
  const devices: DeviceRecord[] = [];
  for (let i = 0; i < count; i++) {
    const id = 1000 + i;
    const org = organizations[Math.floor(random() * organizations.length)]!;
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const status: AgentStatus = random() < 0.15 ? 'offline' : 'online';
    const name = `${org.name.split(' ')[0]!.toUpperCase()}-${kind.prefix}-${String(i).padStart(5, '0')}`;
    const user =
      kind.assetType === 'workstation'
        ? `${org.name.split(' ')[0]!.toUpperCase()}\\${users[i % users.length]}${i % 97}`
        : null;
    devices.push({
      id,
      uid: null,
      name,
      systemName: name,
      dnsName: `${name.toLowerCase()}.local`,
      organizationId: org.id,
      locationId: org.id * 10 + (random() < 0.7 ? 1 : 2),
      nodeClass: kind.nodeClass,
      assetType: kind.assetType,
      agentStatus: status,
      approvalStatus: 'APPROVED',
      createdAt: now - Math.floor(random() * 400) * 86_400_000,
      lastContact: now - Math.floor(random() * 30 * 86_400_000),
      lastUpdate: now,
      osName: kind.os || null,
      osBuild: null,
      osArchitecture: '64-bit',
      needsReboot: random() < 0.1,
      manufacturer: 'Dell Inc.',
      model: 'OptiPlex 7010',
      serial: `SN${(id * 7919).toString(36).toUpperCase()}`,
      cpu: 'Intel Core i5',
      cpuCores: 8,
      ramBytes: 16 * 1024 ** 3,
      storageBytes: 512 * 1024 ** 3,
      storageFreeBytes: 200 * 1024 ** 3,
      ipAddresses: [`10.${org.id}.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`],
      macAddresses: [macAddressOf(id)],
      publicIp: null,
      lastUser: user,
      raw: null,
    });
  }
  return { organizations, locations, devices };
}

/**
 * A device like `base` with these fields (its system name follows its name; no user, MAC or public IP
 * unless given): for tests that need particular names, serials and addresses.
 */
export function deviceLike(base: DeviceRecord, id: number, fields: Partial<DeviceRecord>): DeviceRecord {
  return {
    ...base,
    id,
    uid: null,
    lastUser: null,
    macAddresses: [],
    publicIp: null,
    ...fields,
    systemName: fields.systemName ?? fields.name ?? base.name,
  };
}

/** Network card vendors (their MAC prefixes), one per device by id. */
const vendorPrefixes = ['00:1A:2B', 'F4:8E:38', '3C:52:82', 'A4:BB:6D'];

/** A MAC address unique to the device id, as NinjaOne reports them (upper case, colons). */
function macAddressOf(id: number): string {
  const octet = (shift: number): string => ((id >> shift) & 0xff).toString(16).padStart(2, '0');
  return `${vendorPrefixes[id % vendorPrefixes.length]}:${octet(16)}:${octet(8)}:${octet(0)}`.toUpperCase();
}

/** Writes a fleet into an open cache, one transaction per 1,000 devices (as the sync writes pages). */
export function seedCache(cache: Cache, fleet: FleetRecords): void {
  cache.organizations.upsertOrganizations(fleet.organizations);
  cache.organizations.upsertLocations(fleet.locations);
  for (let i = 0; i < fleet.devices.length; i += 1000) {
    const page = fleet.devices.slice(i, i + 1000);
    cache.transaction(() => cache.devices.upsertMany(page));
  }
}
