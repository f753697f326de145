import type { AssetRow, PsaStore, TicketRow } from './store';

/**
 * What Alga's own NinjaOne integration writes into a tenant, so tests and the demo can meet the
 * console with the assets and tickets a real Alga holds: its device sync (`mapDeviceToAssetBase` and
 * `createNewAsset`, §6.4 of the reference) and its alert pipeline (`ticketCreator`, §6.7).
 */

/** The parts of a NinjaOne device (`/v2/device/{id}` or `/v2/devices-detailed`) Alga's mapper reads. */
export interface NinjaDeviceForSync {
  id: number;
  organizationId?: number | null;
  displayName?: string | null;
  systemName?: string | null;
  nodeClass?: string | null;
  approvalStatus?: string | null;
  offline?: boolean | null;
  /** Epoch seconds, as NinjaOne sends it. */
  lastContact?: number | null;
  system?: { serialNumber?: string | null; biosSerialNumber?: string | null } | null;
  references?: { location?: { name?: string | null } | null } | null;
}

/** `mapNodeClassToAssetType`. */
export function algaAssetTypeOf(nodeClass: string | null | undefined): string {
  switch (nodeClass) {
    case 'WINDOWS_WORKSTATION':
    case 'MAC':
    case 'LINUX_WORKSTATION':
      return 'workstation';
    case 'WINDOWS_SERVER':
    case 'LINUX_SERVER':
    case 'VMWARE_VM_HOST':
    case 'VMWARE_VM_GUEST':
    case 'HYPERV_VMM_HOST':
    case 'HYPERV_VMM_GUEST':
      return 'server';
    case 'NMS':
    case 'CLOUD_MONITOR_TARGET':
      return 'network_device';
    default:
      return 'unknown';
  }
}

/** `generateAssetTag`: the system serial when there is one, else the device id. */
export function algaAssetTag(device: NinjaDeviceForSync): string {
  const serial = device.system?.serialNumber;
  return serial ? `NINJA-${serial}` : `NINJA-${device.id}`;
}

/**
 * The asset Alga's sync creates for a device of an organization mapped to `clientId`: its tag, its
 * serial (the BIOS one when the system has none; empty, not null, when neither), and the RMM columns
 * the public API can read but never write.
 */
export function mirrorNinjaDevice(store: PsaStore, device: NinjaDeviceForSync, clientId: string): AssetRow {
  const lastSeen =
    typeof device.lastContact === 'number' ? new Date(device.lastContact * 1000).toISOString() : null;
  return store.createAsset({
    client_id: clientId,
    asset_type: algaAssetTypeOf(device.nodeClass),
    asset_tag: algaAssetTag(device),
    name: device.displayName || device.systemName || `Device-${device.id}`,
    status: device.approvalStatus === 'APPROVED' ? 'active' : 'pending',
    location: device.references?.location?.name ?? '',
    serial_number: device.system?.serialNumber || device.system?.biosSerialNumber || '',
    rmm: {
      device_id: String(device.id),
      organization_id: device.organizationId == null ? null : String(device.organizationId),
      agent_status: device.offline ? 'offline' : 'online',
      last_seen_at: lastSeen,
    },
  });
}

/**
 * A ticket as Alga's alert pipeline opens it for an alert on the asset's device: its title scheme,
 * `source='ninjaone'`, the board's default status, the priority named for the severity, and the asset
 * linked as `related`.
 */
export function algaAlertTicket(
  store: PsaStore,
  input: { assetId: string; condition: string; severity: 'critical' | 'major' | 'moderate' | 'minor' },
): TicketRow {
  const asset = store.assets.get(input.assetId);
  if (!asset) throw new Error(`no asset ${input.assetId}`);
  const board = [...store.boards.values()].find((b) => b.is_default && !b.is_inactive);
  if (!board) throw new Error('the tenant has no default board');
  const status = store.statusesOfBoard(board.board_id).find((s) => s.is_default && !s.is_closed);
  const wanted = {
    critical: ['urgent', 'critical'],
    major: ['high'],
    moderate: ['medium', 'normal'],
    minor: ['low'],
  }[input.severity];
  const priorities = [...store.priorities.values()].sort((a, b) => a.order_number - b.order_number);
  const priority =
    wanted.map((w) => priorities.find((p) => p.priority_name.toLowerCase() === w)).find(Boolean) ??
    priorities[0]!;
  const ticket = store.createTicket({
    title: `[NinjaOne Alert] ${input.condition} on ${asset.name}`,
    board_id: board.board_id,
    client_id: asset.client_id,
    status_id: status!.status_id,
    priority_id: priority.priority_id,
    attributes: { description: `${input.condition} on ${asset.name} (NinjaOne)` },
  });
  ticket.source = 'ninjaone';
  ticket.ticket_origin = 'ninjaone';
  store.linkAsset(ticket.ticket_id, asset.asset_id, 'related', null);
  return ticket;
}

const conditions: { condition: string; severity: 'critical' | 'major' | 'moderate' | 'minor' }[] = [
  { condition: 'Disk free space below 10%', severity: 'critical' },
  { condition: 'CPU above 95% for 15 minutes', severity: 'major' },
  { condition: 'Windows service stopped', severity: 'moderate' },
  { condition: 'Pending reboot for 7 days', severity: 'minor' },
];

/**
 * A tenant where Alga's NinjaOne integration has run: every device of an organization mapped to a
 * client has its asset, and every `ticketEvery`-th device (by id) one or two open tickets from Alga's
 * alert pipeline. Answers the counts.
 */
export function mirrorNinjaOneFleet(
  store: PsaStore,
  devices: readonly NinjaDeviceForSync[],
  clientOfOrganization: (organizationId: number | null | undefined) => string | null,
  ticketEvery = 9,
): { assets: number; tickets: number } {
  let assets = 0;
  let tickets = 0;
  for (const device of devices) {
    const clientId = clientOfOrganization(device.organizationId);
    if (!clientId) continue;
    const asset = mirrorNinjaDevice(store, device, clientId);
    assets++;
    if (device.id % ticketEvery !== 0) continue;
    for (let i = 0; i <= (device.id / ticketEvery) % 2; i++) {
      algaAlertTicket(store, {
        assetId: asset.asset_id,
        ...conditions[(device.id + i) % conditions.length]!,
      });
      tickets++;
    }
  }
  return { assets, tickets };
}
