import {
  alertKinds,
  antivirusProducts,
  carriers,
  cities,
  esxiHosts,
  esxiReleases,
  firstNames,
  lastNames,
  linuxOs,
  macHardware,
  macOs,
  mobileModels,
  networkModels,
  offlineAlert,
  orgStems,
  orgSuffixes,
  orgTrades,
  osPatchCatalogue,
  serverHardware,
  siteNames,
  softwareCatalogue,
  softwarePatchCatalogue,
  streets,
  windowsServerOs,
  windowsWorkstationOs,
  workstationHardware,
  type HardwareModel,
  type OsRelease,
} from './catalogue';
import {
  nodeRoles,
  omittable,
  type DevicePlatform,
  type DeviceType,
  type SimActivity,
  type SimAlert,
  type SimDevice,
  type SimOrganization,
} from './model';
import {
  cumulativeWeights,
  intBetween,
  pick,
  pickWeighted,
  seededRandom,
  uuidFrom,
  type Random,
} from './random';

/** A kind of device the generator makes, with its share of a typical MSP fleet. */
export interface DeviceKind {
  nodeClass: string;
  platform: DevicePlatform;
  deviceType: DeviceType;
  weight: number;
  offlineRate: number;
  server: boolean;
}

// prettier-ignore
export const deviceKinds: DeviceKind[] = [
  { nodeClass: 'WINDOWS_WORKSTATION', platform: 'windows', deviceType: 'AGENT', weight: 61, offlineRate: 0.14, server: false },
  { nodeClass: 'WINDOWS_SERVER', platform: 'windows', deviceType: 'AGENT', weight: 9, offlineRate: 0.03, server: true },
  { nodeClass: 'MAC', platform: 'mac', deviceType: 'AGENT', weight: 12, offlineRate: 0.2, server: false },
  { nodeClass: 'LINUX_SERVER', platform: 'linux', deviceType: 'AGENT', weight: 4, offlineRate: 0.03, server: true },
  { nodeClass: 'LINUX_WORKSTATION', platform: 'linux', deviceType: 'AGENT', weight: 1, offlineRate: 0.15, server: false },
  { nodeClass: 'VMWARE_VM_HOST', platform: 'vmhost', deviceType: 'VMHOST', weight: 2, offlineRate: 0.01, server: true },
  { nodeClass: 'NMS_SWITCH', platform: 'network', deviceType: 'NMS', weight: 3, offlineRate: 0.02, server: false },
  { nodeClass: 'NMS_ROUTER', platform: 'network', deviceType: 'NMS', weight: 1, offlineRate: 0.02, server: false },
  { nodeClass: 'NMS_FIREWALL', platform: 'network', deviceType: 'NMS', weight: 1.5, offlineRate: 0.01, server: false },
  { nodeClass: 'NMS_PRINTER', platform: 'network', deviceType: 'NMS', weight: 2, offlineRate: 0.08, server: false },
  { nodeClass: 'NMS_WAP', platform: 'network', deviceType: 'NMS', weight: 2, offlineRate: 0.04, server: false },
  { nodeClass: 'APPLE_IOS', platform: 'mobile', deviceType: 'MDM', weight: 0.7, offlineRate: 0.25, server: false },
  { nodeClass: 'UNMANAGED_DEVICE', platform: 'none', deviceType: 'UNMANAGED', weight: 0.8, offlineRate: 0, server: false },
];
const kindWeights = cumulativeWeights(deviceKinds.map((k) => k.weight));

export function kindOf(nodeClass: string): DeviceKind {
  return deviceKinds.find((k) => k.nodeClass === nodeClass) ?? deviceKinds[0]!;
}

const DAY = 86_400;

/** Epoch seconds with millisecond precision, as NinjaOne sends them (1718030455.381). */
export const seconds = (value: number): number => Math.round(value * 1000) / 1000;

