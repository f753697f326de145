import type { AgentStatus } from '../../../shared/contract/domain';
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
  oldestFirstSeen: number | null;
}

/** Fleet-wide patch questions for the patches view, answered from the cache. */
export class PatchCompliance {
  constructor(private readonly db: Db) {}

  byOrganization(cursor: string | null | undefined, limit: number): Page<OrganizationCompliance> {
    return keysetPage<
      OrganizationCompliance & { org: number; organization_name: string },
      OrganizationCompliance
    >(this.db, {
      select: `SELECT coalesce(organization_id, -1) AS org, organization_name, count(*) AS devices,
          sum(patch_state = 'failed') AS failed, sum(patch_state = 'pending') AS pending,
          sum(patch_state = 'up_to_date') AS upToDate, sum(patch_state = 'unknown') AS unknown
        FROM devices`,
      where: [],
      params: [],
      groupBy: 'org',
      columns: ['organization_name', 'org'],
      direction: 'asc',
      fingerprint: queryFingerprint({ view: 'patch-orgs' }),
      cursor,
      limit,
      toItem: ({ org, organization_name, ...counts }) => ({
        ...counts,
        organizationId: org === -1 ? null : org,
        organizationName: organization_name || '(no organization)',
      }),
      keyOf: (row) => [
        row.organizationName === '(no organization)' ? '' : row.organizationName,
        row.organizationId ?? -1,
      ],
    });
  }

  byPatch(options: {
    kind?: PatchKind;
    state?: 'pending' | 'failed';
    search?: string;
    cursor?: string | null;
    limit: number;
  }): Page<PatchNeed> {
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
    // Rank by the devices that still need the patch (in the asked state, or pending and failed together).
    const pendingSql = "sum(state = 'pending')";
    const failedSql = "sum(state = 'failed')";
    const weight =
      options.state === 'failed'
        ? failedSql
        : options.state === 'pending'
          ? pendingSql
          : `${failedSql} + ${pendingSql}`;
    return keysetPage<PatchNeed & { w: number }, PatchNeed & { w: number }>(this.db, {
      select: `SELECT kind, name, max(kb_number) AS kbNumber, max(severity) AS severity, ${pendingSql} AS pending,
          ${failedSql} AS failed, sum(state = 'installed') AS installed, ${weight} AS w
        FROM patches`,
      where,
      params,
      groupBy: 'kind, name',
      having: ['w > 0'],
      columns: ['w', 'kind', 'name'],
      direction: 'desc',
      fingerprint: queryFingerprint({
        view: 'patch-list',
        kind: options.kind,
        state: options.state,
        search: options.search,
      }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (row) => row,
      keyOf: (row) => [row.w, row.kind, row.name],
    });
  }

  devices(options: {
    kind?: PatchKind;
    name?: string;
    state?: 'pending' | 'failed';
    pendingForDays?: number;
    now?: number;
    cursor?: string | null;
    limit: number;
  }): Page<DeviceNeedingPatches> {
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
    const { kind, name, state, pendingForDays } = options;
    return keysetPage<DeviceNeedingPatches, DeviceNeedingPatches>(this.db, {
      select: `SELECT d.id AS deviceId, d.name AS deviceName, nullif(d.organization_name, '') AS organizationName,
          d.agent_status AS agentStatus, count(*) AS patches, min(p.first_seen) AS oldestFirstSeen
        FROM patches p JOIN devices d ON d.id = p.device_id`,
      where,
      params,
      groupBy: 'd.id',
      columns: ['d.name', 'd.id'],
      direction: 'asc',
      fingerprint: queryFingerprint({ view: 'patch-devices', kind, name, state, pendingForDays }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (row) => row,
      keyOf: (row) => [row.deviceName, row.deviceId],
    });
  }
}
