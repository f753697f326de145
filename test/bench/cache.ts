import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Cache } from '../../src/core/cache/cache';
import type { AssetFilter, AssetSort } from '../../src/shared/contract/assets';
import { fleetRecords } from '../support/fleet-records';
import { percentile, printReport, round, type BenchRow } from './report';

/**
 * `npm run bench -- cache`: writes 50,000 devices into a real cache file, then measures first-page and
 * deep-page latency for each sort and FTS search latency, as the assets view calls them.
 */
export async function benchCache(): Promise<void> {
  const N = 50_000;
  const dir = mkdtempSync(join(tmpdir(), 'alga-bench-cache-'));
  try {
    const cache = Cache.open(join(dir, 'cache.db'));
    const fleet = fleetRecords(N, 99);
    cache.organizations.upsertOrganizations(fleet.organizations);
    cache.organizations.upsertLocations(fleet.locations);
    const t0 = performance.now();
    for (let i = 0; i < N; i += 1000) {
      const page = fleet.devices.slice(i, i + 1000);
      cache.transaction(() => cache.devices.upsertMany(page));
    }
    const insertMs = performance.now() - t0;

    const time = (fn: () => unknown): number => {
      const s = performance.now();
      fn();
      return performance.now() - s;
    };
    const list = (filter: AssetFilter, sort: AssetSort, cursor: string | null, limit = 200) =>
      cache.devices.list({ filter, sort, cursor, limit });

    const sorts: AssetSort[] = [
      { field: 'name', direction: 'asc' },
      { field: 'lastContact', direction: 'desc' },
      { field: 'organization', direction: 'asc' },
      { field: 'status', direction: 'asc' },
    ];
    const firstPage: number[] = [];
    const deepPage: number[] = [];
    for (const sort of sorts) {
      for (let rep = 0; rep < 20; rep++) firstPage.push(time(() => list({}, sort, null)));
      // Walk to the last pages, timing each keyset page on the way.
      let cursor: string | null = null;
      do {
        let next: string | null = null;
        deepPage.push(time(() => (next = list({}, sort, cursor, 500).nextCursor)));
        cursor = next;
      } while (cursor);
    }
    const filtered: number[] = [];
    const filters: AssetFilter[] = [
      { agentStatus: 'offline' },
      { organizationIds: [3] },
      { assetTypes: ['server'], agentStatus: 'online' },
      { hasAlerts: true },
    ];
    for (const filter of filters)
      for (let rep = 0; rep < 20; rep++) filtered.push(time(() => list(filter, sorts[0]!, null)));

    const searches: number[] = [];
    const terms = [
      'acme',
      'ws-0',
      '10.3.1',
      'jdoe',
      'SN1',
      'harbor-srv',
      '4242',
      'zzz-none',
      'birch',
      '192.168',
    ];
    for (let rep = 0; rep < 20; rep++) {
      for (const term of terms) searches.push(time(() => list({ search: term }, sorts[0]!, null, 100)));
      const device = fleet.devices[(rep * 977) % N]!;
      searches.push(time(() => list({ search: device.name.toLowerCase() }, sorts[0]!, null, 100)));
    }
    // What technicians type besides fragments: several words, one- and two-letter word starts,
    // address prefixes, MAC addresses in their several forms, curly apostrophes.
    const typed: number[] = [];
    const typedTerms = [
      'acme ws',
      'a',
      'dc',
      'ws 42',
      '10.3.',
      '10.3.1',
      'f4:8e:38',
      '001A.2B00.1234',
      'jdoe acme',
      'o’brien',
    ];
    for (let rep = 0; rep < 20; rep++) {
      for (const term of typedTerms) typed.push(time(() => list({ search: term }, sorts[0]!, null, 100)));
      const mac = fleet.devices[(rep * 977) % N]!.macAddresses[0]!;
      typed.push(time(() => list({ search: mac.toLowerCase().replaceAll(':', '-') }, sorts[0]!, null, 100)));
    }
    cache.close();

    const rows: BenchRow[] = [
      { metric: 'devices', value: N, unit: 'rows' },
      { metric: 'insert_rate', value: Math.round(N / (insertMs / 1000)), unit: 'rows/s' },
      { metric: 'first_page_p50', value: round(percentile(firstPage, 50)), unit: 'ms' },
      { metric: 'first_page_p95', value: round(percentile(firstPage, 95)), unit: 'ms', goal: '< 10 ms' },
      { metric: 'deep_page_p50', value: round(percentile(deepPage, 50)), unit: 'ms' },
      { metric: 'deep_page_p95', value: round(percentile(deepPage, 95)), unit: 'ms', goal: '< 10 ms' },
      { metric: 'deep_page_max', value: round(Math.max(...deepPage)), unit: 'ms' },
      {
        metric: 'filtered_first_page_p95',
        value: round(percentile(filtered, 95)),
        unit: 'ms',
        goal: '< 10 ms',
      },
      { metric: 'search_p50', value: round(percentile(searches, 50)), unit: 'ms' },
      { metric: 'search_p95', value: round(percentile(searches, 95)), unit: 'ms', goal: '< 20 ms' },
      { metric: 'search_typed_p50', value: round(percentile(typed, 50)), unit: 'ms' },
      { metric: 'search_typed_p95', value: round(percentile(typed, 95)), unit: 'ms', goal: '< 20 ms' },
    ];
    printReport('cache', rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
