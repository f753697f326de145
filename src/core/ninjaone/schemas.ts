import { z } from 'zod';

/**
 * NinjaOne records as the console reads them. Tolerant by design: unknown fields pass through
 * (`looseObject`), every field the spec does not make essential is optional and may be null, and
 * enumerations are plain strings (new node classes or status codes must not break a sync). What is
 * checked is the type of what is there: a record whose `offline` is a string is quarantined, not guessed.
 */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();
const int = z.number().int();
const num = z.number();
const str = z.string();
const bool = z.boolean();
const dict = z.record(z.string(), z.unknown());

export const organizationSchema = z.looseObject({
  id: int,
  name: str,
  description: opt(str),
  nodeApprovalMode: opt(str),
  userData: opt(dict),
});
export type NinjaOrganization = z.infer<typeof organizationSchema>;

export const locationSchema = z.looseObject({
  id: int,
  name: str,
  address: opt(str),
  description: opt(str),
  organizationId: opt(int),
  userData: opt(dict),
});
export type NinjaLocation = z.infer<typeof locationSchema>;

const productSettings = opt(
  z.looseObject({ product: opt(str), enabled: opt(bool), targets: opt(z.array(str)), options: opt(dict) }),
);

export const organizationDetailedSchema = organizationSchema.extend({
  locations: opt(z.array(locationSchema)),
  policies: opt(z.array(z.looseObject({ nodeRoleId: opt(int), policyId: opt(int) }))),
  settings: opt(
    z.looseObject({
      trayicon: productSettings,
      splashtop: productSettings,
      teamviewer: productSettings,
      backup: productSettings,
      psa: productSettings,
    }),
  ),
});
export type NinjaOrganizationDetailed = z.infer<typeof organizationDetailedSchema>;

/**
 * What the status sweep reads of `/v2/devices`: online or not, when the agent last checked in, when
 * the record last changed.
 */
export const deviceStatusSchema = z.looseObject({
  id: int,
  offline: opt(bool),
  lastContact: opt(num),
  lastUpdate: opt(num),
});
export type NinjaDeviceStatus = z.infer<typeof deviceStatusSchema>;

const maintenance = z.looseObject({
  status: opt(str),
  start: opt(num),
  end: opt(num),
  reasonMessage: opt(str),
});

/** The basic node (`/v2/devices`, alerts' `device`, webhook `device`). */
export const deviceSchema = z.looseObject({
  id: int,
  uid: opt(str),
  assignedOwnerUid: opt(str),
  parentDeviceId: opt(int),
  organizationId: opt(int),
  locationId: opt(int),
  nodeClass: opt(str),
  nodeRoleId: opt(int),
  rolePolicyId: opt(int),
  policyId: opt(int),
  approvalStatus: opt(str),
  offline: opt(bool),
  displayName: opt(str),
  systemName: opt(str),
  dnsName: opt(str),
  netbiosName: opt(str),
  created: opt(num),
  lastContact: opt(num),
  lastUpdate: opt(num),
  userData: opt(dict),
  tags: opt(z.array(str)),
  maintenance: opt(maintenance),
  references: opt(
    z.looseObject({
      organization: opt(organizationSchema.partial({ id: true, name: true })),
      location: opt(locationSchema.partial({ id: true, name: true })),
      warranty: opt(
        z.looseObject({ startDate: opt(num), endDate: opt(num), manufacturerFulfillmentDate: opt(num) }),
      ),
    }),
  ),
});
export type NinjaDevice = z.infer<typeof deviceSchema>;

const volume = z.looseObject({
  name: opt(str),
  driveLetter: opt(str),
  label: opt(str),
  deviceType: opt(str),
  fileSystem: opt(str),
  capacity: opt(num),
  freeSpace: opt(num),
  serialNumber: opt(str),
  bitLockerStatus: opt(dict),
});

/**
 * `/v2/devices-detailed` and `/v2/device/{id}`: the node plus what its `deviceType` reports (agents:
 * os, system, memory, processors, volumes; VM hosts: cpu and release fields; MDM: system, network).
 */
export const deviceDetailedSchema = deviceSchema.extend({
  ipAddresses: opt(z.array(str)),
  macAddresses: opt(z.array(str)),
  publicIP: opt(str),
  notes: opt(z.array(z.looseObject({ text: opt(str) }))),
  deviceType: opt(str),
  os: opt(
    z.looseObject({
      manufacturer: opt(str),
      name: opt(str),
      architecture: opt(str),
      lastBootTime: opt(num),
      buildNumber: opt(str),
      releaseId: opt(str),
      locale: opt(str),
      language: opt(str),
      needsReboot: opt(bool),
    }),
  ),
  system: opt(
    z.looseObject({
      name: opt(str),
      displayName: opt(str),
      manufacturer: opt(str),
      model: opt(str),
      serialNumber: opt(str),
      biosSerialNumber: opt(str),
      assetSerialNumber: opt(str),
      domain: opt(str),
      domainRole: opt(str),
      numberOfProcessors: opt(int),
      totalPhysicalMemory: opt(num),
      virtualMachine: opt(bool),
      chassisType: opt(str),
      build: opt(str),
    }),
  ),
  memory: opt(z.looseObject({ capacity: opt(num) })),
  processors: opt(
    z.array(
      z.looseObject({
        architecture: opt(str),
        maxClockSpeed: opt(num),
        clockSpeed: opt(num),
        name: opt(str),
        numCores: opt(int),
        numLogicalCores: opt(int),
      }),
    ),
  ),
  volumes: opt(z.array(volume)),
  lastLoggedInUser: opt(str),
  network: opt(z.array(dict)),
  // VM hosts
  cpuMhz: opt(num),
  cpuModel: opt(str),
  cpuCores: opt(int),
  cpuPackages: opt(int),
  cpuThreads: opt(int),
  memorySize: opt(num),
  model: opt(str),
  vendor: opt(str),
  serviceTag: opt(str),
  releaseName: opt(str),
  version: opt(str),
  buildNumber: opt(str),
  lastBootTime: opt(num),
});
export type NinjaDeviceDetailed = z.infer<typeof deviceDetailedSchema>;

