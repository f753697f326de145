import type { Cache } from '../cache/cache';
import type { AntivirusRecord } from '../cache/repositories/antivirus';
import type { PatchRecord } from '../cache/repositories/patches';
import type { SoftwareRecord } from '../cache/repositories/software';
import type { NinjaOneClient, Page } from '../ninjaone';
import type { FamilyName } from './families';
import { mapAntivirus, mapOsPatch, mapSoftware, mapSoftwarePatch } from './mappers/inventory';

export type InventoryPhase = 'software' | 'patches' | 'antivirus';

interface QueryOptions {
  df?: string;
  signal: AbortSignal;
  /** Restarts after an expired cursor (0 when the caller splits the query and retries itself). */
  restarts?: number;
}

/** One fleet query (`/v2/queries/*`) and how its rows become cache records. */
export interface InventoryQuery<R> {
  /** The endpoint family it reads: NinjaOne may refuse one and not the others. */
  family: FamilyName;
  pages(client: NinjaOneClient, options: QueryOptions): AsyncGenerator<Page<unknown>>;
  map(row: unknown): R;
}

/**
 * What the full pass and the incremental sync read per device beyond the device itself, grouped by
 * the repository that stores it. The full pass writes every page stamped with its run and sweeps at
 * the end of the family; the incremental sync replaces the picture of the devices that changed.
 */
export interface InventoryFamily<R> {
  phase: InventoryPhase;
  /** The table views refetch after a change. */
  table: string;
  queries: readonly InventoryQuery<R>[];
  // Methods (not function properties) so a family of any record type is an InventoryFamily<unknown>.
  /** Full pass: one page; returns rows skipped because their device is not cached. */
  write(cache: Cache, rows: R[], run: number): number;
  /**
   * Full pass, after every query of the family: delete what the run did not see, of the queries it
   * read (`read`: a skipped query's rows stay), and recompute roll-ups.
   */
  finish(cache: Cache, run: number, read: ReadonlySet<FamilyName>): void;
  /** Incremental: these devices' rows become `rows`. */
  replace(cache: Cache, deviceIds: readonly number[], rows: R[], run: number): void;
}

function query<Row, R>(
  family: FamilyName,
  pages: (client: NinjaOneClient, options: QueryOptions) => AsyncGenerator<Page<Row>>,
  map: (row: Row) => R,
): InventoryQuery<R> {
  return { family, pages, map: map as (row: unknown) => R };
}

const software: InventoryFamily<SoftwareRecord> = {
  phase: 'software',
  table: 'software',
  queries: [query('software', (c, o) => c.querySoftware(o), mapSoftware)],
  write: (cache, rows, run) => cache.software.upsertMany(rows, run),
  finish: (cache, run, read) => {
    if (read.has('software')) cache.software.sweep(run);
    cache.software.refreshTitleCounts();
  },
  replace: (cache, ids, rows, run) => cache.software.replaceForDevices(ids, rows, run),
};

const patches: InventoryFamily<PatchRecord> = {
  phase: 'patches',
  table: 'patches',
  queries: [
    query(
      'os-patches',
      (c, o) => c.queryOsPatches(o),
      (row) => mapOsPatch(row, 'open'),
    ),
    query(
      'os-patch-installs',
      (c, o) => c.queryOsPatchInstalls(o),
      (row) => mapOsPatch(row, 'installs'),
    ),
    query(
      'software-patches',
      (c, o) => c.querySoftwarePatches(o),
      (row) => mapSoftwarePatch(row, 'open'),
    ),
    query(
      'software-patch-installs',
      (c, o) => c.querySoftwarePatchInstalls(o),
      (row) => mapSoftwarePatch(row, 'installs'),
    ),
  ],
  write: (cache, rows, run) => cache.patches.upsertMany(rows, run),
  finish: (cache, run, read) => {
    // Open patches and the install history share rows: a kind is swept only when both were read.
    const kinds = (['os', 'software'] as const).filter(
      (kind) => read.has(`${kind}-patches`) && read.has(`${kind}-patch-installs`),
    );
    if (kinds.length > 0) cache.patches.sweep(run, kinds);
    cache.patches.refreshRollups('all');
  },
  replace: (cache, ids, rows, run) => cache.patches.replaceForDevices(ids, rows, run),
};

const antivirus: InventoryFamily<AntivirusRecord> = {
  phase: 'antivirus',
  table: 'antivirus',
  queries: [query('antivirus', (c, o) => c.queryAntivirusStatus(o), mapAntivirus)],
  write: (cache, rows, run) => cache.antivirus.upsertMany(rows, run),
  finish: (cache, run, read) => {
    if (read.has('antivirus')) cache.antivirus.sweep(run);
    cache.antivirus.refreshRollups('all');
  },
  replace: (cache, ids, rows, run) => cache.antivirus.replaceForDevices(ids, rows, run),
};

export const inventoryFamilies: readonly InventoryFamily<unknown>[] = [software, patches, antivirus];
