import { AppError } from '../../../shared/rpc/errors';
import type { Page } from '../../../shared/rpc/paging';
import type { MappingFilter, MappingRow } from '../../../shared/contract/psa';
import { inTransaction, type Db } from '../../cache/database';
import { keysetPage, queryFingerprint } from '../../cache/keyset';
import { likeContains } from '../../cache/search-query';
import { nameSimilarity, prepareName, SUGGESTION_THRESHOLD, type PreparedName } from './normalize';

interface MappingSql {
  organization_id: number;
  organization_name: string;
  device_count: number;
  client_id: string | null;
  client_name: string | null;
  client_exists: number | null;
  suggested_client_id: string | null;
  suggested_client_name: string | null;
  suggestion_score: number | null;
}

function toRow(r: MappingSql): MappingRow {
  return {
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    deviceCount: r.device_count,
    client: r.client_id
      ? { id: r.client_id, name: r.client_name ?? r.client_id, exists: r.client_exists === 1 }
      : null,
    suggestion:
      r.suggested_client_id && r.suggestion_score !== null
        ? {
            id: r.suggested_client_id,
            name: r.suggested_client_name ?? '',
            score: r.suggestion_score,
            exact: r.suggestion_score >= 1,
          }
        : null,
    state: r.client_id ? 'mapped' : r.suggested_client_id ? 'suggested' : 'unmapped',
  };
}

const select = `
  SELECT o.id AS organization_id, o.name AS organization_name,
    (SELECT count(*) FROM devices d WHERE d.organization_id = o.id) AS device_count,
    m.client_id, m.client_name, (SELECT 1 FROM psa_clients c WHERE c.id = m.client_id) AS client_exists,
    m.suggested_client_id, m.suggested_client_name, m.suggestion_score
  FROM organizations o LEFT JOIN org_client_map m ON m.organization_id = o.id`;

export interface MappedClient {
  clientId: string;
  clientName: string;
}

/**
 * The organization-to-client mapping (`org_client_map`). Suggestions come from normalized names and
 * are refreshed whenever organizations or PSA clients change; a ticket uses only a client a technician
 * confirmed or chose, never a bare suggestion.
 */
export class OrgClientMapRepository {
  constructor(private readonly db: Db) {}

  /** Recomputes the suggestion of every organization; confirmed clients stay as they are. */
  refreshSuggestions(now = Date.now()): { organizations: number; suggested: number } {
    const clients = (
      this.db.prepare('SELECT id, name FROM psa_clients WHERE inactive = 0').all() as {
        id: string;
        name: string;
      }[]
    ).map((c) => ({ ...c, prepared: prepareName(c.name) }));
    const byNormalized = new Map<string, typeof clients>();
    for (const c of clients)
      byNormalized.set(c.prepared.normalized, [...(byNormalized.get(c.prepared.normalized) ?? []), c]);
    const orgs = this.db.prepare('SELECT id, name FROM organizations').all() as {
      id: number;
      name: string;
    }[];
    const upsert = this.db.prepare(`
      INSERT INTO org_client_map (organization_id, suggested_client_id, suggested_client_name, suggestion_score, updated_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(organization_id) DO UPDATE SET suggested_client_id = excluded.suggested_client_id,
        suggested_client_name = excluded.suggested_client_name, suggestion_score = excluded.suggestion_score,
        updated_at = CASE WHEN org_client_map.suggested_client_id IS excluded.suggested_client_id
          THEN org_client_map.updated_at ELSE excluded.updated_at END`);
    let suggested = 0;
    inTransaction(this.db, () => {
      for (const org of orgs) {
        const best = bestClient(prepareName(org.name), clients, byNormalized);
        if (best) suggested++;
        upsert.run(org.id, best?.id ?? null, best?.name ?? null, best?.score ?? null, now);
      }
    });
    return { organizations: orgs.length, suggested };
  }

  list(options: {
    filter: MappingFilter;
    cursor?: string | null | undefined;
    limit: number;
  }): Page<MappingRow> {
    const { filter } = options;
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.search) {
      where.push(`o.name LIKE ? ESCAPE '\\'`);
      params.push(likeContains(filter.search));
    }
    if (filter.states?.length) {
      const conditions = {
        mapped: 'm.client_id IS NOT NULL',
        suggested: 'm.client_id IS NULL AND m.suggested_client_id IS NOT NULL',
        unmapped: '(m.client_id IS NULL AND m.suggested_client_id IS NULL)',
      };
      where.push(`(${filter.states.map((s) => conditions[s]).join(' OR ')})`);
    }
    return keysetPage(this.db, {
      select,
      where,
      params,
      columns: ['o.name', 'o.id'],
      direction: 'asc',
      fingerprint: queryFingerprint({ view: 'org_client_map', filter }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: toRow,
      keyOf: (r) => [r.organizationName, r.organizationId],
    });
  }

