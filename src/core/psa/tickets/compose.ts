import type { AssetDetail } from '../../../shared/contract/assets';
import type { AlertRow } from '../../../shared/contract/alerts';
import type { Severity } from '../../../shared/contract/domain';
import type {
  TicketDraft,
  TicketEdits,
  TicketPreview,
  TicketSettings,
  TicketSource,
} from '../../../shared/contract/tickets';
import { AppError, type ErrorCode } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import type { OrgClientMapRepository } from '../mapping/repository';
import type { CachedBoard, CachedPriority, CachedStatus, ReferenceDataRepository } from '../reference-data';
import type { OutboxContext } from './outbox-repository';
import { assetKeysOf } from './asset-keys';
import type { PsaDeviceAssetRepository } from '../../cache/repositories/psa-device-assets';
import { alertTicketTitle, ticketTitle, utcTime } from './alert-ticket';
import { priorityForSeverity } from './priority';
import { deviceLink } from '../../ninjaone/console-links';

/** NinjaOne nodeClass to Alga `asset_type`, as Alga's own device mapper does (§6.4). */
export function algaAssetType(nodeClass: string): string {
  if (['WINDOWS_WORKSTATION', 'MAC', 'LINUX_WORKSTATION'].includes(nodeClass)) return 'workstation';
  if (/^(WINDOWS_SERVER|LINUX_SERVER|VMWARE_VM_(HOST|GUEST)|HYPERV_VMM_(HOST|GUEST))$/.test(nodeClass))
    return 'server';
  if (nodeClass.startsWith('NMS') || nodeClass === 'CLOUD_MONITOR_TARGET') return 'network_device';
  return 'unknown';
}

function conditionOf(alert: AlertRow): string {
  return alert.conditionName ?? alert.sourceName ?? alert.subject ?? alert.sourceType ?? 'Alert';
}

export function alertTitle(alert: AlertRow): string {
  return alertTicketTitle(conditionOf(alert), alert.deviceName);
}

export function deviceTitle(device: AssetDetail): string {
  return ticketTitle(`[NinjaOne] ${device.name}`);
}

/** The plain-text description stored in `attributes.description`. */
export function describe(device: AssetDetail, alert: AlertRow | null, ninjaOneUrl: string): string {
  const lines: string[] = [];
  if (alert) {
    lines.push(`NinjaOne alert on ${device.name}`, '');
    lines.push(`Severity: ${alert.severity}`);
    lines.push(`Condition: ${conditionOf(alert)}`);
    lines.push(`Message: ${alert.message ?? alert.subject ?? '(none)'}`);
    lines.push(`Triggered: ${utcTime(alert.createdAt)}`);
  } else {
    lines.push(`Ticket for NinjaOne device ${device.name}`, '');
  }
  lines.push(`Device: ${device.name}`);
  lines.push(`Organization: ${device.organizationName ?? '(none)'}`);
  lines.push(`OS: ${device.osName ?? 'unknown'}`);
  const ips = [...device.ipAddresses, ...(device.publicIp ? [`${device.publicIp} (public)`] : [])];
  lines.push(`IP addresses: ${ips.length ? ips.join(', ') : 'unknown'}`);
  lines.push(`Last user: ${device.lastUser ?? 'unknown'}`);
  lines.push(`NinjaOne: ${deviceLink(ninjaOneUrl, device.id)}`);
  lines.push(
    '',
    alert
      ? `Created by the Alga Technician Console from NinjaOne alert ${alert.uid}.`
      : 'Created by the Alga Technician Console.',
  );
  return lines.join('\n');
}

/** The status a new ticket on `board` opens with: the setting, else the board's default open one, else the first open. */
export function openingStatus(
  board: CachedBoard,
  statuses: readonly CachedStatus[],
  settings: TicketSettings,
): CachedStatus | null {
  const own = statuses.filter((s) => s.boardId === board.id);
  const configured = own.find((s) => s.id === settings.statusByBoard[board.id]);
  if (configured) return configured;
  return own.find((s) => s.isDefault && !s.isClosed) ?? own.find((s) => !s.isClosed) ?? null;
}

function findBoard(reference: ReferenceDataRepository, id: string): CachedBoard {
  const board = reference.board(id);
  if (!board) {
    throw new AppError(
      'invalid_input',
      `Board ${id} is not in the Alga PSA reference data. Refresh it and pick the board again.`,
    );
  }
  return board;
}

function findPriority(reference: ReferenceDataRepository, id: string): CachedPriority {
  const priority = reference.priorities().find((p) => p.id === id);
  if (!priority) {
    throw new AppError(
      'invalid_input',
      `Priority ${id} is not in the Alga PSA reference data. Refresh it and pick the priority again.`,
    );
  }
  return priority;
}

