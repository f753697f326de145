import type { InventoryInvalidation } from '../../shared/ninjaone-activities';
import type { Cache } from '../cache/cache';
import type { AntivirusRecord } from '../cache/repositories/antivirus';
import type { PatchRecord } from '../cache/repositories/patches';
import type { SoftwareRecord } from '../cache/repositories/software';
import type { NinjaOneClient, Page } from '../ninjaone';
import type { FamilyName } from './families';
import { mapAntivirus, mapOsPatch, mapSoftware, mapSoftwarePatch } from './mappers/inventory';
import type { CacheTopic } from '../../shared/contract/cache-topics';

export type InventoryPhase = 'software' | 'patches' | 'antivirus';

interface QueryOptions {
  df?: string;
  signal: AbortSignal;
  /** Restarts after an expired cursor (0 when the caller splits the query and retries itself). */
  restarts?: number;
  /** Install histories only: installs after this time (epoch seconds). */
  installedAfter?: number;
}

/** One fleet query (`/v2/queries/*`) and how its rows become cache records. */
export interface InventoryQuery<R> {
  /** The endpoint family it reads: NinjaOne may refuse one and not the others. */
  family: FamilyName;
  pages(client: NinjaOneClient, options: QueryOptions): AsyncGenerator<Page<unknown>>;
  map(row: unknown): R;
  /** An install history: an incremental read asks only for installs since the last read. */
  history?: boolean;
}

/**
 * What the full pass reads per device beyond the device itself, grouped by the repository that
 * stores it: every page is written stamped with the pass's run, and the end of the family sweeps
 * what the run did not see.
 */
export interface InventoryFamily<R> {
  phase: InventoryPhase;
  /** The table views refetch after a change. */
  table: CacheTopic;
  queries: readonly InventoryQuery<R>[];
  // Methods (not function properties) so a family of any record type is an InventoryFamily<unknown>.
  /** Full pass: one page; returns rows skipped because their device is not cached. */
  write(cache: Cache, rows: R[], run: number): number;
  /**
   * Full pass, after every query of the family: delete what the run did not see, of the queries it
   * read (`read`: a skipped query's rows stay), and recompute roll-ups.
   */
  finish(cache: Cache, run: number, read: ReadonlySet<FamilyName>): void;
}

/**
 * What the incremental sync and the relay client read again of a device when an activity made it
 * stale (see `invalidatedBy`): these devices' rows become what the queries return (install histories
 * are merged, read since the last read).
 */
export interface DeviceFamily<R> {
  name: InventoryInvalidation;
  /** The full pass's phase that reads the same queries (what a failed read is owed under). */
  phase: InventoryPhase;
  table: CacheTopic;
  queries: readonly InventoryQuery<R>[];
  apply(cache: Cache, deviceIds: readonly number[], rows: R[], run: number): void;
}

function query<Row, R>(
  family: FamilyName,
  pages: (client: NinjaOneClient, options: QueryOptions) => AsyncGenerator<Page<Row>>,
  map: (row: Row) => R,
  history = false,
): InventoryQuery<R> {
  return { family, pages, map: map as (row: unknown) => R, history };
}

const softwareQuery = query('software', (c, o) => c.querySoftware(o), mapSoftware);
const osPatchQueries = [
  query(
    'os-patches',
    (c, o) => c.queryOsPatches(o),
    (row) => mapOsPatch(row, 'open'),
  ),
  query(
    'os-patch-installs',
    (c, o) => c.queryOsPatchInstalls(o),
    (row) => mapOsPatch(row, 'installs'),
    true,
  ),
];
const softwarePatchQueries = [
  query(
    'software-patches',
    (c, o) => c.querySoftwarePatches(o),
    (row) => mapSoftwarePatch(row, 'open'),
  ),
  query(
    'software-patch-installs',
    (c, o) => c.querySoftwarePatchInstalls(o),
    (row) => mapSoftwarePatch(row, 'installs'),
    true,
  ),
];
const antivirusQuery = query('antivirus', (c, o) => c.queryAntivirusStatus(o), mapAntivirus);

const software: InventoryFamily<SoftwareRecord> = {
  phase: 'software',
  table: 'device_software',
  queries: [softwareQuery],
  write: (cache, rows, run) => cache.software.upsertMany(rows, run),
  finish: (cache, run, read) => {
    if (read.has('software')) cache.software.sweep(run);
    cache.software.refreshTitleCounts();
  },
};

const patches: InventoryFamily<PatchRecord> = {
  phase: 'patches',
  table: 'patches',
  queries: [...osPatchQueries, ...softwarePatchQueries],
  write: (cache, rows, run) => cache.patches.upsertMany(rows, run),
  finish: (cache, run, read) => {
    // Open patches and the install history share rows: a kind is swept only when both were read.
    const kinds = (['os', 'software'] as const).filter(
      (kind) => read.has(`${kind}-patches`) && read.has(`${kind}-patch-installs`),
    );
    if (kinds.length > 0) cache.patches.sweep(run, kinds);
    cache.patches.refreshRollups('all');
  },
};

const antivirus: InventoryFamily<AntivirusRecord> = {
  phase: 'antivirus',
  table: 'antivirus',
  queries: [antivirusQuery],
  write: (cache, rows, run) => cache.antivirus.upsertMany(rows, run),
  finish: (cache, run, read) => {
    if (read.has('antivirus')) cache.antivirus.sweep(run);
    cache.antivirus.refreshRollups('all');
  },
};

export const inventoryFamilies: readonly InventoryFamily<unknown>[] = [software, patches, antivirus];

export const deviceFamilies: Readonly<Record<InventoryInvalidation, DeviceFamily<unknown>>> = {
  software: {
    name: 'software',
    phase: 'software',
    table: 'device_software',
    queries: [softwareQuery],
    apply: (cache, ids, rows, run) => cache.software.replaceForDevices(ids, rows as SoftwareRecord[], run),
  },
  osPatches: {
    name: 'osPatches',
    phase: 'patches',
    table: 'patches',
    queries: osPatchQueries,
    apply: (cache, ids, rows, run) => cache.patches.refreshForDevices(ids, 'os', rows as PatchRecord[], run),
  },
  softwarePatches: {
    name: 'softwarePatches',
    phase: 'patches',
    table: 'patches',
    queries: softwarePatchQueries,
    apply: (cache, ids, rows, run) =>
      cache.patches.refreshForDevices(ids, 'software', rows as PatchRecord[], run),
  },
  antivirus: {
    name: 'antivirus',
    phase: 'antivirus',
    table: 'antivirus',
    queries: [antivirusQuery],
    apply: (cache, ids, rows, run) => cache.antivirus.replaceForDevices(ids, rows as AntivirusRecord[], run),
  },
};