const osWeights = new Map<readonly OsRelease[], number[]>();
function pickOs(random: Random, releases: readonly OsRelease[]): OsRelease {
  let weights = osWeights.get(releases);
  if (!weights) osWeights.set(releases, (weights = cumulativeWeights(releases.map((r) => r.weight))));
  return pickWeighted(random, releases, weights);
}

/** Catalogue indexes per platform, split into titles every device has and titles it may have. */
const titlesByPlatform = (() => {
  const out = new Map<string, { core: number[]; optional: number[] }>();
  softwareCatalogue.forEach((title, index) => {
    if (title.longTail) return;
    const entry = out.get(title.platform) ?? { core: [], optional: [] };
    (title.core ? entry.core : entry.optional).push(index);
    out.set(title.platform, entry);
  });
  return out;
})();
const softwarePatchBySoftware = new Map(
  softwarePatchCatalogue.map((p, index) => [
    softwareCatalogue.findIndex((t) => t.name === p.softwareName && t.platform === 'windows'),
    index,
  ]),
);

function serialNumber(random: Random, prefix: string, length: number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let out = prefix;
  while (out.length < length) out += chars[Math.floor(random() * chars.length)];
  return out;
}

function macAddress(random: Random, vendorPrefix: string): string {
  const bytes = [0, 0, 0].map(() =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0')
      .toUpperCase(),
  );
  return `${vendorPrefix}:${bytes.join(':')}`;
}

function orgCode(name: string): string {
  const words = name.split(/\s+/);
  return words.length > 1 && words[0]!.length <= 3
    ? words
        .map((w) => w[0])
        .join('')
        .toUpperCase()
    : words[0]!
        .replace(/[^A-Za-z]/g, '')
        .slice(0, 4)
        .toUpperCase();
}

/** Makes organizations and their sites. */
export function generateOrganizations(random: Random, count: number): SimOrganization[] {
  const orgs: SimOrganization[] = [];
  const used = new Set<string>();
  let locationId = 1;
  for (let i = 0; orgs.length < count; i++) {
    const stem = orgStems[i % orgStems.length]!;
    const trade = pick(random, orgTrades);
    const suffix = pick(random, orgSuffixes);
    const round = Math.floor(i / orgStems.length);
    const base = `${stem} ${trade}${suffix ? ` ${suffix}` : ''}`;
    const name =
      round > 0 && used.has(base)
        ? `${base} ${['East', 'West', 'North', 'South'][round % 4]} ${round}`
        : base;
    if (used.has(name)) continue;
    used.add(name);
    const id = orgs.length + 1;
    const domain = `${stem.toLowerCase().replace(/[^a-z]/g, '')}${trade
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .slice(0, 6)}.local`;
    const siteCount = Math.min(siteNames.length, 1 + Math.floor(random() * random() * 4));
    const homeCity = pick(random, cities);
    const locations = Array.from({ length: siteCount }, (_, s) => {
      const city = s === 0 ? homeCity : pick(random, cities);
      return {
        id: locationId++,
        organizationId: id,
        name:
          s === 0 ? 'Headquarters' : siteNames[s] === 'Branch Office' ? `${city.city} Branch` : siteNames[s]!,
        address: `${intBetween(random, 10, 9800)} ${pick(random, streets)}, ${city.city}, ${city.state} ${city.zip}`,
        description: s === 0 ? 'Main office' : '',
        subnet: `10.${id % 250}.${s + 1}`,
        publicIp: `${['198.51.100', '203.0.113', '192.0.2'][(id + s) % 3]}.${intBetween(random, 2, 254)}`,
      };
    });
    orgs.push({
      id,
      name,
      description: `${trade} client since ${2012 + Math.floor(random() * 12)}`,
      nodeApprovalMode: random() < 0.85 ? 'AUTOMATIC' : 'MANUAL',
      code: round > 0 ? `${orgCode(stem)}${round + 1}` : orgCode(stem),
      domain,
      locations,
      splashtop: random() < 0.7,
    });
  }
  return orgs;
}

