import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { csvStream } from '../../src/core/export/csv-writer';
import { PreparedExports } from '../../src/core/export/prepared-exports';
import { inventoryHandlers } from '../../src/core/host/handlers/inventory';
import { procedures } from '../../src/shared/contract';
import { exportRequestSchema, type ExportRequestInput } from '../../src/shared/contract/export';
import { parseCsv } from '../support/csv';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { patchRecords, softwareRecords } from '../support/inventory-records';

/**
 * The patch and software drill-downs export what their list procedure answers: every row of the
 * query in the list's order, or only the selected devices. On a real SQLite file, with lists longer
 * than one export page.
 */
let dir: string;
let cache: Cache;
let fleet: FleetRecords;
const DAY = 86_400_000;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alga-drilldown-export-'));
  cache = Cache.open(join(dir, 'cache.db'));
  fleet = fleetRecords(3000, 5);
  seedCache(cache, fleet);
  cache.software.upsertMany(softwareRecords(fleet), 1);
  cache.software.refreshTitleCounts();
  // Pending for 40 days on half of the devices, 2 days on the rest: "long pending" is a real subset.
  const patches = patchRecords(fleet);
  const now = Date.now();
  cache.patches.upsertMany(
    patches.filter((p) => p.deviceId % 2 === 0),
    1,
    now - 40 * DAY,
  );
  cache.patches.upsertMany(
    patches.filter((p) => p.deviceId % 2 === 1),
    1,
    now - 2 * DAY,
  );
  cache.patches.refreshRollups('all');
}, 60_000);

