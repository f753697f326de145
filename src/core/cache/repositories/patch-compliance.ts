import type { Page } from '../../../shared/rpc/paging';
import type { Db } from '../database';
import { decodeCursor, encodeCursor, keysetCondition, orderBy, queryFingerprint } from '../keyset';
import { likeContains } from '../search-query';
import type { PatchKind } from './patches';

type Count = number;

/** Fleet-wide patch questions for the patches view, answered from the cache. */
export class PatchCompliance {
  constructor(private readonly db: Db) {}

  byOrganization(
    cursor: string | null | undefined,
    limit: number,
  ): Page<{
    organizationId: number | null;
    organizationName: string;
    devices: Count;
    failed: Count;
    pending: Count;
    upToDate: Count;
    unknown: Count;
  }> {
    const fingerprint = queryFingerprint({ view: 'patch-orgs' });
    const having = cursor ? `HAVING ${keysetCondition(['organization_name', 'org'], 'asc')}` : '';
    const rows = this.db
      .prepare(
        `SELECT coalesce(organization_id, -1) AS org, organization_name, count(*) AS devices,
           sum(patch_state = 'failed') AS failed, sum(patch_state = 'pending') AS pending,
           sum(patch_state = 'up_to_date') AS upToDate, sum(patch_state = 'unknown') AS unknown
         FROM devices GROUP BY org ${having} ORDER BY organization_name, org LIMIT ?`,
      )
      .all(...(cursor ? decodeCursor(cursor, fingerprint, 2) : []), limit + 1) as {
      org: number;
      organization_name: string;
      devices: number;
      failed: number;
      pending: number;
      upToDate: number;
      unknown: number;
    }[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page.at(-1);
    return {
      items: page.map(({ org, organization_name, ...counts }) => ({
        organizationId: org === -1 ? null : org,
        organizationName: organization_name || '(no organization)',
        ...counts,
      })),
      nextCursor: more && last ? encodeCursor(fingerprint, [last.organization_name, last.org]) : null,
    };
  }

  byPatch(options: {
    kind?: PatchKind;
    state?: 'pending' | 'failed';
    search?: string;
    cursor?: string | null;
    limit: number;
  }): Page<{
    kind: PatchKind;
    name: string;
    kbNumber: string | null;
    severity: string | null;
    pending: Count;
    failed: Count;
    installed: Count;
  }> {
    const fingerprint = queryFingerprint({
      view: 'patch-list',
      kind: options.kind,
      state: options.state,
      search: options.search,
    });
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
    const having: string[] = ['w > 0'];
    if (options.cursor) {
      having.push(keysetCondition(['w', 'kind', 'name'], 'desc'));
      params.push(...decodeCursor(options.cursor, fingerprint, 3));
    }
    const rows = this.db
      .prepare(
        `SELECT kind, name, max(kb_number) AS kbNumber, max(severity) AS severity, sum(state = 'pending') AS pending,
           sum(state = 'failed') AS failed, sum(state = 'installed') AS installed, ${weight} AS w
         FROM patches ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         GROUP BY kind, name HAVING ${having.join(' AND ')} ORDER BY ${orderBy(['w', 'kind', 'name'], 'desc')} LIMIT ?`,
      )
      .all(...params, options.limit + 1) as {
      kind: PatchKind;
      name: string;
      kbNumber: string | null;
      severity: string | null;
      pending: number;
      failed: number;
      installed: number;
      w: number;
    }[];
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page.at(-1);
    return {
      items: page.map(({ w: _w, ...row }) => row),
      nextCursor: more && last ? encodeCursor(fingerprint, [last.w, last.kind, last.name]) : null,
    };
  }

  devices(options: {
    kind?: PatchKind;
    name?: string;
    state?: 'pending' | 'failed';
    pendingForDays?: number;
    now?: number;
    cursor?: string | null;
    limit: number;
  }): Page<{
    deviceId: number;
    deviceName: string;
    organizationName: string | null;
    agentStatus: 'online' | 'offline' | 'unknown';
    patches: Count;
    oldestFirstSeen: number | null;
  }> {
    const fingerprint = queryFingerprint({
      view: 'patch-devices',
      ...options,
      cursor: undefined,
      limit: undefined,
      now: undefined,
    });
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
    const columns = ['d.name', 'd.id'];
    const having = options.cursor ? `HAVING ${keysetCondition(columns, 'asc')}` : '';
    const rows = this.db
      .prepare(
        `SELECT d.id AS deviceId, d.name AS deviceName, nullif(d.organization_name, '') AS organizationName,
           d.agent_status AS agentStatus, count(*) AS patches, min(p.first_seen) AS oldestFirstSeen
         FROM patches p JOIN devices d ON d.id = p.device_id WHERE ${where.join(' AND ')}
         GROUP BY d.id ${having} ORDER BY ${orderBy(columns, 'asc')} LIMIT ?`,
      )
      .all(
        ...params,
        ...(options.cursor ? decodeCursor(options.cursor, fingerprint, 2) : []),
        options.limit + 1,
      ) as {
      deviceId: number;
      deviceName: string;
      organizationName: string | null;
      agentStatus: 'online' | 'offline' | 'unknown';
      patches: number;
      oldestFirstSeen: number | null;
    }[];
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: more && last ? encodeCursor(fingerprint, [last.deviceName, last.deviceId]) : null,
    };
  }
}
