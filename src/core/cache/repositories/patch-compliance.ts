import type { AgentStatus } from '../../../shared/contract/domain';
import type {
  PatchDeviceSortField,
  PatchOrganizationSortField,
  PatchSortField,
} from '../../../shared/contract/patches';
import type { Page } from '../../../shared/rpc/paging';
import type { Db } from '../database';
import { keysetPage, queryFingerprint } from '../keyset';
import { likeContains } from '../search-query';
import type { PatchKind } from './patches';

export interface OrganizationCompliance {
  organizationId: number | null;
  organizationName: string;
  devices: number;
  failed: number;
  pending: number;
  upToDate: number;
  unknown: number;
}

export interface PatchNeed {
  kind: PatchKind;
  name: string;
  kbNumber: string | null;
  severity: string | null;
  pending: number;
  failed: number;
  installed: number;
}

export interface DeviceNeedingPatches {
  deviceId: number;
  deviceName: string;
  organizationName: string | null;
  agentStatus: AgentStatus;
  patches: number;
  /** Since when the oldest of these patches is in its state, by NinjaOne's timestamps. */
  oldestSince: number | null;
}

interface Sort<F> {
  field: F;
  direction: 'asc' | 'desc';
}

/** Up-to-date share of the synced devices, in parts per million (an integer, so a cursor holds it exactly). */
const compliancePpm = (upToDate: number, devices: number, unknown: number): number =>
  devices - unknown > 0 ? Math.floor((upToDate * 1_000_000) / (devices - unknown)) : -1;

/**
 * Fleet-wide patch questions for the patches view, answered from the cache. Every count is of devices
 * (a patch NinjaOne lists twice on one device still counts once), and every list sorts by any of its
 * columns, keyset-paged with the name (then id) breaking ties.
 */
export class PatchCompliance {
  constructor(private readonly db: Db) {}

  byOrganization(
    cursor: string | null | undefined,
    limit: number,
    sort: Sort<PatchOrganizationSortField> = { field: 'organization', direction: 'asc' },
  ): Page<OrganizationCompliance> {
    const tail = ['organization_name', 'org'];
    const columns: Record<PatchOrganizationSortField, string[]> = {
      organization: tail,
      devices: ['devices', ...tail],
      failed: ['failed', ...tail],
      pending: ['pending', ...tail],
      upToDate: ['upToDate', ...tail],
      unknown: ['unknown', ...tail],
      compliance: ['compliance', ...tail],
    };
    return keysetPage<
      OrganizationCompliance & { org: number; organization_name: string; compliance: number },
      OrganizationCompliance
    >(this.db, {
      select: `SELECT coalesce(organization_id, -1) AS org, organization_name, count(*) AS devices,
          sum(patch_state = 'failed') AS failed, sum(patch_state = 'pending') AS pending,
          sum(patch_state = 'up_to_date') AS upToDate, sum(patch_state = 'unknown') AS unknown,
          CASE WHEN count(*) - sum(patch_state = 'unknown') > 0
            THEN (sum(patch_state = 'up_to_date') * 1000000) / (count(*) - sum(patch_state = 'unknown'))
            ELSE -1 END AS compliance
        FROM devices`,
      where: [],
      params: [],
      groupBy: 'org',
      columns: columns[sort.field],
      direction: sort.direction,
      fingerprint: queryFingerprint({ view: 'patch-orgs', sort }),
      cursor,
      limit,
      toItem: ({ org, organization_name, compliance: _, ...counts }) => ({
        ...counts,
        organizationId: org === -1 ? null : org,
        organizationName: organization_name || '(no organization)',
      }),
      keyOf: (row) => {
        const name = row.organizationName === '(no organization)' ? '' : row.organizationName;
        const tie = [name, row.organizationId ?? -1];
        switch (sort.field) {
          case 'organization':
            return tie;
          case 'compliance':
            return [compliancePpm(row.upToDate, row.devices, row.unknown), ...tie];
          default:
            return [row[sort.field], ...tie];
        }
      },
    });
  }