export interface DeviceFactoryContext {
  random: Random;
  now: number;
  /** Per organization and node class: how many of that kind the org already has (for names). */
  sequence: Map<string, number>;
}

function nextSequence(ctx: DeviceFactoryContext, key: string): number {
  const n = (ctx.sequence.get(key) ?? 0) + 1;
  ctx.sequence.set(key, n);
  return n;
}

const serverRoles = ['DC', 'FS', 'SQL', 'APP', 'RDS', 'PRINT', 'HV', 'VEEAM', 'WEB', 'EXCH'];
const linuxRoles = ['web', 'db', 'app', 'proxy', 'backup', 'git', 'monitor', 'files'];

function deviceName(
  ctx: DeviceFactoryContext,
  org: SimOrganization,
  kind: DeviceKind,
  person: string[],
): string {
  const { random } = ctx;
  const n = nextSequence(ctx, `${org.id}:${kind.nodeClass}`);
  const nn = String(n).padStart(2, '0');
  switch (kind.nodeClass) {
    case 'WINDOWS_WORKSTATION': {
      const r = random();
      if (r < 0.55) return `${org.code}-${random() < 0.6 ? 'LT' : 'DT'}-${String(n).padStart(4, '0')}`;
      if (r < 0.8) return serialNumber(random, 'DESKTOP-', 15);
      return `${org.code}-${person[0]![0]}${person[1]!.toUpperCase()}${n > 1 ? n : ''}`.toUpperCase();
    }
    case 'WINDOWS_SERVER':
      return `${org.code}-${serverRoles[(n - 1) % serverRoles.length]}${String(Math.floor((n - 1) / serverRoles.length) + 1).padStart(2, '0')}`;
    case 'MAC':
      return `${person[0]}s-${random() < 0.7 ? 'MacBook-Pro' : random() < 0.5 ? 'MacBook-Air' : 'iMac'}${n > 1 ? `-${n}` : ''}`;
    case 'LINUX_SERVER':
    case 'LINUX_WORKSTATION':
      return `${linuxRoles[(n - 1) % linuxRoles.length]}-${random() < 0.7 ? 'prod' : 'dev'}-${nn}`;
    case 'VMWARE_VM_HOST':
      return `esxi-${nn}.${org.domain}`;
    case 'APPLE_IOS':
      return `${person[0]}s-iPhone${n > 1 ? `-${n}` : ''}`;
    case 'UNMANAGED_DEVICE':
      return `${org.code}-UPS-${nn}`;
    default:
      return `${org.code}-${networkModels[kind.nodeClass]?.prefix ?? 'NET'}-${nn}`;
  }
}

function hardwareFor(
  random: Random,
  models: readonly HardwareModel[],
  org: SimOrganization,
  server: boolean,
) {
  const model = pick(random, models);
  const ramGiB = pick(random, model.ramGiB);
  const diskGB = pick(random, model.diskGB);
  const diskBytes = diskGB * 1_000_000_000;
  return {
    manufacturer: model.manufacturer,
    model: model.model,
    serial:
      model.serialPrefix === 'VMware-'
        ? `VMware-56 4d ${Math.floor(random() * 0xffff).toString(16)}`
        : serialNumber(random, model.serialPrefix, model.manufacturer.startsWith('Dell') ? 7 : 10),
    cpu: model.cpu,
    cores: model.cores,
    threads: model.threads,
    clockHz: model.clockHz,
    ramBytes: ramGiB * 1024 ** 3,
    chassis: model.chassis,
    virtual: model.chassis === 'VIRTUAL',
    domain: org.domain,
    domainRole: server
      ? random() < 0.2
        ? 'BACKUP_DOMAIN_CONTROLLER'
        : 'MEMBER_SERVER'
      : 'MEMBER_WORKSTATION',
    diskBytes,
    diskFreeBytes: Math.floor(diskBytes * (0.04 + random() * 0.7)),
  };
}