  get(organizationId: number): MappingRow {
    const row = this.db.prepare(`${select} WHERE o.id = ?`).get(organizationId) as MappingSql | undefined;
    if (!row) {
      throw new AppError(
        'not_found',
        `Organization ${organizationId} is not in the cache. Run a NinjaOne sync first.`,
      );
    }
    return toRow(row);
  }

  /** Accepts the current suggestion of each organization; those without one are returned as skipped. */
  confirm(organizationIds: readonly number[], now = Date.now()): { confirmed: number[]; skipped: number[] } {
    const confirmed: number[] = [];
    const skipped: number[] = [];
    const accept = this.db.prepare(`
      UPDATE org_client_map SET client_id = suggested_client_id, client_name = suggested_client_name, confirmed = 1, updated_at = ?
      WHERE organization_id = ? AND suggested_client_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM psa_clients c WHERE c.id = org_client_map.suggested_client_id)`);
    inTransaction(this.db, () => {
      for (const id of organizationIds) {
        if (accept.run(now, id).changes) confirmed.push(id);
        else skipped.push(id);
      }
    });
    return { confirmed, skipped };
  }

  /** Maps an organization to a client the technician picked. */
  change(organizationId: number, clientId: string, now = Date.now()): MappingRow {
    this.get(organizationId);
    const client = this.db.prepare('SELECT name FROM psa_clients WHERE id = ?').get(clientId) as
      { name: string } | undefined;
    if (!client) {
      throw new AppError(
        'not_found',
        `Alga PSA client ${clientId} is not in the reference data. Refresh the PSA reference data and pick the client again.`,
      );
    }
    this.db
      .prepare(
        `
        INSERT INTO org_client_map (organization_id, client_id, client_name, confirmed, updated_at) VALUES (?, ?, ?, 1, ?)
        ON CONFLICT(organization_id) DO UPDATE SET client_id = excluded.client_id, client_name = excluded.client_name,
          confirmed = 1, updated_at = excluded.updated_at`,
      )
      .run(organizationId, clientId, client.name, now);
    return this.get(organizationId);
  }

  /** Removes the chosen client; the suggestion stays for a later confirm. */
  clear(organizationIds: readonly number[], now = Date.now()): number {
    const clear = this.db.prepare(
      'UPDATE org_client_map SET client_id = NULL, client_name = NULL, confirmed = 0, updated_at = ? WHERE organization_id = ? AND client_id IS NOT NULL',
    );
    let cleared = 0;
    inTransaction(this.db, () => {
      for (const id of organizationIds) cleared += clear.run(now, id).changes;
    });
    return cleared;
  }

  /** Every confirmed mapping: organization id to client id. */
  confirmedClients(): Map<number, string> {
    const rows = this.db
      .prepare('SELECT organization_id, client_id FROM org_client_map WHERE client_id IS NOT NULL')
      .all() as { organization_id: number; client_id: string }[];
    return new Map(rows.map((r) => [r.organization_id, r.client_id]));
  }

  /** The confirmed client of an organization, or null. */
  clientOf(organizationId: number): MappedClient | null {
    const row = this.db
      .prepare(
        'SELECT client_id, client_name FROM org_client_map WHERE organization_id = ? AND client_id IS NOT NULL',
      )
      .get(organizationId) as { client_id: string; client_name: string | null } | undefined;
    return row ? { clientId: row.client_id, clientName: row.client_name ?? row.client_id } : null;
  }
}

function bestClient(
  org: PreparedName,
  clients: readonly { id: string; name: string; prepared: PreparedName }[],
  byNormalized: Map<string, { id: string; name: string }[]>,
): { id: string; name: string; score: number } | null {
  const exact = byNormalized.get(org.normalized);
  // Two clients with the same normalized name: guessing between them would be wrong half the time.
  if (exact) return exact.length === 1 ? { ...exact[0]!, score: 1 } : null;
  let best: { id: string; name: string; score: number } | null = null;
  let tie = false;
  for (const c of clients) {
    const score = nameSimilarity(org, c.prepared);
    if (score < SUGGESTION_THRESHOLD) continue;
    if (!best || score > best.score) {
      best = { id: c.id, name: c.name, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  return tie ? null : best;
}
