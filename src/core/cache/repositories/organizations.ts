import { inTransaction, notSeenSince, type Db } from '../database';
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
  private readonly storedOrg;
  private readonly stampOrg;

  constructor(private readonly db: Db) {
    // An unchanged organization is not rewritten: renaming one rewrites its devices' names (trigger).
    this.upsertOrg = db.prepare(`
      INSERT INTO organizations (id, name, description, node_approval_mode, raw, synced_at, sync_run)
      VALUES (@id, @name, @description, @nodeApprovalMode, @raw, @now, @run)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
        node_approval_mode = excluded.node_approval_mode, raw = excluded.raw, synced_at = excluded.synced_at,
        sync_run = coalesce(excluded.sync_run, organizations.sync_run)
      WHERE organizations.name IS NOT excluded.name OR organizations.description IS NOT excluded.description
        OR organizations.node_approval_mode IS NOT excluded.node_approval_mode OR organizations.raw IS NOT excluded.raw`);
    this.storedOrg = db.prepare('SELECT 1 FROM organizations WHERE id = ?').pluck();
    this.stampOrg = db.prepare(
      'UPDATE organizations SET synced_at = ?, sync_run = coalesce(?, sync_run) WHERE id = ?',
    );
    this.upsertLoc = db.prepare(`
      INSERT INTO locations (id, organization_id, name, address, description, synced_at, sync_run)
      VALUES (@id, @organizationId, @name, @address, @description, @now, @run)
      ON CONFLICT(id) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name,
        address = excluded.address, description = excluded.description, synced_at = excluded.synced_at,
        sync_run = coalesce(excluded.sync_run, locations.sync_run)`);
  }

  /**
   * Writes in the caller's transaction when there is one; returns the ids added and changed. `run` is
   * the sync run that saw them (null keeps the run that last saw an existing one).
   */
  upsertOrganizations(
    rows: readonly OrganizationRecord[],
    now = Date.now(),
    run: number | null = null,
  ): { added: number[]; changed: number[] } {
    const added: number[] = [];
    const changed: number[] = [];
    inTransaction(this.db, () => {
      for (const row of rows) {
        const existed = this.storedOrg.get(row.id) !== undefined;
        const written = this.upsertOrg.run({
          id: row.id,
          name: row.name,
          description: row.description,
          nodeApprovalMode: row.nodeApprovalMode,
          raw: JSON.stringify(row.raw ?? null),
          now,
          run,
        }).changes;
        if (!existed) added.push(row.id);
        else if (written > 0) changed.push(row.id);
        else this.stampOrg.run(now, run, row.id);
      }
    });
    return { added, changed };
  }

  upsertLocations(rows: readonly LocationRecord[], now = Date.now(), run: number | null = null): void {
    inTransaction(this.db, () => {
      for (const row of rows) this.upsertLoc.run({ ...row, now, run });
    });
  }

  /** Ids of the cached organizations and locations (a device naming another one is written without it). */
  knownIds(): { organizations: Set<number>; locations: Set<number> } {
    const ids = (sql: string): Set<number> => new Set(this.db.prepare(sql).pluck().all() as number[]);
    return {
      organizations: ids('SELECT id FROM organizations'),
      locations: ids('SELECT id FROM locations'),
    };
  }

  /**
   * The end of a full pass: deletes the locations and organizations sync run `run` did not see
   * (their devices were swept before); returns the organization ids removed.
   */
  sweep(run: number): number[] {
    return inTransaction(this.db, () => {
      this.db.prepare('DELETE FROM locations WHERE sync_run IS NOT ?').run(run);
      return this.db
        .prepare('DELETE FROM organizations WHERE sync_run IS NOT ? RETURNING id')
        .pluck()
        .all(run) as number[];
    });
  }

  /** Organizations sync run `run` did not see (what its sweep would delete). */
  unseenBy(run: number): number[] {
    return this.db
      .prepare('SELECT id FROM organizations WHERE sync_run IS NOT ? ORDER BY id')
      .pluck()
      .all(run) as number[];
  }

  /**
   * Organizations run `run` listed that have cached devices of which it saw none: a sweep would leave
   * a client NinjaOne still has with no devices at all, which is more often a read gone wrong.
   */
  emptiedBy(run: number): { id: number; name: string }[] {
    return this.db
      .prepare(
        `SELECT o.id, o.name FROM organizations o WHERE o.sync_run = ?
           AND EXISTS (SELECT 1 FROM devices d WHERE d.organization_id = o.id)
           AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.organization_id = o.id AND d.sync_run = ?)
         ORDER BY o.name`,
      )
      .all(run, run) as { id: number; name: string }[];
  }

  /** Of these organizations, the ones no sync run from `run` on has seen. */
  notSeenSince(ids: readonly number[], run: number): number[] {
    return notSeenSince(this.db, 'organizations', ids, run);
  }

  /** Deletes these organizations with their locations and (cascading) devices; returns those removed. */
  deleteMany(ids: readonly number[]): number[] {
    const remove = this.db.prepare('DELETE FROM organizations WHERE id = ?');
    return inTransaction(this.db, () => ids.filter((id) => remove.run(id).changes > 0));
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