/** Picks a device's software: every core title, then each optional title with its own chance. */
function softwareFor(random: Random, platform: DevicePlatform, server: boolean): number[] {
  const titles = titlesByPlatform.get(platform);
  if (!titles) return [];
  const out: number[] = [];
  const add = (index: number): void => {
    const versions = softwareCatalogue[index]!.versions.length;
    const v = random() < 0.6 ? 0 : Math.floor(random() * versions);
    out.push(index * 4 + v);
  };
  for (const index of titles.core) add(index);
  for (const index of titles.optional) {
    const title = softwareCatalogue[index]!;
    if (random() * 100 < (server ? title.serverWeight : title.weight)) add(index);
  }
  return out;
}

/** OS patches for a Windows device: open (pending, failed, rejected) and install history. */
function osPatchesFor(random: Random, server: boolean): number[] {
  const out: number[] = [];
  osPatchCatalogue.forEach((patch, index) => {
    if (patch.platform !== 'any' && (patch.platform === 'server') !== server) return;
    const r = random();
    if (r < 0.1) out.push(index * 16 + (random() < 0.6 ? 1 : 0));
    else if (r < 0.125) out.push(index * 16 + 2, index * 16 + 5);
    else if (r < 0.135) out.push(index * 16 + 3);
    else if (r < 0.8) out.push(index * 16 + 4);
  });
  return out;
}

/** Third-party patches for the device's installed titles that have a newer version. */
function softwarePatchesFor(random: Random, software: number[]): number[] {
  const out: number[] = [];
  for (const entry of software) {
    const product = softwarePatchBySoftware.get(entry >> 2);
    if (product === undefined || product < 0) continue;
    const r = random();
    if (r < 0.35) out.push(product * 16 + (random() < 0.7 ? 1 : 0));
    else if (r < 0.4) out.push(product * 16 + 2, product * 16 + 5);
    else if (r < 0.8) out.push(product * 16 + 4);
  }
  return out;
}

function antivirusFor(random: Random, platform: DevicePlatform) {
  const candidates = antivirusProducts.filter((p) => p.platform === platform);
  if (candidates.length === 0 || (platform === 'mac' && random() < 0.35)) return null;
  const product = pickWeighted(random, candidates, cumulativeWeights(candidates.map((c) => c.weight)));
  const r = random();
  return {
    productName: product.productName,
    productState: r < 0.92 ? 'ON' : r < 0.96 ? 'OFF' : r < 0.98 ? 'SNOOZED' : 'EXPIRED',
    definitionStatus: random() < 0.9 ? 'UP_TO_DATE' : 'OUT_OF_DATE',
    version: product.version,
  };
}

