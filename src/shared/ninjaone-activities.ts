/**
 * What a NinjaOne activity means for the console's copy of a device: which parts of it the activity
 * may have changed (and so must be read again), and which it cannot have. The incremental sync reads
 * again only what the activities since its checkpoint invalidate, and the relay client does the same
 * for each webhook, so a login or a script run costs nothing and a software change costs one request.
 *
 * Built from the activity types and status codes of NinjaOne's OpenAPI document (GET /v2/activities,
 * `activityType` and `statusCode` enums). A code missing from the tables below (NinjaOne adds codes)
 * invalidates the device record only: the cheapest read that still follows a change we cannot name.
 */

/** Parts of the cache an activity can make stale. */
export const invalidations = [
  /** The device record (`/v2/devices-detailed`): name, organization, hardware, OS, status; also deletion. */
  'device',
  'software',
  'osPatches',
  'softwarePatches',
  'antivirus',
  /** The active alerts (`/v2/alerts`). */
  'alerts',
  /** Organizations and their locations. */
  'organizations',
] as const;
export type Invalidation = (typeof invalidations)[number];

/** The inventory families: what `/v2/queries/*` reads per device. */
export const inventoryInvalidations = ['software', 'osPatches', 'softwarePatches', 'antivirus'] as const;
export type InventoryInvalidation = (typeof inventoryInvalidations)[number];

const nothing: readonly Invalidation[] = [];
const everything: readonly Invalidation[] = [
  'device',
  'software',
  'osPatches',
  'softwarePatches',
  'antivirus',
];
const device: readonly Invalidation[] = ['device'];

/** `SYSTEM` codes that change the device record (lifecycle, hardware, disks, encryption, reboots). */
const deviceRecordCodes = new Set([
  'NODE_UPDATED',
  'NODE_DELETED',
  'NODE_ACCESS_GRANTED',
  'NODE_ACCESS_DENIED',
  'NODE_REGISTRATION_REJECTED',
  'NODE_IDENTIFICATION_UPDATED',
  'NODE_CLONING_DETECTED',
  'NODE_CLONE_ADVISED_TO_REGISTER',
  'NODE_MANUALLY_APPROVED',
  'NODE_AUTOMATICALLY_APPROVED',
  'NODE_MANUALLY_REJECTED',
  'NODE_AUTOMATICALLY_REJECTED',
  'REJECTED_NODE_CLEARED',
  'REJECTED_NODE_DELETED',
  'MOBILE_DEVICE_UNREGISTERED',
  'SYSTEM_REBOOTED',
  'CPU_ADDED',
  'CPU_REMOVED',
  'MEMORY_ADDED',
  'MEMORY_REMOVED',
  'DISK_DRIVE_ADDED',
  'DISK_DRIVE_REMOVED',
  'DISK_PARTITION_ADDED',
  'DISK_PARTITION_REMOVED',
  'DISK_VOLUME_ADDED',
  'DISK_VOLUME_REMOVED',
  'ADAPTER_ADDED',
  'ADAPTER_REMOVED',
  'ADAPTER_CONFIG_CHANGED',
  'ADAPTER_STATUS_CHANGED',
  'RAID_CONTROLLER_ADDED',
  'RAID_CONTROLLER_REMOVED',
  'RAID_PHYSICAL_DRIVE_ADDED',
  'RAID_PHYSICAL_DRIVE_REMOVED',
  'RAID_LOGICAL_DISK_ADDED',
  'RAID_LOGICAL_DISK_REMOVED',
  'BITLOCKER_ENABLED',
  'BITLOCKER_DISABLED',
  'FILEVAULT_ENABLED',
  'FILEVAULT_DISABLED',
  'TRUSTED_PLATFORM_MODULE_ENABLED',
  'TRUSTED_PLATFORM_MODULE_DISABLED',
  'TRUSTED_PLATFORM_MODULE_INSTALLED',
  'TRUSTED_PLATFORM_MODULE_UNINSTALLED',
]);

/** `SYSTEM` codes that are the device's everyday life and change nothing the console keeps. */
const systemNoise = new Set([
  'USER_LOGGED_IN',
  'USER_LOGGED_OUT',
  'USER_ACCOUNT_ADDED',
  'USER_ACCOUNT_REMOVED',
  'PORT_OPENED',
  'PORT_CLOSED',
  'WINDOWS_SERVICE_STARTED',
  'WINDOWS_SERVICE_STOPPED',
  'MAC_DAEMON_STARTED',
  'MAC_DAEMON_STOPPED',
  'PROCESS_STARTED',
  'PROCESS_STOPPED',
  'CREDENTIALS_CHANGED',
]);

/** Patch activity that changes a device's patch list: installs, failures, approvals, rollbacks. */
const patchChange =
  /^(SOFTWARE_)?PATCH_MANAGEMENT_(INSTALLED|INSTALL_FAILED|APPLY_PATCH_COMPLETED|FAILURE|PATCH_APPROVED|PATCH_REJECTED|ROLLBACK_PATCH_COMPLETED)$/;