export const alertSchema = z.looseObject({
  uid: str,
  deviceId: opt(int),
  message: opt(str),
  createTime: opt(num),
  updateTime: opt(num),
  sourceType: opt(str),
  sourceConfigUid: opt(str),
  sourceName: opt(str),
  subject: opt(str),
  userId: opt(int),
  psaTicketId: opt(z.unknown()),
  ticketTemplateId: opt(int),
  data: opt(dict),
  device: opt(deviceSchema),
  priority: opt(str),
  severity: opt(str),
  conditionName: opt(str),
  conditionHealthStatus: opt(str),
  useGlobalHealthStatus: opt(bool),
});
export type NinjaAlert = z.infer<typeof alertSchema>;

export const activitySchema = z.looseObject({
  id: int,
  activityTime: num,
  deviceId: opt(int),
  severity: opt(str),
  priority: opt(str),
  seriesUid: opt(str),
  activityType: opt(str),
  statusCode: opt(str),
  status: opt(str),
  activityResult: opt(str),
  sourceConfigUid: opt(str),
  sourceName: opt(str),
  subject: opt(str),
  userId: opt(int),
  message: opt(str),
  type: opt(str),
  data: opt(z.unknown()),
});
export type NinjaActivity = z.infer<typeof activitySchema>;

export const activityEnvelopeSchema = z.looseObject({
  lastActivityId: opt(int),
  lastNodeActivityId: opt(int),
  activities: opt(z.array(z.unknown())),
});

export const queryEnvelopeSchema = z.looseObject({
  cursor: opt(z.looseObject({ name: opt(str), offset: opt(int), count: opt(int), expires: opt(num) })),
  results: opt(z.array(z.unknown())),
});

export const dashboardUrlSchema = z.looseObject({ url: str, expires: opt(num) });
export type NinjaDashboardUrl = z.infer<typeof dashboardUrlSchema>;

export const softwareSchema = z.looseObject({
  name: str,
  publisher: opt(str),
  version: opt(str),
  installDate: opt(str),
  location: opt(str),
  size: opt(num),
  productCode: opt(str),
  isSystemComponent: opt(bool),
});
export type NinjaSoftware = z.infer<typeof softwareSchema>;

const osPatchSchema = z.looseObject({
  id: str,
  name: opt(str),
  severity: opt(str),
  status: opt(str),
  type: opt(str),
  installedAt: opt(num),
  kbNumber: opt(str),
});

const softwarePatchSchema = z.looseObject({
  id: str,
  productIdentifier: opt(str),
  title: opt(str),
  impact: opt(str),
  status: opt(str),
  type: opt(str),
  installedAt: opt(num),
});

/** Query rows carry the device and when the agent collected them. */
const row = { deviceId: int, timestamp: opt(num) };
export const softwareRowSchema = softwareSchema.extend(row);
export type NinjaSoftwareRow = z.infer<typeof softwareRowSchema>;
export const osPatchRowSchema = osPatchSchema.extend(row);
export type NinjaOsPatchRow = z.infer<typeof osPatchRowSchema>;
export const softwarePatchRowSchema = softwarePatchSchema.extend(row);
export type NinjaSoftwarePatchRow = z.infer<typeof softwarePatchRowSchema>;

export const antivirusRowSchema = z.looseObject({
  ...row,
  productName: opt(str),
  productState: opt(str),
  definitionStatus: opt(str),
  version: opt(str),
});
export type NinjaAntivirusRow = z.infer<typeof antivirusRowSchema>;

export const deviceHealthRowSchema = z.looseObject({
  deviceId: int,
  healthStatus: opt(str),
  offline: opt(bool),
  alertCount: opt(int),
  activeThreatsCount: opt(int),
  quarantinedThreatsCount: opt(int),
  blockedThreatsCount: opt(int),
  failedOSPatchesCount: opt(int),
  pendingOSPatchesCount: opt(int),
  failedSoftwarePatchesCount: opt(int),
  pendingSoftwarePatchesCount: opt(int),
  activeJobCount: opt(int),
  pendingRebootReason: opt(str),
  avInstallStatus: opt(str),
  productsInstallationStatuses: opt(dict),
  parentDeviceId: opt(int),
  parentOffline: opt(bool),
  criticalVulnerabilityCount: opt(int),
  highVulnerabilityCount: opt(int),
  mediumVulnerabilityCount: opt(int),
  lowVulnerabilityCount: opt(int),
  installationIssuesCount: opt(int),
});
export type NinjaDeviceHealthRow = z.infer<typeof deviceHealthRowSchema>;

/** `PUT /v2/webhook` body. */
export const webhookConfigurationSchema = z.object({
  url: z.string().url(),
  activities: z.record(z.string(), z.array(z.string())).optional(),
  expand: z.array(z.string()).optional(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  organizationIds: z.array(z.number().int()).optional(),
});
export type NinjaWebhookConfiguration = z.infer<typeof webhookConfigurationSchema>;