/** Makes one device of `kind` in `org`; used by the generator and by the control API. */
export function createDevice(
  ctx: DeviceFactoryContext,
  id: number,
  org: SimOrganization,
  kind: DeviceKind,
  seed: number,
): SimDevice {
  const { random, now } = ctx;
  const location = org.locations[random() < 0.7 ? 0 : Math.floor(random() * org.locations.length)]!;
  const person = [pick(random, firstNames), pick(random, lastNames)];
  const name = deviceName(ctx, org, kind, person);
  const systemName = kind.platform === 'windows' ? name.toUpperCase().slice(0, 15) : name.split('.')[0]!;
  const offline = random() < kind.offlineRate;
  const created = seconds(now - DAY * (30 + random() * 1500));
  const lastContact = seconds(offline ? now - 3600 - random() * 45 * DAY : now - random() * 300);
  const agent = kind.deviceType === 'AGENT';
  const windows = kind.platform === 'windows';
  let os = null;
  let hardware = null;
  if (agent) {
    const release = windows
      ? pickOs(random, kind.server ? windowsServerOs : windowsWorkstationOs)
      : kind.platform === 'mac'
        ? pickOs(random, macOs)
        : pickOs(random, linuxOs);
    os = {
      name: release.name,
      manufacturer: release.manufacturer,
      buildNumber: release.buildNumber,
      releaseId: release.releaseId,
      architecture: kind.platform === 'mac' && random() < 0.85 ? 'ARM 64-bit' : '64-bit',
      lastBootTime: seconds(Math.min(lastContact, now - 3600 - random() * 30 * DAY)),
      needsReboot: windows && random() < 0.12,
    };
    const models =
      kind.platform === 'mac'
        ? macHardware
        : kind.server
          ? random() < 0.35
            ? serverHardware.filter((h) => h.chassis === 'VIRTUAL')
            : serverHardware.filter((h) => h.chassis !== 'VIRTUAL')
          : workstationHardware;
    hardware = hardwareFor(random, models, org, kind.server);
  }
  const vmHostModel = kind.deviceType === 'VMHOST' ? pick(random, esxiHosts) : null;
  const release = vmHostModel ? pick(random, esxiReleases) : null;
  const networkFamily = networkModels[kind.nodeClass];
  const mobileModel = kind.deviceType === 'MDM' ? pick(random, mobileModels) : null;
  const host = 2 + ((id * 7) % 250);
  const software = agent ? softwareFor(random, kind.platform, kind.server) : [];
  let omitted = 0;
  if (random() < 0.08) {
    const flags = Object.values(omittable);
    for (let k = 0; k < 2; k++) omitted |= pick(random, flags);
  }
  if (!agent) omitted |= omittable.lastLoggedInUser;
  return {
    id,
    uid: uuidFrom(seed, id, 11),
    organizationId: org.id,
    locationId: location.id,
    nodeClass: kind.nodeClass,
    deviceType: kind.deviceType,
    platform: kind.platform,
    nodeRoleId: nodeRoles[kind.nodeClass]?.roleId ?? 1,
    policyId: nodeRoles[kind.nodeClass]?.policyId ?? 101,
    rolePolicyId: nodeRoles[kind.nodeClass]?.policyId ?? 101,
    approvalStatus: org.nodeApprovalMode === 'MANUAL' && random() < 0.03 ? 'PENDING' : 'APPROVED',
    offline,
    displayName:
      kind.nodeClass === 'MAC' || kind.nodeClass === 'APPLE_IOS'
        ? name.replace(/s-/, '’s ').replace(/-/g, ' ')
        : name,
    systemName,
    dnsName: `${name.toLowerCase()}${name.includes('.') ? '' : `.${org.domain}`}`,
    netbiosName: systemName,
    created,
    lastContact,
    lastUpdate: seconds(Math.min(now, lastContact + random() * 60)),
    tags: random() < 0.15 ? [pick(random, ['VIP', 'Kiosk', 'Finance', 'Lab', 'Loaner', 'Critical'])] : [],
    ipAddresses: kind.deviceType === 'UNMANAGED' ? [] : [`${location.subnet}.${host}`],
    macAddresses:
      kind.deviceType === 'UNMANAGED'
        ? []
        : [macAddress(random, pick(random, ['00:1A:2B', 'F4:8E:38', '3C:52:82', 'A4:BB:6D']))],
    publicIP: location.publicIp,
    lastLoggedInUser:
      agent && !kind.server
        ? kind.platform === 'windows'
          ? `${org.code}\\${person[0]![0]!.toLowerCase()}${person[1]!.toLowerCase()}`
          : `${person[0]!.toLowerCase()}`
        : agent
          ? kind.platform === 'windows'
            ? `${org.code}\\administrator`
            : 'root'
          : '',
    os,
    hardware,
    vmHost:
      vmHostModel && release
        ? {
            vendor: vmHostModel.vendor,
            model: vmHostModel.model,
            cpuModel: vmHostModel.cpuModel,
            cpuMhz: vmHostModel.cpuMhz,
            cpuCores: vmHostModel.cpuCores,
            cpuPackages: vmHostModel.cpuPackages,
            memoryBytes: vmHostModel.memoryGiB * 1024 ** 3,
            serviceTag: serialNumber(random, '', 7),
            releaseName: release.releaseName,
            version: release.version,
            buildNumber: release.buildNumber,
            lastBootTime: seconds(now - random() * 120 * DAY),
          }
        : null,
    mobile: mobileModel
      ? {
          manufacturer: mobileModel.manufacturer,
          model: mobileModel.model,
          os: mobileModel.os,
          build: mobileModel.build,
          serial: serialNumber(random, 'F', 12),
          phoneNumber: `+1555${String(intBetween(random, 1000000, 9999999))}`,
          carrier: pick(random, carriers),
          imei: String(intBetween(random, 350000000, 359999999)) + String(intBetween(random, 100000, 999999)),
        }
      : null,
    networkModel: networkFamily
      ? { vendor: networkFamily.vendor, model: pick(random, networkFamily.models) }
      : null,
    software,
    osPatches: windows ? osPatchesFor(random, kind.server) : [],
    softwarePatches: windows ? softwarePatchesFor(random, software) : [],
    antivirus:
      agent && !kind.server
        ? antivirusFor(random, kind.platform)
        : windows
          ? antivirusFor(random, 'windows')
          : null,
    inventoryTime: seconds(offline ? lastContact : now - random() * 6 * 3600),
    omitted,
  };
}