/** Antivirus products and what of theirs changes the product state the AV query reports. */
const antivirusProducts =
  /^(VIPREAV|WEBROOT|BITDEFENDER|BDAS_BITDEFENDER|GRAVITYZONE|SENTINEL_ONE|CROWDSTRIKE)_/;
const antivirusStateChange =
  /_(INSTALLED|UNINSTALLED|INSTALLATION_SUCCEEDED|UNINSTALLATION_SUCCEEDED|ENABLED|DISABLED|UPGRADED|AGENT_UPGRADE_SUCCEEDED|DEVICE_MANAGED|DEVICE_UNMANAGED|RETRY_INSTALL_COMPLETED|EXISTING_PRODUCT_UNINSTALL)$/;

/** Activity types that never touch what the console keeps of a device (jobs, remote sessions, docs...). */
const quietTypes = new Set([
  'ACTIONSET',
  'ACTION',
  'SCRIPTING',
  'SCHEDULED_TASK',
  'TEAMVIEWER',
  'SPLASHTOP',
  'RDP',
  'REMOTE_TOOLS',
  'NINJA_REMOTE',
  'NINJA_QUICK_CONNECT',
  'COMMENT',
  'HELP_REQUEST',
  'SHADOWPROTECT',
  'IMAGEMANAGER',
  'CLOUDBERRY',
  'CLOUDBERRY_BACKUP',
  'NINJA_BACKUP',
  'NINJA_TICKETING',
  'PSA',
  'KNOWLEDGE_BASE',
  'RELATED_ITEM',
  'CLIENT_CHECKLIST',
  'CHECKLIST_TEMPLATE',
  'DOCUMENTATION',
  'MONITOR',
  'MDM',
  'VIRTUALIZATION',
  'NINJA_NETWORK_DISCOVERY',
  'MICROSOFT_INTUNE',
  'DYNAMIC_POLICY',
]);

/** What one activity makes stale. */
export function invalidatedBy(
  activityType: string | null | undefined,
  statusCode: string | null | undefined,
): readonly Invalidation[] {
  const type = activityType ?? '';
  const code = statusCode ?? '';
  if (/^CONDITION/.test(type)) return ['alerts'];
  if (type === 'PATCH_MANAGEMENT' || type === 'SOFTWARE_PATCH_MANAGEMENT') {
    if (!patchChange.test(code)) return nothing;
    return [code.startsWith('SOFTWARE_') ? 'softwarePatches' : 'osPatches'];
  }
  if (antivirusProducts.test(code)) return antivirusStateChange.test(code) ? ['antivirus'] : nothing;
  if (type === 'ANTIVIRUS' || type === 'SECURITY') return nothing;
  if (quietTypes.has(type)) return nothing;
  // Organizations are "CLIENT" in NinjaOne's codes; their documents and checklists are not organizations.
  if (/^(CLIENT|LOCATION)_(CREATED|UPDATED|DELETED)$/.test(code)) return ['organizations'];
  if (code === 'NODE_CREATED' || code === 'NODE_RE_ENROLLED') return everything;
  if (code === 'SOFTWARE_ADDED' || code === 'SOFTWARE_REMOVED' || code === 'SOFTWARE_UPDATED')
    return ['software'];
  if (code === 'SOFTWARE_OS_UPDATED') return ['device', 'osPatches'];
  if (deviceRecordCodes.has(code)) return device;
  if (systemNoise.has(code)) return nothing;
  if (type === 'SYSTEM' && !code.startsWith('NODE_')) return nothing;
  return device;
}

/**
 * The webhook subscription consoles register with NinjaOne (activity type to status codes, `*` for
 * all): what the seed plan's defaults name (device lifecycle, conditions, reboots, logins, hardware,
 * software, patches) and every code the table above reads something for, so a change reaches the
 * console within seconds instead of at the next poll.
 */
export const webhookSubscription: Readonly<Record<string, readonly string[]>> = {
  CONDITION: ['TRIGGERED', 'RESET', 'ACKNOWLEDGED'],
  CONDITION_ACTIONSET: ['TRIGGERED', 'RESET', 'ACKNOWLEDGED'],
  CONDITION_ACTION: ['TRIGGERED', 'RESET', 'ACKNOWLEDGED'],
  SYSTEM: [
    'NODE_CREATED',
    'NODE_RE_ENROLLED',
    ...deviceRecordCodes,
    'USER_LOGGED_IN',
    'USER_LOGGED_OUT',
    'SOFTWARE_ADDED',
    'SOFTWARE_REMOVED',
    'SOFTWARE_UPDATED',
    'SOFTWARE_OS_UPDATED',
    'CLIENT_CREATED',
    'CLIENT_UPDATED',
    'CLIENT_DELETED',
    'LOCATION_CREATED',
    'LOCATION_UPDATED',
    'LOCATION_DELETED',
  ],
  PATCH_MANAGEMENT: ['*'],
  SOFTWARE_PATCH_MANAGEMENT: ['*'],
  ANTIVIRUS: ['*'],
  SECURITY: ['*'],
};
