import { performance } from 'node:perf_hooks';
import { Cache } from '../../src/core/cache/cache';
import { severityRank } from '../../src/shared/contract/domain';
import type { SimTruth } from '../../src/simulator/ninjaone';
import { mergePatchRows } from '../../src/core/cache/repositories/patches';
import { truthRecords } from '../support/sync-truth';

/**
 * The floor of a full sync: the same rows the sync writes (mapped from the simulator's truth before
 * the clock starts), inserted by a bare loop of positional prepared statements into a fresh cache
 * with the same schema (indexes, search triggers), one transaction per table. No HTTP, no parsing,
 * no validation, no change detection, no roll-ups: what SQLite alone needs.
 */
export function measureFloor(truth: SimTruth, path: string): { ms: number; cpuMs: number; rows: number } {
  const records = truthRecords(truth);
  // One row per patch and device, as the cache keeps them (NinjaOne lists a failed install twice).
  const patches = mergePatchRows(records.patches);
  const cache = Cache.open(path);
  const { db } = cache;
  const now = Date.now();
  const insertOrg = db.prepare(
    'INSERT INTO organizations (id, name, description, node_approval_mode, raw, synced_at, sync_run) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLocation = db.prepare(
    'INSERT INTO locations (id, organization_id, name, address, description, synced_at, sync_run) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDevice = db.prepare(`INSERT INTO devices (id, uid, name, system_name, dns_name, organization_id,
    organization_name, location_id, node_class, asset_type, agent_status, approval_status, created_at, last_contact,
    last_update, os_name, os_build, os_architecture, needs_reboot, manufacturer, model, serial, cpu, cpu_cores,
    ram_bytes, storage_bytes, storage_free_bytes, ip_addresses, mac_addresses, public_ip, last_user, raw, synced_at,
    sync_run) VALUES (${Array(34).fill('?').join(', ')})`);
  const insertAlert =
    db.prepare(`INSERT INTO alerts (uid, device_id, severity, priority, source_type, source_name,
    condition_name, subject, message, created_at, updated_at, raw, synced_at) VALUES (${Array(13).fill('?').join(', ')})`);
  const insertTitle = db
    .prepare('INSERT INTO software_titles (name, publisher) VALUES (?, ?) RETURNING id')
    .pluck();
  const insertInstall =
    db.prepare(`INSERT INTO device_software (device_id, title_id, version, install_date, size_bytes,
    location, sync_run) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const insertPatch =
    db.prepare(`INSERT INTO patches (device_id, kind, patch_id, name, kb_number, product_identifier,
    severity, patch_type, status, state, installed_at, collected_at, sync_run, first_seen)
    VALUES (${Array(14).fill('?').join(', ')})`);
  const insertAntivirus =
    db.prepare(`INSERT INTO antivirus (device_id, product_name, product_state, definition_status,
    version, collected_at, sync_run) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const orgNames = new Map(records.organizations.map((o) => [o.id, o.name]));
  const titles = new Map<string, number>();

  const started = performance.now();
  const cpu = process.cpuUsage();
  db.transaction(() => {
    for (const o of records.organizations)
      insertOrg.run(o.id, o.name, o.description, o.nodeApprovalMode, JSON.stringify(o.raw), now, 1);
    for (const l of records.locations)
      insertLocation.run(l.id, l.organizationId, l.name, l.address, l.description, now, 1);
  })();
  db.transaction(() => {
    for (const d of records.devices) {
      insertDevice.run(
        d.id,
        d.uid,
        d.name,
        d.systemName,
        d.dnsName,
        d.organizationId,
        (d.organizationId !== null && orgNames.get(d.organizationId)) || '',
        d.locationId,
        d.nodeClass,
        d.assetType,
        d.agentStatus,
        d.approvalStatus,
        d.createdAt,
        d.lastContact ?? 0,
        d.lastUpdate,
        d.osName ?? '',
        d.osBuild,
        d.osArchitecture,
        d.needsReboot === null ? null : Number(d.needsReboot),
        d.manufacturer,
        d.model,
        d.serial,
        d.cpu,
        d.cpuCores,
        d.ramBytes,
        d.storageBytes,
        d.storageFreeBytes,
        JSON.stringify(d.ipAddresses),
        JSON.stringify(d.macAddresses),
        d.publicIp,
        d.lastUser,
        JSON.stringify(d.raw),
        now,
        1,
      );
    }
  })();
  db.transaction(() => {
    for (const a of records.alerts) {
      insertAlert.run(
        a.uid,
        a.deviceId,
        severityRank(a.severity),
        a.priority,
        a.sourceType,
        a.sourceName,
        a.conditionName,
        a.subject,
        a.message,
        a.createdAt,
        a.updatedAt,
        JSON.stringify(a.raw),
        now,
      );
    }
  })();
  db.transaction(() => {
    for (const s of records.software) {
      const key = `${s.name}\u0000${s.publisher ?? ''}`;
      let title = titles.get(key);
      if (title === undefined) {
        title = insertTitle.get(s.name, s.publisher ?? '') as number;
        titles.set(key, title);
      }
      insertInstall.run(s.deviceId, title, s.version ?? '', s.installDate, s.sizeBytes, s.location, 1);
    }
  })();
  db.transaction(() => {
    for (const p of patches) {
      insertPatch.run(
        p.deviceId,
        p.kind,
        p.patchId,
        p.name,
        p.kbNumber,
        p.productIdentifier,
        p.severity,
        p.patchType,
        p.status,
        p.state,
        p.installedAt,
        p.collectedAt,
        1,
        now,
      );
    }
  })();
  db.transaction(() => {
    for (const a of records.antivirus)
      insertAntivirus.run(
        a.deviceId,
        a.productName,
        a.productState,
        a.definitionStatus,
        a.version,
        a.collectedAt,
        1,
      );
  })();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  cache.close();
  const rows =
    records.organizations.length +
    records.locations.length +
    records.devices.length +
    records.alerts.length +
    records.software.length +
    patches.length +
    records.antivirus.length;
  return { ms, cpuMs: (used.user + used.system) / 1000, rows };
}