export interface GeneratedFleet {
  organizations: SimOrganization[];
  devices: SimDevice[];
  alerts: SimAlert[];
  /** The history, oldest first, without ids (the activity log numbers them). */
  activities: Omit<SimActivity, 'id'>[];
}

/** The alert a condition raises on a device, and its TRIGGERED activity. */
export function alertFor(
  device: SimDevice,
  kind: {
    sourceType: string;
    conditionName: string;
    sourceName: string;
    subject: string;
    message: string;
    severity: string;
    priority: string;
  },
  uid: string,
  sourceConfigUid: string,
  time: number,
): SimAlert {
  return {
    uid,
    deviceId: device.id,
    sourceType: kind.sourceType,
    sourceConfigUid,
    sourceName: kind.sourceName,
    subject: kind.subject,
    message: kind.message,
    conditionName: kind.conditionName,
    severity: kind.severity,
    priority: kind.priority,
    createTime: time,
    updateTime: time,
    data: {},
  };
}

export function alertKindsFor(device: SimDevice): (typeof alertKinds)[number][] {
  return alertKinds.filter((k) => (k.platforms as readonly string[]).includes(device.platform));
}

/**
 * The whole fleet from a seed: the same (count, seed, now) always gives the same fleet. Organization
 * sizes follow a long tail, as an MSP's clients do.
 */
export function generateFleet(options: { devices: number; seed: number; now: number }): GeneratedFleet {
  const random = seededRandom(options.seed);
  const now = options.now;
  const orgCount = Math.max(3, Math.min(500, Math.round(Math.sqrt(options.devices) * 1.5)));
  const organizations = generateOrganizations(random, orgCount);
  const orgWeights = cumulativeWeights(organizations.map((_, i) => 1 / Math.pow(i + 1, 0.8)));
  const ctx: DeviceFactoryContext = { random, now, sequence: new Map() };
  const devices: SimDevice[] = [];
  const alerts: SimAlert[] = [];
  const activities: Omit<SimActivity, 'id'>[] = [];
  for (let i = 0; i < options.devices; i++) {
    const org = pickWeighted(random, organizations, orgWeights);
    const kind = pickWeighted(random, deviceKinds, kindWeights);
    const device = createDevice(ctx, 1000 + i, org, kind, options.seed);
    devices.push(device);
    if (device.created > now - 30 * DAY) {
      activities.push(systemActivity(device, 'NODE_CREATED', device.created));
    }
    if (device.platform === 'windows' && !device.offline) {
      activities.push(patchScanActivity(device, seconds(now - random() * DAY)));
    }
    if (device.lastLoggedInUser && device.platform !== 'linux' && random() < 0.3) {
      activities.push(userLoginActivity(device, seconds(now - random() * 2 * DAY)));
    }
    const raised: SimAlert[] = [];
    if (device.offline && device.deviceType !== 'UNMANAGED' && random() < 0.4) {
      raised.push(
        alertFor(
          device,
          offlineAlert,
          uuidFrom(options.seed, device.id, 21),
          uuidFrom(options.seed, 7, 1),
          seconds(device.lastContact + 900),
        ),
      );
    }
    const kinds = alertKindsFor(device);
    if (kinds.length > 0 && random() < 0.05) {
      const kindIndex = Math.floor(random() * kinds.length);
      const alertKind = kinds[kindIndex]!;
      raised.push(
        alertFor(
          device,
          alertKind,
          uuidFrom(options.seed, device.id, 22),
          uuidFrom(options.seed, 8, alertKinds.indexOf(alertKind)),
          seconds(now - random() * 7 * DAY),
        ),
      );
    }
    for (const alert of raised) {
      alerts.push(alert);
      activities.push(conditionActivity(device, alert, 'TRIGGERED', alert.createTime));
    }
  }
  activities.sort((a, b) => a.activityTime - b.activityTime);
  return { organizations, devices, alerts, activities };
}