afterAll(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

type ListProcedure = 'patches.devices' | 'software.installs';

/** Every row the list procedure answers for this query, page by page as the view loads them. */
async function listed(proc: ListProcedure, query: object): Promise<Record<string, unknown>[]> {
  const handler = inventoryHandlers(cache)[proc] as (input: unknown, ctx: unknown) => unknown;
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const input = procedures[proc].input.parse({ ...query, cursor, limit: 500 });
    const page = (await handler(input, { signal: new AbortController().signal })) as {
      items: Record<string, unknown>[];
      nextCursor: string | null;
    };
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function exported(request: ExportRequestInput): Promise<string[][]> {
  const stream = csvStream(cache, exportRequestSchema.parse(request));
  const text = await new Response(stream as unknown as ReadableStream).text();
  return parseCsv(text.replace(/^\uFEFF/, ''));
}

const iso = (ms: unknown): string => (typeof ms === 'number' ? new Date(ms).toISOString() : '');

describe('patch drill-down export', () => {
  const cases = [
    {
      what: 'the devices of one pending patch, by name',
      query: { kind: 'os', name: '2026-11 Cumulative Update', sort: { field: 'name', direction: 'asc' } },
    },
    {
      what: 'the devices of every failed patch, most patches first',
      query: { state: 'failed', sort: { field: 'patches', direction: 'desc' } },
    },
    {
      what: 'the long-pending tab, oldest first',
      query: { pendingForDays: 30, sort: { field: 'since', direction: 'asc' } },
    },
  ] as const;

  for (const { what, query } of cases)
    it(`exports exactly the rows the list shows: ${what}`, async () => {
      const list = await listed('patches.devices', query);
      expect(list.length).toBeGreaterThan(0);
      const csv = await exported({ list: 'patchDevices', ...query });
      expect(csv[0]).toEqual(['Device ID', 'Name', 'Organization', 'Status', 'Patches', 'Oldest since']);
      expect(csv.slice(1)).toEqual(
        list.map((r) => [
          String(r.deviceId),
          r.deviceName,
          r.organizationName ?? '',
          r.agentStatus,
          String(r.patches),
          iso(r.oldestSince),
        ]),
      );
    });

  it('spans export pages: a list longer than one page of the cache comes out whole', async () => {
    const query = { sort: { field: 'name', direction: 'asc' } } as const;
    const list = await listed('patches.devices', query);
    expect(list.length).toBeGreaterThan(1000);
    const csv = await exported({ list: 'patchDevices', ...query });
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual(list.map((r) => r.deviceId));
  });

  it('exports a selection as only the selected devices, in the list order', async () => {
    const query = { state: 'failed', sort: { field: 'name', direction: 'desc' } } as const;
    const list = await listed('patches.devices', query);
    const picked = [list[7]!.deviceId, list[2]!.deviceId, list[40]!.deviceId] as number[];
    // A device that is not in this list (nothing failed there) is not in its export either.
    const other = fleet.devices.find((d) => !list.some((r) => r.deviceId === d.id))!.id;
    const csv = await exported({ list: 'patchDevices', ...query, ids: [...picked, other] });
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual([
      list[2]!.deviceId,
      list[7]!.deviceId,
      list[40]!.deviceId,
    ]);
    expect(csv.slice(1).map((r) => r[4])).toEqual([2, 7, 40].map((i) => String(list[i]!.patches)));
  });
});

describe('software drill-down export', () => {
  const cases = [
    { what: 'a title, every version (the title detail)', query: { name: 'Google Chrome', titleId: 0 } },
    { what: 'a question: Chrome below 120', query: { name: 'chrome', version: { op: '<', value: '120' } } },
    { what: 'a question: every device with AnyDesk', query: { name: 'anydesk' } },
  ];

  for (const { what, query } of cases)
    it(`exports exactly the rows the list shows: ${what}`, async () => {
      const resolved =
        'titleId' in query
          ? { ...query, titleId: cache.software.titles({ search: query.name, limit: 1 }).items[0]!.id }
          : query;
      const list = await listed('software.installs', resolved);
      expect(list.length).toBeGreaterThan(0);
      const csv = await exported({ list: 'softwareInstalls', ...resolved } as ExportRequestInput);
      expect(csv[0]).toEqual([
        'Device ID',
        'Name',
        'Organization',
        'Status',
        'Title',
        'Version',
        'Installed',
      ]);
      expect(csv.slice(1)).toEqual(
        list.map((r) => [
          String(r.deviceId),
          r.deviceName,
          r.organizationName ?? '',
          r.agentStatus,
          r.title,
          r.version ?? '',
          iso(r.installDate),
        ]),
      );
    });

  it('spans export pages: Chrome on all 3,000 devices comes out whole, in the list order', async () => {
    const list = await listed('software.installs', { name: 'Google Chrome' });
    expect(list).toHaveLength(3000);
    const csv = await exported({ list: 'softwareInstalls', name: 'Google Chrome' });
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual(list.map((r) => r.deviceId));
  });

  it('exports a selection as only the selected devices, in the list order', async () => {
    const query = { name: 'chrome', version: { op: '>=', value: '120' } } as const;
    const list = await listed('software.installs', query);
    const picked = [list[30]!.deviceId, list[3]!.deviceId] as number[];
    const below = (
      await listed('software.installs', { name: 'chrome', version: { op: '<', value: '120' } })
    )[0]!.deviceId as number;
    const csv = await exported({ list: 'softwareInstalls', ...query, ids: [...picked, below] });
    expect(csv.slice(1).map((r) => [Number(r[0]), r[5]])).toEqual(
      [list[3]!, list[30]!].map((r) => [r.deviceId, r.version]),
    );
  });
});

describe('file names', () => {
  it('say which list, and whether it is a selection', () => {
    const prepared = new PreparedExports(() => Date.UTC(2026, 11, 7, 15, 30));
    const name = (request: ExportRequestInput): string =>
      prepared.prepare(exportRequestSchema.parse(request)).fileName;
    expect(name({ list: 'patchDevices', pendingForDays: 30 })).toBe('patch-devices-list-202612071530.csv');
    expect(name({ list: 'softwareInstalls', name: 'AnyDesk', ids: [1] })).toBe(
      'software-installs-selection-202612071530.csv',
    );
    expect(name({ list: 'assets', ids: [1] })).toBe('assets-selection-202612071530.csv');
    expect(name({ list: 'alerts' })).toBe('alerts-list-202612071530.csv');
  });
});