/** A queued ticket's draft with a technician's edits; a new board brings its opening status. */
export function applyEdits(
  draft: TicketDraft,
  edits: TicketEdits,
  reference: ReferenceDataRepository,
  settings: TicketSettings,
): TicketDraft {
  const next = { ...draft };
  if (edits.title !== undefined) next.title = edits.title;
  if (edits.description !== undefined) next.description = edits.description;
  if (edits.priorityId !== undefined) next.priorityId = findPriority(reference, edits.priorityId).id;
  if (edits.boardId !== undefined) {
    const board = findBoard(reference, edits.boardId);
    const status = openingStatus(board, reference.statuses(board.id), settings);
    if (!status)
      throw new AppError(
        'invalid_input',
        `Board "${board.name}" has no open status in Alga PSA. Pick another board.`,
      );
    next.boardId = board.id;
    next.statusId = status.id;
  }
  return next;
}

export interface Composed {
  preview: TicketPreview;
  context: OutboxContext;
}

/**
 * Builds the ticket for an alert or a device from the cache alone (so it works offline): mapping,
 * reference data and settings give the ids, the device and alert give title and description.
 */
export class TicketComposer {
  constructor(
    private readonly cache: Cache,
    private readonly reference: ReferenceDataRepository,
    private readonly mapping: OrgClientMapRepository,
    private readonly assets: PsaDeviceAssetRepository,
  ) {}

  compose(source: TicketSource, edits: TicketEdits | undefined, settings: TicketSettings): Composed {
    const alert = source.kind === 'alert' ? this.cache.alerts.get(source.alertUid) : null;
    const device = this.cache.devices.get(alert ? alert.deviceId : (source as { deviceId: number }).deviceId);
    const problems: { code: ErrorCode; message: string }[] = [];
    const severity: Severity = alert?.severity ?? 'NONE';

    const boards = this.reference.boards();
    const statuses = this.reference.statuses();
    const priorities = this.reference.priorities();
    if (!boards.length || !priorities.length) {
      problems.push({
        code: 'not_configured',
        message:
          'No Alga PSA reference data yet: connect the PSA (Settings → Alga PSA) so boards and priorities are known.',
      });
    }

    let board: CachedBoard | null = null;
    if (edits?.boardId) board = findBoard(this.reference, edits.boardId);
    else {
      const active = boards.filter((b) => !b.inactive);
      board =
        active.find((b) => b.id === settings.boardId) ?? active.find((b) => b.isDefault) ?? active[0] ?? null;
    }
    const status = board ? openingStatus(board, statuses, settings) : null;
    if (board && !status) {
      problems.push({
        code: 'not_configured',
        message: `Board "${board.name}" has no open status in Alga PSA. Pick another board.`,
      });
    }

    const priority = edits?.priorityId
      ? findPriority(this.reference, edits.priorityId)
      : priorityForSeverity(severity, priorities, settings.priorityBySeverity);
    if (!priority && priorities.length) {
      problems.push({
        code: 'not_configured',
        message: `No Alga priority matches severity ${severity}. Choose a priority here, or set one per severity in Settings → Tickets.`,
      });
    }

    const client = device.organizationId === null ? null : this.mapping.clientOf(device.organizationId);
    if (!client) {
      const suggestion =
        device.organizationId === null ? null : this.mapping.get(device.organizationId).suggestion;
      problems.push({
        code: 'unmapped_organization',
        message: `Organization "${device.organizationName ?? 'none'}" of ${device.name} is not mapped to an Alga PSA client. ${
          suggestion ? `Confirm the suggested client "${suggestion.name}"` : 'Choose its client'
        } in Settings → PSA mapping, then create the ticket again.`,
      });
    }

    const condition = alert ? conditionOf(alert) : null;
    const preview: TicketPreview = {
      source,
      draft: {
        title: edits?.title ?? (alert ? alertTitle(alert) : deviceTitle(device)),
        description: edits?.description ?? describe(device, alert, settings.ninjaOneUrl),
        boardId: board?.id ?? null,
        statusId: status?.id ?? null,
        priorityId: priority?.id ?? null,
        clientId: client?.clientId ?? null,
      },
      names: {
        board: board?.name ?? null,
        status: status?.name ?? null,
        priority: priority?.name ?? null,
        client: client?.clientName ?? null,
      },
      device: {
        id: device.id,
        name: device.name,
        organizationId: device.organizationId,
        organizationName: device.organizationName,
      },
      alert: alert ? { uid: alert.uid, severity: alert.severity, condition: condition! } : null,
      assetLink: settings.assetLink,
      problems,
      existing: null,
    };
    const context: OutboxContext = {
      deviceId: device.id,
      deviceName: device.name,
      organizationId: device.organizationId,
      organizationName: device.organizationName,
      serial: device.serial,
      assetKeys: assetKeysOf(
        this.assets.serials(device.id) ?? {
          serial: device.serial,
          system: null,
          bios: null,
          detailKnown: false,
        },
      ),
      nodeClass: device.nodeClass,
      alertUid: alert?.uid ?? null,
      severity: alert?.severity ?? null,
      condition,
    };
    return { preview, context };
  }
}