export function systemActivity(device: SimDevice, statusCode: string, time: number): Omit<SimActivity, 'id'> {
  const verb: Record<string, string> = {
    NODE_CREATED: 'Device added',
    NODE_UPDATED: 'Device updated',
    NODE_DELETED: 'Device deleted',
  };
  return {
    activityTime: time,
    deviceId: device.id,
    severity: 'NONE',
    priority: 'NONE',
    activityType: 'SYSTEM',
    statusCode,
    status: verb[statusCode] ?? statusCode,
    activityResult: 'SUCCESS',
    subject: device.displayName,
    message: `${verb[statusCode] ?? statusCode}: ${device.displayName}`,
    type: 'System',
    data: { message: { code: statusCode, params: { nodeName: device.displayName } } },
  };
}

export function patchScanActivity(device: SimDevice, time: number): Omit<SimActivity, 'id'> {
  return {
    activityTime: time,
    deviceId: device.id,
    severity: 'NONE',
    priority: 'NONE',
    activityType: 'PATCH_MANAGEMENT',
    statusCode: 'PATCH_MANAGEMENT_SCAN_COMPLETED',
    status: 'Patch scan completed',
    activityResult: 'SUCCESS',
    message: 'Operating system patch scan completed',
    type: 'Patch Management',
    data: {},
  };
}

export function userLoginActivity(device: SimDevice, time: number): Omit<SimActivity, 'id'> {
  return {
    activityTime: time,
    deviceId: device.id,
    severity: 'NONE',
    priority: 'NONE',
    activityType: 'SYSTEM',
    statusCode: 'USER_LOGGED_IN',
    status: 'User logged in',
    activityResult: 'SUCCESS',
    message: `${device.lastLoggedInUser} logged in`,
    type: 'System',
    data: { message: { params: { userName: device.lastLoggedInUser } } },
  };
}

/** A condition's TRIGGERED or RESET activity: same series uid as the alert. */
export function conditionActivity(
  device: SimDevice,
  alert: SimAlert,
  statusCode: 'TRIGGERED' | 'RESET',
  time: number,
): Omit<SimActivity, 'id'> {
  return {
    activityTime: time,
    deviceId: device.id,
    severity: alert.severity,
    priority: alert.priority,
    seriesUid: alert.uid,
    activityType: 'CONDITION',
    statusCode,
    status: statusCode === 'TRIGGERED' ? 'Triggered' : 'Reset',
    activityResult: 'SUCCESS',
    sourceConfigUid: alert.sourceConfigUid,
    sourceName: alert.sourceName,
    subject: alert.subject,
    message: statusCode === 'TRIGGERED' ? alert.message : `${alert.subject}: condition reset`,
    type: 'Condition',
    data: {},
  };
}
