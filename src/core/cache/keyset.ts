import { createHash } from 'node:crypto';
import { AppError } from '../../shared/rpc/errors';
import type { Page } from '../../shared/rpc/paging';
import type { Db } from './database';

export type KeyValue = string | number | null;

interface CursorBody {
  /** Fingerprint of the query the cursor belongs to. */
  q: string;
  /** Values of the sort columns of the last row returned. */
  k: KeyValue[];
}

export function queryFingerprint(query: unknown): string {
  return createHash('sha1').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
}

export function encodeCursor(fingerprint: string, key: KeyValue[]): string {
  const body: CursorBody = { q: fingerprint, k: key };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes a cursor and checks it belongs to the same query; a cursor from another query is refused. */
export function decodeCursor(cursor: string, fingerprint: string, arity: number): KeyValue[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('invalid_input', 'The page cursor is not valid. Start again from the first page.');
  }
  const parsed = body as Partial<CursorBody>;
  const validKey =
    Array.isArray(parsed.k) &&
    parsed.k.length === arity &&
    parsed.k.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (typeof parsed.q !== 'string' || !validKey) {
    throw new AppError('invalid_input', 'The page cursor is not valid. Start again from the first page.');
  }
  if (parsed.q !== fingerprint) {
    throw new AppError(
      'invalid_input',
      'The page cursor belongs to a different search or sort. Start again from the first page.',
    );
  }
  return parsed.k as KeyValue[];
}

/**
 * `(a, b, c) > (?, ?, ?)` for ascending pages or `<` for descending: SQLite turns a row-value
 * comparison into an index range scan when the index has the same columns in the same order.
 */
export function keysetCondition(columns: readonly string[], direction: 'asc' | 'desc'): string {
  const op = direction === 'asc' ? '>' : '<';
  return `(${columns.join(', ')}) ${op} (${columns.map(() => '?').join(', ')})`;
}

export function orderBy(columns: readonly string[], direction: 'asc' | 'desc'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return columns.map((c) => `${c} ${dir}`).join(', ');
}

/** `select` with its filters and grouping: the result a page walks, or counts. */
function filtered(select: string, where: string[], groupBy: string | undefined, having: string[]): string {
  return [
    select,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    groupBy ? `GROUP BY ${groupBy}` : '',
    having.length ? `HAVING ${having.join(' AND ')}` : '',
  ].join(' ');
}

/**
 * One keyset page: `select` (up to FROM/JOINs) filtered by `where`, continued after `cursor`, ordered
 * by `columns`, mapped by `toItem`; `keyOf` gives the sort values of an item for the next cursor.
 * With `groupBy`, the page runs over groups and the cursor condition goes into HAVING.
 */
export function keysetPage<Raw, Item>(
  db: Db,
  query: {
    select: string;
    where: string[];
    params: unknown[];
    groupBy?: string;
    having?: string[];
    columns: readonly string[];
    direction: 'asc' | 'desc';
    fingerprint: string;
    cursor?: string | null | undefined;
    limit: number;
    toItem: (raw: Raw) => Item;
    keyOf: (item: Item) => KeyValue[];
    /** Counts the whole result on the first page, for a list that shows its size. */
    count?: boolean;
  },
): Page<Item> {
  const where = [...query.where];
  const having = [...(query.having ?? [])];
  const params = [...query.params];
  const total =
    query.count && !query.cursor
      ? (
          db
            .prepare(`SELECT count(*) AS n FROM (${filtered(query.select, where, query.groupBy, having)})`)
            .get(...params) as { n: number }
        ).n
      : undefined;
  if (query.cursor) {
    (query.groupBy ? having : where).push(keysetCondition(query.columns, query.direction));
    params.push(...decodeCursor(query.cursor, query.fingerprint, query.columns.length));
  }
  const sql = `${filtered(query.select, where, query.groupBy, having)} ORDER BY ${orderBy(query.columns, query.direction)} LIMIT ?`;
  const rows = db.prepare(sql).all(...params, query.limit + 1) as Raw[];
  const more = rows.length > query.limit;
  const items = (more ? rows.slice(0, query.limit) : rows).map(query.toItem);
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor(query.fingerprint, query.keyOf(last)) : null;
  return total === undefined ? { items, nextCursor } : { items, nextCursor, total };
}
