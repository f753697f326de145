import { inTransaction, type Db } from '../database';
import type { LocationRecord, OrganizationRecord } from '../records';
import { keysetPage, queryFingerprint } from '../keyset';
import type { Page } from '../../../shared/rpc/paging';
import { likeContains } from '../search-query';

export interface OrganizationRow {
  id: number;
  name: string;
  deviceCount: number;
}

export class OrganizationRepository {
  private readonly upsertOrg;
  private readonly upsertLoc;

  constructor(private readonly db: Db) {
    this.upsertOrg = db.prepare(`
      INSERT INTO organizations (id, name, description, node_approval_mode, raw, synced_at)
      VALUES (@id, @name, @description, @nodeApprovalMode, @raw, @now)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
        node_approval_mode = excluded.node_approval_mode, raw = excluded.raw, synced_at = excluded.synced_at`);
    this.upsertLoc = db.prepare(`
      INSERT INTO locations (id, organization_id, name, address, description, synced_at)
      VALUES (@id, @organizationId, @name, @address, @description, @now)
      ON CONFLICT(id) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name,
        address = excluded.address, description = excluded.description, synced_at = excluded.synced_at`);
  }

  /** Writes in the caller's transaction when there is one (better-sqlite3 nests as savepoints). */
  upsertOrganizations(rows: readonly OrganizationRecord[], now = Date.now()): void {
    inTransaction(this.db, () => {
      for (const row of rows) this.upsertOrg.run({ ...row, raw: JSON.stringify(row.raw ?? null), now });
    });
  }

  upsertLocations(rows: readonly LocationRecord[], now = Date.now()): void {
    inTransaction(this.db, () => {
      for (const row of rows) this.upsertLoc.run({ ...row, now });
    });
  }

  list(options: { search?: string; cursor?: string | null; limit: number }): Page<OrganizationRow> {
    return keysetPage<OrganizationRow, OrganizationRow>(this.db, {
      select: `SELECT o.id, o.name, (SELECT count(*) FROM devices d WHERE d.organization_id = o.id) AS deviceCount FROM organizations o`,
      where: options.search ? [`o.name LIKE ? ESCAPE '\\'`] : [],
      params: options.search ? [likeContains(options.search)] : [],
      columns: ['o.name', 'o.id'],
      direction: 'asc',
      fingerprint: queryFingerprint({ view: 'organizations', search: options.search ?? '' }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (row) => row,
      keyOf: (row) => [row.name, row.id],
    });
  }
}
