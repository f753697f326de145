import type { AssetMatch } from '../../../shared/contract/psa-tickets';
import type { Db } from '../database';

/** The Alga asset a device was found or created as; `assetId` null: a lookup found none. */
export interface DeviceAssetLink {
  deviceId: number;
  assetId: string | null;
  assetTag: string | null;
  clientId: string | null;
  matchedBy: AssetMatch;
  checkedAt: number;
  ticketsReadAt: number | null;
}

/** The serials NinjaOne reported for a device, as the cache holds them. */
export interface DeviceSerials {
  /** The console's serial (system, else BIOS, else asset serial, else service tag). */
  serial: string | null;
  /** `system.serialNumber` and `system.biosSerialNumber` of the stored NinjaOne detail. */
  system: string | null;
  bios: string | null;
  /** Whether the NinjaOne detail is stored at all (without it, the two above are unknown). */
  detailKnown: boolean;
}

interface LinkSql {
  device_id: number;
  asset_id: string | null;
  asset_tag: string | null;
  client_id: string | null;
  matched_by: AssetMatch;
  checked_at: number;
  tickets_read_at: number | null;
}

const toLink = (r: LinkSql): DeviceAssetLink => ({
  deviceId: r.device_id,
  assetId: r.asset_id,
  assetTag: r.asset_tag,
  clientId: r.client_id,
  matchedBy: r.matched_by,
  checkedAt: r.checked_at,
  ticketsReadAt: r.tickets_read_at,
});

/** `psa_device_assets`: the device-to-asset link, so linking a ticket needs no lookup the next time. */
export class PsaDeviceAssetRepository {
  constructor(private readonly db: Db) {}

  get(deviceId: number): DeviceAssetLink | null {
    const r = this.db.prepare('SELECT * FROM psa_device_assets WHERE device_id = ?').get(deviceId) as
      LinkSql | undefined;
    return r ? toLink(r) : null;
  }

  /** Records a lookup's result; another asset than before drops the tickets read for the old one. */
  remember(
    deviceId: number,
    link: { assetId: string | null; assetTag: string | null; clientId: string | null; matchedBy: AssetMatch },
    at: number,
  ): DeviceAssetLink {
    const previous = this.get(deviceId);
    if (previous && previous.assetId !== link.assetId) this.forget(deviceId);
    this.db
      .prepare(
        `INSERT INTO psa_device_assets (device_id, asset_id, asset_tag, client_id, matched_by, checked_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(device_id) DO UPDATE SET asset_id = excluded.asset_id, asset_tag = excluded.asset_tag,
           client_id = excluded.client_id, matched_by = excluded.matched_by, checked_at = excluded.checked_at`,
      )
      .run(deviceId, link.assetId, link.assetTag, link.clientId, link.matchedBy, at);
    return this.get(deviceId)!;
  }

  /** The asset is gone from Alga (or was another device's): forget it and what was read through it. */
  forget(deviceId: number): void {
    this.db.prepare('DELETE FROM psa_device_tickets WHERE device_id = ?').run(deviceId);
    this.db.prepare('DELETE FROM psa_device_assets WHERE device_id = ?').run(deviceId);
  }

  serials(deviceId: number): DeviceSerials | null {
    const r = this.db
      .prepare(
        `SELECT serial, raw IS NOT NULL AS detail_known,
           CASE WHEN json_valid(raw) THEN json_extract(raw, '$.system.serialNumber') END AS system_serial,
           CASE WHEN json_valid(raw) THEN json_extract(raw, '$.system.biosSerialNumber') END AS bios_serial
         FROM devices WHERE id = ?`,
      )
      .get(deviceId) as
      | { serial: string | null; detail_known: number; system_serial: unknown; bios_serial: unknown }
      | undefined;
    if (!r) return null;
    const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
    return {
      serial: text(r.serial),
      system: text(r.system_serial),
      bios: text(r.bios_serial),
      detailKnown: r.detail_known === 1,
    };
  }
}
