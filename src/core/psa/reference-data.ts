import type { Db } from '../cache/database';
import { inTransaction } from '../cache/database';
import { keysetPage, queryFingerprint } from '../cache/keyset';
import { likeContains } from '../cache/search-query';
import type { Page } from '../../shared/rpc/paging';
import type { PsaClient } from './client';
import type { BoardRow, PriorityRow, PsaClientRow, TicketStatusRow } from './schemas';

export interface CachedBoard {
  id: string;
  name: string;
  isDefault: boolean;
  inactive: boolean;
}
export interface CachedStatus {
  id: string;
  boardId: string;
  name: string;
  isDefault: boolean;
  isClosed: boolean;
  order: number | null;
}
export interface CachedPriority {
  id: string;
  name: string;
  order: number | null;
}
export interface CachedClient {
  id: string;
  name: string;
  inactive: boolean;
}

export interface ReferenceSnapshot {
  clients: PsaClientRow[];
  boards: BoardRow[];
  statuses: TicketStatusRow[];
  priorities: PriorityRow[];
}

/** Clients, boards, board-scoped statuses and priorities, as last fetched from the PSA (psa_* tables). */
export class ReferenceDataRepository {
  constructor(private readonly db: Db) {}

  /** Replaces everything in one transaction, so readers never see half a refresh. */
  replace(snapshot: ReferenceSnapshot, now: number): void {
    inTransaction(this.db, () => {
      this.db.exec(
        'DELETE FROM psa_statuses; DELETE FROM psa_boards; DELETE FROM psa_priorities; DELETE FROM psa_clients;',
      );
      const client = this.db.prepare(
        'INSERT OR REPLACE INTO psa_clients (id, name, inactive, synced_at) VALUES (?, ?, ?, ?)',
      );
      for (const c of snapshot.clients) client.run(c.client_id, c.client_name, c.is_inactive ? 1 : 0, now);
      const board = this.db.prepare(
        'INSERT OR REPLACE INTO psa_boards (id, name, is_default, inactive, synced_at) VALUES (?, ?, ?, ?, ?)',
      );
      for (const b of snapshot.boards)
        board.run(b.board_id, b.board_name, b.is_default ? 1 : 0, b.is_inactive ? 1 : 0, now);
      const status = this.db.prepare(
        'INSERT OR REPLACE INTO psa_statuses (id, board_id, name, is_default, is_closed, display_order, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const s of snapshot.statuses) {
        status.run(
          s.status_id,
          s.board_id ?? null,
          s.name,
          s.is_default ? 1 : 0,
          s.is_closed ? 1 : 0,
          s.order_number ?? null,
          now,
        );
      }
      const priority = this.db.prepare(
        'INSERT OR REPLACE INTO psa_priorities (id, name, order_number, synced_at) VALUES (?, ?, ?, ?)',
      );
      for (const p of snapshot.priorities)
        priority.run(p.priority_id, p.priority_name, p.order_number ?? null, now);
    });
  }

  boards(): CachedBoard[] {
    return (
      this.db
        .prepare('SELECT id, name, is_default, inactive FROM psa_boards ORDER BY inactive, name')
        .all() as {
        id: string;
        name: string;
        is_default: number;
        inactive: number;
      }[]
    ).map((b) => ({ id: b.id, name: b.name, isDefault: b.is_default === 1, inactive: b.inactive === 1 }));
  }

  board(id: string): CachedBoard | null {
    return this.boards().find((b) => b.id === id) ?? null;
  }

  statuses(boardId?: string): CachedStatus[] {
    const rows = this.db
      .prepare(
        `SELECT id, board_id, name, is_default, is_closed, display_order FROM psa_statuses
         ${boardId ? 'WHERE board_id = ?' : ''} ORDER BY board_id, display_order IS NULL, display_order, name`,
      )
      .all(...(boardId ? [boardId] : [])) as {
      id: string;
      board_id: string;
      name: string;
      is_default: number;
      is_closed: number;
      display_order: number | null;
    }[];
    return rows.map((s) => ({
      id: s.id,
      boardId: s.board_id,
      name: s.name,
      isDefault: s.is_default === 1,
      isClosed: s.is_closed === 1,
      order: s.display_order,
    }));
  }

  status(id: string): CachedStatus | null {
    const row = this.statuses().find((s) => s.id === id);
    return row ?? null;
  }

  priorities(): CachedPriority[] {
    return (
      this.db
        .prepare(
          'SELECT id, name, order_number FROM psa_priorities ORDER BY order_number IS NULL, order_number, name',
        )
        .all() as {
        id: string;
        name: string;
        order_number: number | null;
      }[]
    ).map((p) => ({ id: p.id, name: p.name, order: p.order_number }));
  }

  client(id: string): CachedClient | null {
    const row = this.db.prepare('SELECT id, name, inactive FROM psa_clients WHERE id = ?').get(id) as
      { id: string; name: string; inactive: number } | undefined;
    return row ? { id: row.id, name: row.name, inactive: row.inactive === 1 } : null;
  }

  activeClients(): CachedClient[] {
    return (
      this.db.prepare('SELECT id, name FROM psa_clients WHERE inactive = 0').all() as {
        id: string;
        name: string;
      }[]
    ).map((c) => ({ ...c, inactive: false }));
  }

  clientCount(): number {
    return this.db.prepare('SELECT count(*) FROM psa_clients').pluck().get() as number;
  }

  /** Clients by name, keyset-paged, for pickers. */
  clientPage(options: {
    search?: string | undefined;
    cursor?: string | null | undefined;
    limit: number;
  }): Page<CachedClient> {
    return keysetPage(this.db, {
      select: 'SELECT id, name, inactive FROM psa_clients',
      where: options.search ? [`name LIKE ? ESCAPE '\\'`] : [],
      params: options.search ? [likeContains(options.search)] : [],
      columns: ['name', 'id'],
      direction: 'asc',
      fingerprint: queryFingerprint({ view: 'psa_clients', search: options.search ?? '' }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (r: { id: string; name: string; inactive: number }) => ({
        id: r.id,
        name: r.name,
        inactive: r.inactive === 1,
      }),
      keyOf: (c) => [c.name, c.id],
    });
  }
}

/** Fetches all reference data from the PSA (statuses board by board, since they are board-scoped). */
export async function fetchReferenceData(client: PsaClient): Promise<ReferenceSnapshot> {
  const [clients, boards, priorities] = await Promise.all([
    client.clients(),
    client.boards(),
    client.priorities(),
  ]);
  const statuses: TicketStatusRow[] = [];
  for (const board of boards) {
    for (const status of await client.ticketStatuses(board.board_id)) {
      statuses.push({ ...status, board_id: status.board_id ?? board.board_id });
    }
  }
  return { clients, boards, statuses, priorities };
}
