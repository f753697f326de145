import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { AssetFilter, AssetRow, AssetSort } from '../../src/shared/contract/assets';
import { AppError } from '../../src/shared/rpc/errors';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

let dir: string;
let cache: Cache;
let fleet: FleetRecords;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alga-devices-'));
  cache = Cache.open(join(dir, 'cache.db'));
  fleet = fleetRecords(3000, 7);
  seedCache(cache, fleet);
});

afterAll(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function allPages(filter: AssetFilter, sort: AssetSort, limit = 97): AssetRow[] {
  const rows: AssetRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = cache.devices.list({ filter, sort, cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    rows.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return rows;
}

const byName = (a: { name: string; id: number }, b: { name: string; id: number }): number =>
  a.name.toLowerCase() < b.name.toLowerCase()
    ? -1
    : a.name.toLowerCase() > b.name.toLowerCase()
      ? 1
      : a.id - b.id;

describe('device search (FTS5 trigram)', () => {
  it('finds a device by a fragment of its name', () => {
    const target = fleet.devices[1234]!;
    const fragment = target.name.slice(-7);
    const page = cache.devices.list({
      filter: { search: fragment },
      sort: { field: 'name', direction: 'asc' },
      limit: 50,
    });
    expect(page.items.map((r) => r.id)).toContain(target.id);
    for (const row of page.items) expect(row.name.toLowerCase()).toContain(fragment.toLowerCase());
  });

  it('finds a device by serial, last user and IP, case-insensitively', () => {
    const target = fleet.devices.find((d) => d.lastUser)!;
    for (const term of [
      target.serial!.toLowerCase(),
      target.lastUser!.split('\\')[1]!,
      target.ipAddresses[0]!,
    ]) {
      const page = cache.devices.list({
        filter: { search: term },
        sort: { field: 'name', direction: 'asc' },
        limit: 500,
      });
      expect(
        page.items.map((r) => r.id),
        `search "${term}"`,
      ).toContain(target.id);
    }
  });

  it('matches an exact IP without matching longer ones that merely start with it', () => {
    const target = fleet.devices[5]!;
    const page = cache.devices.list({
      filter: { search: target.ipAddresses[0]! },
      sort: { field: 'name', direction: 'asc' },
      limit: 500,
    });
    expect(page.items.some((r) => r.id === target.id)).toBe(true);
    for (const row of page.items)
      expect(row.ipAddresses.some((ip) => ip.includes(target.ipAddresses[0]!))).toBe(true);
  });

  it('combines several words and short terms', () => {
    const target = fleet.devices[42]!;
    const [prefix, kind, number] = target.name.split('-');
    const page = cache.devices.list({
      filter: { search: `${prefix!.slice(0, 2)} ${number}` },
      sort: { field: 'name', direction: 'asc' },
      limit: 50,
    });
    expect(page.items.map((r) => r.id)).toContain(target.id);
    expect(kind).toBeTruthy();
  });

  it('returns nothing, not everything, for a term that matches no device', () => {
    const page = cache.devices.list({
      filter: { search: 'zzqq-no-such-host' },
      sort: { field: 'name', direction: 'asc' },
      limit: 50,
    });
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
  });

  it('follows renames: the old name stops matching, the new one matches', () => {
    const original = fleet.devices[7]!;
    const renamed = { ...original, name: 'RENAMED-KIOSK-0007', systemName: 'RENAMED-KIOSK-0007' };
    cache.devices.upsertMany([renamed]);
    try {
      const found = cache.devices.list({
        filter: { search: 'kiosk-0007' },
        sort: { field: 'name', direction: 'asc' },
        limit: 10,
      });
      expect(found.items.map((r) => r.id)).toEqual([renamed.id]);
      const old = cache.devices.list({
        filter: { search: original.name },
        sort: { field: 'name', direction: 'asc' },
        limit: 10,
      });
      expect(old.items.map((r) => r.id)).not.toContain(renamed.id);
    } finally {
      cache.devices.upsertMany([original]);
    }
  });
});

describe('keyset paging', () => {
  it('walks every device exactly once in name order', () => {
    const rows = allPages({}, { field: 'name', direction: 'asc' });
    expect(rows.length).toBe(fleet.devices.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(fleet.devices.length);
    expect(rows.map((r) => r.id)).toEqual([...fleet.devices].sort(byName).map((d) => d.id));
  });

  it('pages filtered results: organization, type, status and alerts combined', () => {
    const filter: AssetFilter = {
      organizationIds: [2, 5],
      assetTypes: ['server', 'workstation'],
      agentStatus: 'online',
      hasAlerts: false,
    };
    const rows = allPages(filter, { field: 'organization', direction: 'desc' });
    const expected = fleet.devices
      .filter(
        (d) =>
          [2, 5].includes(d.organizationId!) &&
          ['server', 'workstation'].includes(d.assetType) &&
          d.agentStatus === 'online',
      )
      .sort((a, b) => {
        const orgA = fleet.organizations.find((o) => o.id === a.organizationId)!.name.toLowerCase();
        const orgB = fleet.organizations.find((o) => o.id === b.organizationId)!.name.toLowerCase();
        return orgA < orgB ? 1 : orgA > orgB ? -1 : -byName(a, b);
      });
    expect(rows.map((r) => r.id)).toEqual(expected.map((d) => d.id));
    const first = cache.devices.list({
      filter,
      sort: { field: 'organization', direction: 'desc' },
      limit: 10,
    });
    expect(first.total).toBe(expected.length);
  });

  it('sorts by last contact descending with ties broken by id', () => {
    const rows = allPages({ agentStatus: 'offline' }, { field: 'lastContact', direction: 'desc' }, 50);
    const expected = fleet.devices
      .filter((d) => d.agentStatus === 'offline')
      .sort((a, b) => b.lastContact! - a.lastContact! || b.id - a.id);
    expect(rows.map((r) => r.id)).toEqual(expected.map((d) => d.id));
  });

  it('pages search results combined with a filter', () => {
    const rows = allPages(
      { search: 'acme', assetTypes: ['server'] },
      { field: 'name', direction: 'asc' },
      20,
    );
    const expected = fleet.devices
      .filter((d) => d.name.toLowerCase().includes('acme') && d.assetType === 'server')
      .sort(byName);
    expect(expected.length).toBeGreaterThan(20);
    expect(rows.map((r) => r.id)).toEqual(expected.map((d) => d.id));
  });

  it('pages a search matching most of the fleet in every sort order', () => {
    // Thousands of matches take the path that walks the sort's index (`WALK_INDEX_ABOVE`).
    const matching = fleet.devices.filter((d) =>
      d.name.split(/[^A-Za-z0-9]+/).some((w) => w.startsWith('0')),
    );
    expect(matching.length).toBeGreaterThan(1000);
    const first = cache.devices.list({
      filter: { search: '0' },
      sort: { field: 'name', direction: 'asc' },
      limit: 50,
    });
    expect(first.total).toBe(matching.length);
    expect(allPages({ search: '0' }, { field: 'name', direction: 'asc' }).map((r) => r.id)).toEqual(
      [...matching].sort(byName).map((d) => d.id),
    );
    // The same order as the whole fleet's list in that order, less what does not match.
    const ids = new Set(matching.map((d) => d.id));
    const sort = { field: 'organization', direction: 'desc' } as const;
    const rows = allPages({ search: '0' }, sort);
    expect(rows.map((r) => r.id)).toEqual(
      allPages({}, sort)
        .filter((r) => ids.has(r.id))
        .map((r) => r.id),
    );
    expect(rows[0]!.match).toBeDefined();
  });

  it('refuses a cursor that belongs to another query', () => {
    const page = cache.devices.list({ filter: {}, sort: { field: 'name', direction: 'asc' }, limit: 10 });
    expect(() =>
      cache.devices.list({
        filter: { agentStatus: 'offline' },
        sort: { field: 'name', direction: 'asc' },
        cursor: page.nextCursor,
        limit: 10,
      }),
    ).toThrow(AppError);
  });

  it('uses an index for every sort order (no full-table sort)', () => {
    for (const [field, sql] of [
      ['name', 'ORDER BY d.name ASC, d.id ASC'],
      ['lastContact', 'ORDER BY d.last_contact DESC, d.id DESC'],
      ['organization', 'ORDER BY d.organization_name ASC, d.name ASC, d.id ASC'],
      ['status', 'ORDER BY d.agent_status ASC, d.name ASC, d.id ASC'],
    ] as const) {
      const plan = cache.db
        .prepare(`EXPLAIN QUERY PLAN SELECT d.id FROM devices d ${sql} LIMIT 100`)
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | '), field).not.toMatch(/TEMP B-TREE/);
    }
  });
});
