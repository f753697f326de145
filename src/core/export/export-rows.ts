import type { AlertRow } from '../../shared/contract/alerts';
import type { AssetRow } from '../../shared/contract/assets';
import type { ExportRequest } from '../../shared/contract/export';
import type { Page } from '../../shared/rpc/paging';
import { isAppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import type { DeviceNeedingPatches } from '../cache/repositories/patch-compliance';
import type { SoftwareInstallRow } from '../cache/repositories/software';

type Cell = string | number | null;
type List = ExportRequest['list'];
type RequestOf<L extends List> = Extract<ExportRequest, { list: L }>;

/** Rows read from the cache per step: large enough to be quick, small enough to keep the core answering. */
export const EXPORT_PAGE_SIZE = 1000;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

type Column<Row> = [string, (row: Row) => Cell];

/**
 * One kind of export: the file's name, its columns (header and how each row fills it), and the pages
 * of rows, in the list's order: every row of the request's query, or only its selection.
 */
interface ExportKind<L extends List, Row> {
  fileStem: string;
  selected(request: RequestOf<L>): boolean;
  columns: Column<Row>[];
  pages(cache: Cache, request: RequestOf<L>): Iterable<Row[]>;
}

/** A kind in the table: its row type is checked here and not needed past it. */
const exportKind = <L extends List, Row>(kind: ExportKind<L, Row>): ExportKind<L, unknown> =>
  kind as unknown as ExportKind<L, unknown>;

/** Every page of a keyset-paged list, following its cursor to the end. */
function* keysetPages<Row>(read: (cursor: string | null) => Page<Row>): Generator<Row[]> {
  let cursor: string | null = null;
  do {
    const page = read(cursor);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/** The selected rows in selection order, a page at a time; one the sync removed meanwhile is left out. */
function* selectedPages<K, Row>(keys: readonly K[], read: (key: K) => Row): Generator<Row[]> {
  for (let i = 0; i < keys.length; i += EXPORT_PAGE_SIZE) {
    const rows: Row[] = [];
    for (const key of keys.slice(i, i + EXPORT_PAGE_SIZE)) {
      try {
        rows.push(read(key));
      } catch (error) {
        if (!isAppError(error) || error.code !== 'not_found') throw error;
      }
    }
    yield rows;
  }
}

/** What an export of a drill-down's devices starts with, whichever list it comes from. */
const deviceColumns: Column<
  Pick<DeviceNeedingPatches, 'deviceId' | 'deviceName' | 'organizationName' | 'agentStatus'>
>[] = [
  ['Device ID', (r) => r.deviceId],
  ['Name', (r) => r.deviceName],
  ['Organization', (r) => r.organizationName],
  ['Status', (r) => r.agentStatus],
];

const exportKinds: { [L in List]: ExportKind<L, unknown> } = {
  assets: exportKind<'assets', AssetRow>({
    fileStem: 'assets',
    selected: (request) => request.ids !== undefined,
    columns: [
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
    ],
    pages: (cache, { filter, sort, ids }) =>
      ids
        ? selectedPages(ids, (id) => cache.devices.get(id))
        : keysetPages((cursor) => cache.devices.list({ filter, sort, cursor, limit: EXPORT_PAGE_SIZE })),
  }),
  alerts: exportKind<'alerts', AlertRow>({
    fileStem: 'alerts',
    selected: (request) => request.uids !== undefined,
    columns: [
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
    ],
    pages: (cache, { filter, uids }) =>
      uids
        ? selectedPages(uids, (uid) => cache.alerts.get(uid))
        : keysetPages((cursor) => cache.alerts.list({ filter, cursor, limit: EXPORT_PAGE_SIZE })),
  }),
  // The drill-downs read a selection through the list's own query, so it keeps the list's order.
  patchDevices: exportKind<'patchDevices', DeviceNeedingPatches>({
    fileStem: 'patch-devices',
    selected: (request) => request.ids !== undefined,
    columns: [...deviceColumns, ['Patches', (r) => r.patches], ['Oldest since', (r) => iso(r.oldestSince)]],
    pages: (cache, { list: _, ids, ...query }) =>
      keysetPages((cursor) =>
        cache.patchCompliance.devices({ ...query, deviceIds: ids, cursor, limit: EXPORT_PAGE_SIZE }),
      ),
  }),
  softwareInstalls: exportKind<'softwareInstalls', SoftwareInstallRow>({
    fileStem: 'software-installs',
    selected: (request) => request.ids !== undefined,
    columns: [
      ...deviceColumns,
      ['Title', (r) => r.title],
      ['Version', (r) => r.version],
      ['Installed', (r) => iso(r.installDate)],
    ],
    pages: (cache, { list: _, ids, ...query }) =>
      keysetPages((cursor) =>
        cache.software.installs({ ...query, deviceIds: ids, cursor, limit: EXPORT_PAGE_SIZE }),
      ),
  }),
};

/** The kind that serves a request: the table holds each kind under its own list, so they agree. */
const kindOf = (request: ExportRequest): ExportKind<List, unknown> =>
  exportKinds[request.list] as ExportKind<List, unknown>;

/** `assets-selection-202612071530.csv`: what was exported, whether a selection, and when. */
export function exportFileName(request: ExportRequest, at: Date): string {
  const kind = kindOf(request);
  const stamp = at.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `${kind.fileStem}-${kind.selected(request) ? 'selection' : 'list'}-${stamp}.csv`;
}

/**
 * The export's header and then its rows, one page of the cache per step, in the list's own order. A
 * generator: the writer pulls a page, writes it and yields to the event loop before the next, so no
 * more than one page is ever held and the core keeps serving the console meanwhile.
 */
export function* exportPages(cache: Cache, request: ExportRequest): Generator<Cell[][]> {
  const kind = kindOf(request);
  yield [kind.columns.map(([name]) => name)];
  for (const page of kind.pages(cache, request))
    yield page.map((row) => kind.columns.map(([, cell]) => cell(row)));
}
