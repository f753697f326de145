import type { AssetDetail, AssetFilter, AssetRow, AssetSort } from '../../../shared/contract/assets';
import {
  severities,
  type AgentStatus,
  type AssetType,
  type PatchState,
  type Severity,
} from '../../../shared/contract/domain';
import { AppError } from '../../../shared/rpc/errors';
import type { Statement } from 'better-sqlite3';
import { inTransaction, notSeenSince, type Db } from '../database';
import {
  decodeCursor,
  encodeCursor,
  keysetCondition,
  orderBy,
  queryFingerprint,
  type KeyValue,
} from '../keyset';
import type { DeviceRecord } from '../records';
import { deviceSearchMatch, explainMatch, parseDeviceSearch } from '../device-search';

/** Sort orders and the index-backed columns that implement them (the last columns break ties). */
const sortColumns: Record<AssetSort['field'], readonly string[]> = {
  name: ['d.name', 'd.id'],
  lastContact: ['d.last_contact', 'd.id'],
  organization: ['d.organization_name', 'd.name', 'd.id'],
  os: ['d.os_name', 'd.name', 'd.id'],
  assetType: ['d.asset_type', 'd.name', 'd.id'],
  status: ['d.agent_status', 'd.name', 'd.id'],
  alerts: ['d.alert_count', 'd.id'],
};

const rowColumns = `
  d.id, d.name, d.organization_id, d.organization_name, l.name AS location_name, d.asset_type, d.node_class,
  d.agent_status, d.last_contact, d.os_name, d.serial, d.last_user, d.ip_addresses, d.alert_count,
  d.max_alert_severity, d.patch_state`;

interface DeviceRowSql {
  id: number;
  name: string;
  organization_id: number | null;
  organization_name: string;
  location_name: string | null;
  asset_type: AssetType;
  node_class: string;
  agent_status: AgentStatus;
  last_contact: number;
  os_name: string;
  serial: string | null;
  last_user: string | null;
  ip_addresses: string;
  alert_count: number;
  max_alert_severity: number | null;
  patch_state: PatchState;
}

/** What a search result also reads, to say which field matched. */
interface SearchColumnsSql {
  system_name: string | null;
  mac_addresses: string;
  public_ip: string | null;
}

interface DeviceDetailSql extends DeviceRowSql {
  uid: string | null;
  system_name: string | null;
  dns_name: string | null;
  approval_status: string | null;
  created_at: number | null;
  last_update: number | null;
  os_build: string | null;
  os_architecture: string | null;
  needs_reboot: number | null;
  manufacturer: string | null;
  model: string | null;
  cpu: string | null;
  cpu_cores: number | null;
  ram_bytes: number | null;
  storage_bytes: number | null;
  storage_free_bytes: number | null;
  mac_addresses: string;
  public_ip: string | null;
  pending_patches: number;
  failed_patches: number;
  installed_patches: number;
  antivirus_state: string | null;
  synced_at: number;
  silence_until: number | null;
  silenced_by: string | null;
  silence_reason: string | null;
}

/** A device's status as a status read found it, and the NinjaOne fields it came from. */
export interface DeviceStatusRecord {
  id: number;
  agentStatus: AgentStatus;
  /** Epoch ms. */
  lastContact: number | null;
  /** When NinjaOne last changed the device record (epoch ms); null keeps the cached one. */
  lastUpdate: number | null;
  raw: { offline: boolean | null; lastContact: number | null; lastUpdate: number | null };
}

export interface DeviceListQuery {
  filter: AssetFilter;
  sort: AssetSort;
  cursor?: string | null | undefined;
  limit: number;
}

export interface DeviceListPage {
  items: AssetRow[];
  nextCursor: string | null;
  /** Matching rows in all pages; counted on the first page only (later pages return null). */
  total: number | null;
}

function severityName(rank: number | null): Severity | null {
  return rank === null ? null : (severities[rank] ?? null);
}

