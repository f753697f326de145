import type { AlertRow } from '../../shared/contract/alerts';
import type { AssetRow } from '../../shared/contract/assets';
import type { ExportRequest } from '../../shared/contract/export';
import { isAppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';

type Cell = string | number | null;

/** Rows read from the cache per step: large enough to be quick, small enough to keep the core answering. */
export const EXPORT_PAGE_SIZE = 1000;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const assetColumns: [string, (r: AssetRow) => Cell][] = [
  ['Device ID', (r) => r.id],
  ['Name', (r) => r.name],
  ['Organization', (r) => r.organizationName],
  ['Location', (r) => r.locationName],
  ['Type', (r) => r.assetType],
  ['Status', (r) => r.agentStatus],
  ['Last contact', (r) => iso(r.lastContact)],
  ['OS', (r) => r.osName],
  ['Serial', (r) => r.serial],
  ['Last user', (r) => r.lastUser],
  ['IP addresses', (r) => r.ipAddresses.join(' ')],
  ['Open alerts', (r) => r.alertCount],
  ['Worst alert', (r) => r.maxAlertSeverity],
  ['Patches', (r) => r.patchState],
];

const alertColumns: [string, (r: AlertRow) => Cell][] = [
  ['Alert ID', (r) => r.uid],
  ['Severity', (r) => r.severity],
  ['Condition', (r) => r.conditionName ?? r.subject],
  ['Message', (r) => r.message],
  ['Device', (r) => r.deviceName],
  ['Device ID', (r) => r.deviceId],
  ['Organization', (r) => r.organizationName],
  ['State', (r) => r.state],
  ['Triggered', (r) => iso(r.createdAt)],
  ['Reset', (r) => iso(r.resetAt)],
  ['Times triggered', (r) => r.triggerCount],
  ['Seen by', (r) => r.acknowledgedBy],
  ['Ticket', (r) => (r.ticket ? (r.ticket.number ?? r.ticket.id ?? 'pending') : null)],
];

/** Reads the selected rows that are still in the cache; one the sync removed meanwhile is left out. */
function present<K, T>(keys: readonly K[], read: (key: K) => T): T[] {
  const rows: T[] = [];
  for (const key of keys) {
    try {
      rows.push(read(key));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'not_found') throw error;
    }
  }
  return rows;
}

/**
 * The export's header and then its rows, one page of the cache per step, in the list's own order. A
 * generator: the writer pulls a page, writes it and yields to the event loop before the next, so no
 * more than one page is ever held and the core keeps serving the console meanwhile.
 */
export function* exportPages(cache: Cache, request: ExportRequest): Generator<Cell[][]> {
  if (request.list === 'assets') {
    yield [assetColumns.map(([name]) => name)];
    const toCells = (r: AssetRow): Cell[] => assetColumns.map(([, cell]) => cell(r));
    if (request.ids) {
      for (let i = 0; i < request.ids.length; i += EXPORT_PAGE_SIZE)
        yield present(request.ids.slice(i, i + EXPORT_PAGE_SIZE), (id) => cache.devices.get(id)).map(toCells);
      return;
    }
    let cursor: string | null = null;
    do {
      const page = cache.devices.list({
        filter: request.filter,
        sort: request.sort,
        cursor,
        limit: EXPORT_PAGE_SIZE,
      });
      yield page.items.map(toCells);
      cursor = page.nextCursor;
    } while (cursor);
    return;
  }
  yield [alertColumns.map(([name]) => name)];
  const toCells = (r: AlertRow): Cell[] => alertColumns.map(([, cell]) => cell(r));
  if (request.uids) {
    for (let i = 0; i < request.uids.length; i += EXPORT_PAGE_SIZE)
      yield present(request.uids.slice(i, i + EXPORT_PAGE_SIZE), (uid) => cache.alerts.get(uid)).map(toCells);
    return;
  }
  let cursor: string | null = null;
  do {
    const page = cache.alerts.list({ filter: request.filter, cursor, limit: EXPORT_PAGE_SIZE });
    yield page.items.map(toCells);
    cursor = page.nextCursor;
  } while (cursor);
}
