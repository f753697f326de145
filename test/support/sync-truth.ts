import type { Cache } from '../../src/core/cache/cache';
import {
  alertSchema,
  antivirusRowSchema,
  deviceDetailedSchema,
  organizationDetailedSchema,
  osPatchRowSchema,
  softwarePatchRowSchema,
  softwareRowSchema,
} from '../../src/core/ninjaone';
import { mapAlert } from '../../src/core/sync/mappers/alert';
import { mapDevice } from '../../src/core/sync/mappers/device';
import {
  mapAntivirus,
  mapOsPatch,
  mapSoftware,
  mapSoftwarePatch,
} from '../../src/core/sync/mappers/inventory';
import type { SimTruth } from '../../src/simulator/ninjaone';
import type { DeviceRecord, LocationRecord, OrganizationRecord } from '../../src/core/cache/records';
import type { AlertRecord } from '../../src/core/cache/repositories/alerts';
import type { AntivirusRecord } from '../../src/core/cache/repositories/antivirus';
import type { PatchRecord } from '../../src/core/cache/repositories/patches';
import type { SoftwareRecord } from '../../src/core/cache/repositories/software';
import { mapOrganization } from '../../src/core/sync/mappers/organization';

/**
 * The cache and the simulator's truth as comparable snapshots: one sorted line per row, for the
 * fields a technician sees. A sync test asserts `cacheSnapshot(cache)` equals `truthSnapshot(truth)`.
 */
export interface Snapshot {
  organizations: string[];
  locations: string[];
  devices: string[];
  alerts: string[];
  software: string[];
  patches: string[];
  antivirus: string[];
}

const line = (...values: unknown[]): string => values.map((v) => (v === undefined ? null : v)).join('|');
const sorted = (lines: string[]): string[] => lines.sort();

export interface TruthRecords {
  organizations: OrganizationRecord[];
  locations: LocationRecord[];
  devices: DeviceRecord[];
  alerts: AlertRecord[];
  software: SoftwareRecord[];
  patches: PatchRecord[];
  antivirus: AntivirusRecord[];
}

/** The rows a full sync of this tenant writes: the simulator's truth through the sync's own mappers. */
export function truthRecords(truth: SimTruth): TruthRecords {
  const mapped = truth.organizations().map((o) => mapOrganization(organizationDetailedSchema.parse(o)));
  const devices = truth.devices().map((d) => mapDevice(deviceDetailedSchema.parse(d)));
  const ids = devices.map((d) => d.id);
  const withDevice = (id: number, rows: Record<string, unknown>[]) =>
    rows.map((row) => ({ ...row, deviceId: id }));
  return {
    organizations: mapped.map((m) => m.organization),
    locations: mapped.flatMap((m) => m.locations),
    devices,
    alerts: truth.alerts().flatMap((a) => {
      const alert = mapAlert(alertSchema.parse(a));
      return 'problem' in alert ? [] : [alert];
    }),
    software: ids.flatMap((id) =>
      withDevice(id, truth.software(id)).map((r) => mapSoftware(softwareRowSchema.parse(r))),
    ),
    patches: ids.flatMap((id) => [
      ...withDevice(id, truth.osPatches(id)).map((r) => mapOsPatch(osPatchRowSchema.parse(r), 'open')),
      ...withDevice(id, truth.osPatchInstalls(id)).map((r) =>
        mapOsPatch(osPatchRowSchema.parse(r), 'installs'),
      ),
      ...withDevice(id, truth.softwarePatches(id)).map((r) =>
        mapSoftwarePatch(softwarePatchRowSchema.parse(r), 'open'),
      ),
      ...withDevice(id, truth.softwarePatchInstalls(id)).map((r) =>
        mapSoftwarePatch(softwarePatchRowSchema.parse(r), 'installs'),
      ),
    ]),
    antivirus: ids.flatMap((id) => {
      const row = truth.antivirus(id);
      return row ? [mapAntivirus(antivirusRowSchema.parse({ ...row, deviceId: id }))] : [];
    }),
  };
}

export function truthSnapshot(truth: SimTruth): Snapshot {
  const { organizations, locations, devices, alerts, software, patches, antivirus } = truthRecords(truth);
  return {
    organizations: sorted(organizations.map((o) => line(o.id, o.name))),
    locations: sorted(locations.map((l) => line(l.id, l.organizationId, l.name))),
    devices: sorted(
      devices.map((d) =>
        line(
          d.id,
          d.name,
          d.organizationId,
          d.locationId,
          d.assetType,
          d.agentStatus,
          d.lastUpdate,
          d.osName ?? '',
          d.serial,
          d.ramBytes,
          d.storageBytes,
          JSON.stringify(d.ipAddresses),
          d.lastUser,
        ),
      ),
    ),
    alerts: sorted(alerts.map((a) => line(a.uid, a.deviceId, a.severity, a.createdAt))),
    software: sorted(software.map((s) => line(s.deviceId, s.name, s.publisher ?? '', s.version ?? ''))),
    // NinjaOne lists a failed patch in the open list and the install history: one patch in the cache.
    patches: sorted([...new Set(patches.map((p) => line(p.deviceId, p.kind, p.patchId, p.state, p.status)))]),
    antivirus: sorted(antivirus.map((a) => line(a.deviceId, a.productName, a.productState))),
  };
}

export function cacheSnapshot(cache: Cache): Snapshot {
  const rows = (sql: string): string[] =>
    sorted((cache.db.prepare(sql).raw().all() as unknown[][]).map((r) => line(...r)));
  return {
    organizations: rows('SELECT id, name FROM organizations'),
    locations: rows('SELECT id, organization_id, name FROM locations'),
    devices:
      rows(`SELECT id, name, organization_id, location_id, asset_type, agent_status, last_update, os_name,
      serial, ram_bytes, storage_bytes, ip_addresses, last_user FROM devices`),
    alerts:
      rows(`SELECT uid, device_id, CASE severity WHEN 0 THEN 'NONE' WHEN 1 THEN 'MINOR' WHEN 2 THEN 'MODERATE'
      WHEN 3 THEN 'MAJOR' ELSE 'CRITICAL' END, created_at FROM alerts WHERE state = 'open'`),
    software: rows(`SELECT s.device_id, t.name, t.publisher, s.version FROM device_software s
      JOIN software_titles t ON t.id = s.title_id`),
    patches: rows('SELECT device_id, kind, patch_id, state, status FROM patches'),
    antivirus: rows('SELECT device_id, product_name, product_state FROM antivirus'),
  };
}
