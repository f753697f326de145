import type { DevicePsaTickets, TicketRelations } from '../../../shared/contract/psa-tickets';
import { AppError, isAppError } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import type { PsaDeviceAssetRepository } from '../../cache/repositories/psa-device-assets';
import type {
  CachedDeviceTicket,
  PsaDeviceTicketRepository,
} from '../../cache/repositories/psa-device-tickets';
import type { Logger } from '../../../node/logger';
import type { PsaClient } from '../client';
import type { PsaConnection } from '../connection';
import { psaFailure } from '../errors';
import type { OrgClientMapRepository } from '../mapping/repository';
import type { AssetTicketRow } from '../schemas';
import type { Timing } from '../../time/clock';
import { psaTicketUrl } from './alert-ticket';
import { assetKeysOf } from './asset-keys';
import { linkNeedsLookup, lookUpDeviceAsset } from './asset-link';

/** A device opened again this soon after a read shows the cache (Alga allows 60 requests a minute). */
const REREAD_AFTER_MS = 30_000;
/** A lookup that found no asset is repeated after this (Alga's own sync may have made one since). */
const NONE_RECHECK_MS = 10 * 60_000;
/** Alga answers an empty list for an asset that does not exist: an empty answer older links verify. */
const VERIFY_EMPTY_AFTER_MS = 3_600_000;

function epoch(iso: string | null | undefined): number | null {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

function cached(row: AssetTicketRow): CachedDeviceTicket {
  return {
    ticketId: row.ticket_id,
    number: row.ticket_number ?? null,
    title: row.title ?? row.ticket_number ?? row.ticket_id,
    statusName: row.status_name ?? null,
    isClosed: row.is_closed === true,
    priorityId: row.priority_id ?? null,
    enteredAt: epoch(row.entered_at),
    updatedAt: epoch(row.updated_at),
  };
}

export interface DeviceTicketDeps {
  cache: Cache;
  connection: PsaConnection;
  mapping: OrgClientMapRepository;
  assets: PsaDeviceAssetRepository;
  tickets: PsaDeviceTicketRepository;
  timing: Timing;
  logger: Logger;
  /** The device's cached tickets or asset link changed. */
  changed(deviceId: number): void;
}

/**
 * A device's open tickets in Alga PSA, read through its asset (`GET /assets/{id}/tickets`) when its
 * detail opens and the PSA answers, and served from the cache with their age when it does not.
 */
export class DeviceTicketService {
  /** The last refresh's failure per device, shown with the cached list until a refresh succeeds. */
  private readonly errors = new Map<number, DevicePsaTickets['error']>();
  private readonly inflight = new Map<number, Promise<DevicePsaTickets>>();

  constructor(private readonly deps: DeviceTicketDeps) {}

  view(deviceId: number): DevicePsaTickets {
    const { assets, tickets, connection } = this.deps;
    const link = assets.get(deviceId);
    return {
      deviceId,
      connected: connection.settings() !== null,
      asset: link
        ? { id: link.assetId, tag: link.assetTag, matchedBy: link.matchedBy, checkedAt: link.checkedAt }
        : null,
      readAt: link?.ticketsReadAt ?? null,
      tickets: tickets.forDevice(deviceId),
      error: this.errors.get(deviceId) ?? null,
    };
  }

  /** Reads the device's tickets from Alga (one read per device at a time); never throws for the PSA. */
  refresh(deviceId: number, force = false): Promise<DevicePsaTickets> {
    const running = this.inflight.get(deviceId);
    if (running) return running;
    this.deps.cache.devices.get(deviceId);
    if (!this.deps.connection.settings()) return Promise.resolve(this.view(deviceId));
    const readAt = this.deps.assets.get(deviceId)?.ticketsReadAt;
    const recent = readAt != null && this.deps.timing.now() - readAt < REREAD_AFTER_MS;
    if (!force && recent && !this.errors.has(deviceId)) return Promise.resolve(this.view(deviceId));
    const work = this.read(deviceId).finally(() => this.inflight.delete(deviceId));
    this.inflight.set(deviceId, work);
    return work;
  }

  private async read(deviceId: number): Promise<DevicePsaTickets> {
    const { connection, logger } = this.deps;
    try {
      const client = await connection.client();
      await this.readThroughAsset(client, deviceId);
      this.errors.delete(deviceId);
      connection.noteHealth(null);
    } catch (error) {
      const app = isAppError(error) ? error : new AppError('internal', String(error));
      this.errors.set(deviceId, { code: app.code, message: app.message });
      if (psaFailure(app)) connection.noteHealth(app);
      logger.info('psa: device tickets not refreshed', { deviceId, code: app.code });
    }
    this.deps.changed(deviceId);
    return this.view(deviceId);
  }

  private async readThroughAsset(client: PsaClient, deviceId: number): Promise<void> {
    const { cache, mapping, assets, tickets, timing } = this.deps;
    const now = (): number => timing.now();
    const device = cache.devices.get(deviceId);
    const clientId =
      device.organizationId === null ? null : (mapping.clientOf(device.organizationId)?.clientId ?? null);
    const ref = {
      deviceId,
      keys: assetKeysOf(
        assets.serials(deviceId) ?? { serial: device.serial, system: null, bios: null, detailKnown: false },
      ),
    };
    const lookUp = (): ReturnType<typeof lookUpDeviceAsset> =>
      lookUpDeviceAsset(client, assets, ref, clientId, now);
    let link = assets.get(deviceId);
    if (!link || linkNeedsLookup(link, now(), NONE_RECHECK_MS)) link = await lookUp();
    let rows: AssetTicketRow[] = [];
    if (link.assetId) {
      rows = await client.assetTickets(link.assetId);
      if (!rows.length && now() - link.checkedAt >= VERIFY_EMPTY_AFTER_MS) {
        try {
          await client.getAsset(link.assetId);
          link = assets.remember(deviceId, link, now());
        } catch (error) {
          if (psaFailure(error)?.status !== 404) throw error;
          assets.forget(deviceId);
          link = await lookUp();
          rows = link.assetId ? await client.assetTickets(link.assetId) : [];
        }
      }
    }
    tickets.replace(deviceId, rows.map(cached), now());
  }

  related(ticketId: string): TicketRelations {
    return this.deps.tickets.related(ticketId);
  }

  /** The ticket's page in Alga PSA. */
  url(ticketId: string): string {
    const settings = this.deps.connection.settings();
    if (!settings)
      throw new AppError(
        'not_configured',
        'Alga PSA is not connected, so the ticket cannot be opened. Connect it in Settings → Alga PSA.',
      );
    return psaTicketUrl(settings.baseUrl, ticketId);
  }
}