  byPatch(options: {
    kind?: PatchKind;
    state?: 'pending' | 'failed';
    search?: string;
    sort?: Sort<PatchSortField>;
    cursor?: string | null;
    limit: number;
  }): Page<PatchNeed> {
    const sort = options.sort ?? { field: 'need', direction: 'desc' };
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.kind) {
      where.push('kind = ?');
      params.push(options.kind);
    }
    if (options.search) {
      where.push(`(name LIKE ? ESCAPE '\\' OR kb_number LIKE ? ESCAPE '\\')`);
      params.push(likeContains(options.search), likeContains(options.search));
    }
    // Devices, not rows: a patch whose name two KBs share must not count a device twice.
    const devicesIn = (state: string): string =>
      `count(DISTINCT CASE WHEN state = '${state}' THEN device_id END)`;
    // Rank by the devices that still need the patch (in the asked state, or pending and failed together).
    const weight =
      options.state === 'failed'
        ? devicesIn('failed')
        : options.state === 'pending'
          ? devicesIn('pending')
          : `count(DISTINCT CASE WHEN state IN ('pending', 'failed') THEN device_id END)`;
    const tail = ['kind', 'name'];
    const columns: Record<PatchSortField, string[]> = {
      need: ['w', ...tail],
      name: ['name', 'kind'],
      kb: ['kb', ...tail],
      failed: ['failed', ...tail],
      pending: ['pending', ...tail],
      installed: ['installed', ...tail],
    };
    return keysetPage<PatchNeed & { w: number; kb: string }, PatchNeed & { w: number }>(this.db, {
      select: `SELECT kind, name, max(kb_number) AS kbNumber, coalesce(max(kb_number), '') AS kb,
          max(severity) AS severity, ${devicesIn('pending')} AS pending, ${devicesIn('failed')} AS failed,
          ${devicesIn('installed')} AS installed, ${weight} AS w
        FROM patches`,
      where,
      params,
      groupBy: 'kind, name',
      having: ['w > 0'],
      columns: columns[sort.field],
      direction: sort.direction,
      fingerprint: queryFingerprint({
        view: 'patch-list',
        kind: options.kind,
        state: options.state,
        search: options.search,
        sort,
      }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: ({ kb: _, ...row }) => row,
      keyOf: (row) => {
        switch (sort.field) {
          case 'need':
            return [row.w, row.kind, row.name];
          case 'name':
            return [row.name, row.kind];
          case 'kb':
            return [row.kbNumber ?? '', row.kind, row.name];
          default:
            return [row[sort.field], row.kind, row.name];
        }
      },
    });
  }

  devices(options: {
    kind?: PatchKind;
    name?: string;
    state?: 'pending' | 'failed';
    pendingForDays?: number;
    /** Only these devices (a selection to export), in the list's order. */
    deviceIds?: readonly number[];
    now?: number;
    sort?: Sort<PatchDeviceSortField>;
    cursor?: string | null;
    limit: number;
  }): Page<DeviceNeedingPatches> {
    const sort = options.sort ?? { field: 'name', direction: 'asc' };
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.kind) {
      where.push('p.kind = ?');
      params.push(options.kind);
    }
    if (options.name !== undefined) {
      where.push('p.name = ?');
      params.push(options.name);
    }
    if (options.pendingForDays !== undefined) {
      where.push(`p.state = 'pending' AND p.first_seen <= ?`);
      params.push((options.now ?? Date.now()) - options.pendingForDays * 86_400_000);
    } else {
      where.push(options.state ? 'p.state = ?' : `p.state IN ('pending', 'failed')`);
      if (options.state) params.push(options.state);
    }
    if (options.deviceIds) {
      where.push('d.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(options.deviceIds));
    }
    const tail = ['d.name', 'd.id'];
    const columns: Record<PatchDeviceSortField, string[]> = {
      name: tail,
      organization: ['d.organization_name', ...tail],
      status: ['d.agent_status', ...tail],
      patches: ['patches', ...tail],
      since: ['since', ...tail],
    };
    const { kind, name, state, pendingForDays, deviceIds } = options;
    return keysetPage<DeviceNeedingPatches & { since: number }, DeviceNeedingPatches>(this.db, {
      select: `SELECT d.id AS deviceId, d.name AS deviceName, nullif(d.organization_name, '') AS organizationName,
          d.agent_status AS agentStatus, count(*) AS patches, min(p.first_seen) AS oldestSince,
          coalesce(min(p.first_seen), 0) AS since
        FROM patches p JOIN devices d ON d.id = p.device_id`,
      where,
      params,
      groupBy: 'd.id',
      columns: columns[sort.field],
      direction: sort.direction,
      fingerprint: queryFingerprint({
        view: 'patch-devices',
        kind,
        name,
        state,
        pendingForDays,
        deviceIds,
        sort,
      }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: ({ since: _, ...row }) => row,
      count: true,
      keyOf: (row) => {
        const tie = [row.deviceName, row.deviceId];
        switch (sort.field) {
          case 'name':
            return tie;
          case 'organization':
            return [row.organizationName ?? '', ...tie];
          case 'status':
            return [row.agentStatus, ...tie];
          case 'patches':
            return [row.patches, ...tie];
          case 'since':
            return [row.oldestSince ?? 0, ...tie];
        }
      },
    });
  }
}