function toRow(r: DeviceRowSql): AssetRow {
  return {
    id: r.id,
    name: r.name,
    organizationId: r.organization_id,
    organizationName: r.organization_name || null,
    locationName: r.location_name,
    assetType: r.asset_type,
    nodeClass: r.node_class,
    agentStatus: r.agent_status,
    lastContact: r.last_contact || null,
    osName: r.os_name || null,
    serial: r.serial,
    lastUser: r.last_user,
    ipAddresses: JSON.parse(r.ip_addresses) as string[],
    alertCount: r.alert_count,
    maxAlertSeverity: severityName(r.max_alert_severity),
    patchState: r.patch_state,
  };
}

/**
 * Above this many matches a search's page is found by walking the sort's index (see `list`); below
 * it, reading the matching devices and sorting them is as cheap.
 */
const WALK_INDEX_ABOVE = 1_000;
const MATCHING = 'IN (SELECT rowid FROM devices_fts WHERE devices_fts MATCH ?)';

export class DeviceRepository {
  private readonly upsert;
  private readonly storedRaw;
  private readonly stamp;
  private readonly deleteOne;
  private readonly sweepStale;
  private readonly byId;
  private readonly countAll;
  private readonly setStatus;
  /** List queries vary by filter; each distinct SQL text is prepared once. */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO devices (id, uid, name, system_name, dns_name, organization_id, organization_name, location_id,
        node_class, asset_type, agent_status, approval_status, created_at, last_contact, last_update, os_name,
        os_build, os_architecture, needs_reboot, manufacturer, model, serial, cpu, cpu_cores, ram_bytes,
        storage_bytes, storage_free_bytes, ip_addresses, mac_addresses, public_ip, last_user, raw, synced_at, sync_run)
      VALUES (?, ?, ?, ?, ?, ?, coalesce((SELECT name FROM organizations WHERE id = ?), ''),
        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET uid = excluded.uid, name = excluded.name, system_name = excluded.system_name,
        dns_name = excluded.dns_name, organization_id = excluded.organization_id,
        organization_name = excluded.organization_name, location_id = excluded.location_id,
        node_class = excluded.node_class, asset_type = excluded.asset_type, agent_status = excluded.agent_status,
        approval_status = excluded.approval_status, created_at = excluded.created_at,
        last_contact = excluded.last_contact, last_update = excluded.last_update, os_name = excluded.os_name,
        os_build = excluded.os_build, os_architecture = excluded.os_architecture,
        needs_reboot = excluded.needs_reboot, manufacturer = excluded.manufacturer, model = excluded.model,
        serial = excluded.serial, cpu = excluded.cpu, cpu_cores = excluded.cpu_cores, ram_bytes = excluded.ram_bytes,
        storage_bytes = excluded.storage_bytes, storage_free_bytes = excluded.storage_free_bytes,
        ip_addresses = excluded.ip_addresses, mac_addresses = excluded.mac_addresses, public_ip = excluded.public_ip,
        last_user = excluded.last_user, raw = excluded.raw, synced_at = excluded.synced_at,
        sync_run = coalesce(excluded.sync_run, devices.sync_run)`);
    this.storedRaw = db.prepare('SELECT raw FROM devices WHERE id = ?').pluck();
    this.stamp = db.prepare(
      'UPDATE devices SET synced_at = ?, sync_run = coalesce(?, sync_run) WHERE id = ?',
    );
    this.deleteOne = db.prepare('DELETE FROM devices WHERE id = ?');
    this.sweepStale = db.prepare('DELETE FROM devices WHERE sync_run IS NOT ? RETURNING id').pluck();
    this.byId = db.prepare(`
      SELECT ${rowColumns}, d.uid, d.system_name, d.dns_name, d.approval_status, d.created_at, d.last_update,
        d.os_build, d.os_architecture, d.needs_reboot, d.manufacturer, d.model, d.cpu, d.cpu_cores, d.ram_bytes,
        d.storage_bytes, d.storage_free_bytes, d.mac_addresses, d.public_ip, d.pending_patches, d.failed_patches,
        d.installed_patches, d.antivirus_state, d.synced_at, s.until AS silence_until, s.silenced_by, s.reason AS silence_reason
      FROM devices d LEFT JOIN locations l ON l.id = d.location_id
        LEFT JOIN device_silences s ON s.device_id = d.id AND s.until > ?
      WHERE d.id = ?`);
    this.countAll = db.prepare('SELECT count(*) AS n FROM devices');
    // The stored NinjaOne record follows, so a later read of an unchanged device is still recognised.
    this.setStatus = db.prepare(`
      UPDATE devices SET agent_status = ?, last_contact = ?, last_update = coalesce(?, last_update),
        raw = CASE WHEN json_valid(raw)
          THEN json_set(raw, '$.offline', json(?), '$.lastContact', ?, '$.lastUpdate', coalesce(?, raw ->> '$.lastUpdate'))
          ELSE raw END
      WHERE id = ? AND (agent_status IS NOT ? OR last_contact IS NOT ? OR last_update IS NOT coalesce(?, last_update))
        AND last_contact <= ?`);
  }

  private statement(sql: string): Statement<unknown[]> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[]>(sql);
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }

  /**
   * Inserts or updates devices in one transaction (the caller's when there is one) and returns which
   * were added and which changed. A device whose NinjaOne record is byte-for-byte what the cache holds
   * is only stamped (`synced_at`, and `run`, the sync run that saw it, when given): no index or search
   * row is rewritten for it. `run` null keeps the run that last saw an existing device.
   */
  upsertMany(
    rows: readonly DeviceRecord[],
    now = Date.now(),
    run: number | null = null,
  ): { added: number[]; changed: number[] } {
    const added: number[] = [];
    const changed: number[] = [];
    inTransaction(this.db, () => {
      for (const row of rows) {
        const raw = row.raw === undefined || row.raw === null ? null : JSON.stringify(row.raw);
        const stored = this.storedRaw.get(row.id) as string | null | undefined;
        if (raw !== null && stored === raw) {
          this.stamp.run(now, run, row.id);
          continue;
        }
        this.upsert.run(
          row.id,
          row.uid,
          row.name,
          row.systemName,
          row.dnsName,
          row.organizationId,
          row.organizationId,
          row.locationId,
          row.nodeClass,
          row.assetType,
          row.agentStatus,
          row.approvalStatus,
          row.createdAt,
          row.lastContact ?? 0,
          row.lastUpdate,
          row.osName ?? '',
          row.osBuild,
          row.osArchitecture,
          row.needsReboot === null ? null : row.needsReboot ? 1 : 0,
          row.manufacturer,
          row.model,
          row.serial,
          row.cpu,
          row.cpuCores,
          row.ramBytes,
          row.storageBytes,
          row.storageFreeBytes,
          JSON.stringify(row.ipAddresses),
          JSON.stringify(row.macAddresses),
          row.publicIp,
          row.lastUser,
          raw,
          now,
          run,
        );
        (stored === undefined ? added : changed).push(row.id);
      }
    });
    return { added, changed };
  }

  /**
   * Online or not, the last contact and the record's last update, as a status read found them (the
   * status sweep, a webhook carrying the device): only devices where they differ are written.
   * Returns those. With
   * `notOlder`, a status whose last contact is older than the cached one is ignored (webhooks arrive
   * late and out of order).
   */
  applyStatuses(rows: readonly DeviceStatusRecord[], options: { notOlder?: boolean } = {}): number[] {
    const changed: number[] = [];
    inTransaction(this.db, () => {
      for (const row of rows) {
        const contact = row.lastContact ?? 0;
        const offline = row.raw.offline === null ? 'null' : String(row.raw.offline);
        const result = this.setStatus.run(
          row.agentStatus,
          contact,
          row.lastUpdate,
          offline,
          row.raw.lastContact,
          row.raw.lastUpdate,
          row.id,
          row.agentStatus,
          contact,
          row.lastUpdate,
          options.notOlder ? contact : Number.MAX_SAFE_INTEGER,
        );
        if (result.changes > 0) changed.push(row.id);
      }
    });
    return changed;
  }

  /** Deletes these devices (and, by cascade, their alerts, software, patches and antivirus rows); returns the ids that were cached. */
  deleteMany(ids: readonly number[]): number[] {
    const removed: number[] = [];
    inTransaction(this.db, () => {
      for (const id of ids) if (this.deleteOne.run(id).changes > 0) removed.push(id);
    });
    return removed;
  }

  /** The end of a full pass: deletes the devices sync run `run` did not see; returns their ids. */
  sweep(run: number): number[] {
    return this.sweepStale.all(run) as number[];
  }

  /** Devices sync run `run` did not see (what its sweep would delete). */
  unseenBy(run: number): number[] {
    return this.db
      .prepare('SELECT id FROM devices WHERE sync_run IS NOT ? ORDER BY id')
      .pluck()
      .all(run) as number[];
  }

  /** Of these devices, the ones no sync run from `run` on has seen. */
  notSeenSince(ids: readonly number[], run: number): number[] {
    return notSeenSince(this.db, 'devices', ids, run);
  }

  /** Devices of these organizations. */
  ofOrganizations(organizationIds: readonly number[]): number[] {
    const of = this.db.prepare('SELECT id FROM devices WHERE organization_id = ?').pluck();
    return organizationIds.flatMap((org) => of.all(org) as number[]);
  }

  /** Names of some of these devices (in id order), for a message a technician recognises. */
  namesOf(ids: readonly number[], limit: number): string[] {
    const name = this.db.prepare('SELECT name FROM devices WHERE id = ?').pluck();
    return ids
      .slice(0, limit)
      .map((id) => name.get(id) as string | undefined)
      .filter((n): n is string => n !== undefined);
  }

  /**
   * Organization ids and (organization, device) pairs of every cached device in that order, nulls
   * first: how a fleet query is split by organization.
   */
  layout(): { organizationId: number | null; id: number }[] {
    return this.db
      .prepare('SELECT organization_id AS organizationId, id FROM devices ORDER BY organization_id, id')
      .all() as { organizationId: number | null; id: number }[];
  }

  /** Which of these ids are cached. */
  cachedOf(ids: readonly number[]): number[] {
    return ids.filter((id) => this.storedRaw.get(id) !== undefined);
  }

  get(id: number, now = Date.now()): AssetDetail {
    const r = this.byId.get(now, id) as DeviceDetailSql | undefined;
    if (!r)
      throw new AppError(
        'not_found',
        `Device ${id} is not in the cache. It may have been removed from NinjaOne; run a sync.`,
      );
    return {
      ...toRow(r),
      uid: r.uid,
      systemName: r.system_name,
      dnsName: r.dns_name,
      approvalStatus: r.approval_status,
      created: r.created_at,
      lastUpdate: r.last_update,
      osBuild: r.os_build,
      osArchitecture: r.os_architecture,
      needsReboot: r.needs_reboot === null ? null : r.needs_reboot === 1,
      manufacturer: r.manufacturer,
      model: r.model,
      cpu: r.cpu,
      cpuCores: r.cpu_cores,
      ramBytes: r.ram_bytes,
      storageBytes: r.storage_bytes,
      storageFreeBytes: r.storage_free_bytes,
      macAddresses: JSON.parse(r.mac_addresses) as string[],
      publicIp: r.public_ip,
      pendingPatches: r.pending_patches,
      failedPatches: r.failed_patches,
      installedPatches: r.installed_patches,
      antivirusState: r.antivirus_state,
      syncedAt: r.synced_at,
      silence:
        r.silence_until === null
          ? null
          : { until: r.silence_until, by: r.silenced_by, reason: r.silence_reason },
    };
  }

  list(query: DeviceListQuery): DeviceListPage {
    const { filter, sort, limit } = query;
    const columns = sortColumns[sort.field];
    const fingerprint = queryFingerprint({ filter, sort });
    const where: string[] = [];
    const params: unknown[] = [];

    const terms = parseDeviceSearch(filter.search);
    const match = deviceSearchMatch(terms);
    if (match) {
      where.push(`d.id ${MATCHING}`);
      params.push(match);
    }
    if (filter.organizationIds?.length) {
      where.push(`d.organization_id IN (${filter.organizationIds.map(() => '?').join(',')})`);
      params.push(...filter.organizationIds);
    }
    if (filter.psaClientIds?.length) {
      where.push(
        `d.organization_id IN (SELECT organization_id FROM org_client_map WHERE client_id IN (${filter.psaClientIds.map(() => '?').join(',')}))`,
      );
      params.push(...filter.psaClientIds);
    }
    if (filter.assetTypes?.length) {
      where.push(`d.asset_type IN (${filter.assetTypes.map(() => '?').join(',')})`);
      params.push(...filter.assetTypes);
    }
    if (filter.agentStatus) {
      where.push('d.agent_status = ?');
      params.push(filter.agentStatus);
    }
    if (filter.hasAlerts !== undefined)
      where.push(filter.hasAlerts ? 'd.alert_count > 0' : 'd.alert_count = 0');
    if (filter.patchStates?.length) {
      where.push(`d.patch_state IN (${filter.patchStates.map(() => '?').join(',')})`);
      params.push(...filter.patchStates);
    }
    if (filter.antivirusStates?.length) {
      where.push(`d.antivirus_state IN (${filter.antivirusStates.map(() => '?').join(',')})`);
      params.push(...filter.antivirusStates);
    }
    if (filter.lastContactAfter !== undefined) {
      where.push('d.last_contact >= ?');
      params.push(filter.lastContactAfter);
    }

    let total: number | null = null;
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // A search alone is counted in the index, which holds one row per device: joining thousands of
    // matches back to their devices only to count them costs tens of milliseconds.
    const searchOnly = match !== null && where.length === 1;
    const matches = searchOnly
      ? (
          this.statement('SELECT count(*) AS n FROM devices_fts WHERE devices_fts MATCH ?').get(match) as {
            n: number;
          }
        ).n
      : null;
    if (!query.cursor) {
      total =
        matches ??
        (this.statement(`SELECT count(*) AS n FROM devices d ${filterSql}`).get(...params) as { n: number })
          .n;
    }
    const pageWhere = [...where];
    const pageParams = [...params];
    if (query.cursor) {
      pageWhere.push(keysetCondition(columns, sort.direction));
      pageParams.push(...decodeCursor(query.cursor, fingerprint, columns.length));
    }
    const order = orderBy(columns, sort.direction);
    const select = `SELECT ${rowColumns}${match ? ', d.system_name, d.mac_addresses, d.public_ip' : ''}
         FROM devices d LEFT JOIN locations l ON l.id = d.location_id`;
    // A search matching many devices (a common word on a large fleet): the page's ids come from
    // walking the sort's index, keeping the matches, and only those devices are read. Sorting all
    // the matches would read every matching device's row, thousands of pages, and while a sync
    // writes those are read again after each of its commits. `+d.id` keeps the walk on the index.
    const rows = (
      matches !== null && matches > WALK_INDEX_ABOVE
        ? this.statement(
            `${select} WHERE d.id IN (SELECT d.id FROM devices d
               WHERE ${[`+d.id ${MATCHING}`, ...pageWhere.slice(1)].join(' AND ')}
               ORDER BY ${order} LIMIT ?)
             ORDER BY ${order}`,
          )
        : this.statement(
            `${select} ${pageWhere.length ? 'WHERE ' + pageWhere.join(' AND ') : ''} ORDER BY ${order} LIMIT ?`,
          )
    ).all(...pageParams, limit + 1) as DeviceRowSql[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page.at(-1);
    const nextCursor = more && last ? encodeCursor(fingerprint, keyOf(last, columns)) : null;
    const items = match
      ? (page as (DeviceRowSql & SearchColumnsSql)[]).map((r) => {
          const row = toRow(r);
          const explained = explainMatch(
            {
              name: r.name,
              systemName: r.system_name,
              serial: r.serial,
              lastUser: r.last_user,
              addresses: r.public_ip ? [...row.ipAddresses, r.public_ip] : row.ipAddresses,
              macs: JSON.parse(r.mac_addresses) as string[],
            },
            terms,
          );
          return { ...row, match: explained };
        })
      : page.map(toRow);
    return { items, nextCursor, total };
  }
}

function keyOf(row: DeviceRowSql, columns: readonly string[]): KeyValue[] {
  return columns.map((column) => {
    const key = column.slice(2) as keyof DeviceRowSql;
    return row[key] as KeyValue;
  });
}
