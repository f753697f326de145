import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/rpc/errors';
import { compareVersions } from '../../shared/version-compare';
import { searchIndexFunctions } from './device-search';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenCacheOptions {
  /** Replaceable in tests to exercise upgrades and edited migrations. */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Opens (creating if needed) the cache at `path` and brings its schema up to date. A corrupt file or
 * one written by a newer console is refused with a message that says what to do; the file is never
 * replaced or deleted here.
 */
export function openCache(path: string, options: OpenCacheOptions = {}): Db {
  const migrations = options.migrations ?? defaultMigrations;
  const existed = path !== ':memory:' && existsSync(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
  } catch (error) {
    throw corrupt(path, error);
  }
  try {
    // Reading the schema forces SQLite to parse the header: a non-database file fails here.
    db.pragma('schema_version');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    // "Chrome below 120" is a version comparison, not a string one.
    db.function('version_compare', { deterministic: true }, (a: unknown, b: unknown) =>
      compareVersions(String(a ?? ''), String(b ?? '')),
    );
    // The search index's triggers keep each field in the form the device search compares.
    for (const [name, fn] of Object.entries(searchIndexFunctions))
      db.function(name, { deterministic: true, varargs: true }, fn);
    if (existed) quickCheck(db, path);
    migrate(db, migrations, path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw corrupt(path, error);
  }
}

function corrupt(path: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    'cache_corrupt',
    `The cache file ${path} is damaged or is not a console cache (${reason}). It was left untouched: move it aside and the console will build a new cache with a full sync.`,
    { path, reason },
  );
}

function quickCheck(db: Db, path: string): void {
  const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
  const first = rows[0]?.quick_check;
  if (first !== 'ok') throw corrupt(path, new Error(first ?? 'quick_check returned nothing'));
}

function migrate(db: Db, migrations: readonly Migration[], path: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = db.prepare('SELECT version, name, checksum FROM _migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  const latestKnown = migrations.at(-1)?.version ?? 0;
  const newestApplied = applied.at(-1)?.version ?? 0;
  if (newestApplied > latestKnown) {
    throw new AppError(
      'cache_too_new',
      `The cache ${path} was written by a newer version of the console (schema ${newestApplied}; this version knows up to ${latestKnown}). Update the console, or point it at another cache file.`,
      { path, schema: newestApplied, known: latestKnown },
    );
  }
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known || checksum(known.sql) !== row.checksum) {
      throw new AppError(
        'cache_migration_changed',
        `The cache ${path} was built with a different migration ${row.version} (${row.name}) than this version ships. Move the file aside to rebuild the cache.`,
        { path, version: row.version },
      );
    }
  }
  const record = db.prepare(
    'INSERT INTO _migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const migration of migrations) {
    if (migration.version <= newestApplied) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, checksum(migration.sql), Date.now());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs `work` in a transaction, joining the caller's when one is open. better-sqlite3 would nest a
 * SAVEPOINT instead, which journals every page touched and made bulk upserts three times slower.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.inTransaction ? work() : db.transaction(work)();
}

/**
 * Calls `work(low, high)` for consecutive ranges of `size` device ids (`low` exclusive, `high`
 * inclusive). A statement that rewrites every device keeps a statement journal of every page it
 * touches (in memory: temp_store is MEMORY); done a range at a time, that journal stays small.
 */
export function eachDeviceRange(db: Db, work: (low: number, high: number) => void, size = 1000): void {
  const next = db
    .prepare('SELECT max(id) FROM (SELECT id FROM devices WHERE id > ? ORDER BY id LIMIT ?)')
    .pluck();
  for (let low = -1; ;) {
    const high = next.get(low, size) as number | null;
    if (high === null) return;
    work(low, high);
    low = high;
  }
}

/**
 * Runs one write of a row that belongs to a device and says whether it landed: false when the device
 * is not (or no longer) in the cache, which inventory pages meet when a device vanished mid-sync.
 * Any other failure is thrown.
 */
export function writeForCachedDevice(write: () => void): boolean {
  try {
    write();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
    return false;
  }
}

/**
 * Of these ids of `table` (rows stamped with the sync run that last saw them), the ones no sync run
 * from `run` on has seen: a deletion held at run `run` must not delete what came back since.
 */
export function notSeenSince(
  db: Db,
  table: 'devices' | 'organizations',
  ids: readonly number[],
  run: number,
): number[] {
  const stamp = db.prepare(`SELECT sync_run FROM ${table} WHERE id = ?`).pluck();
  return ids.filter((id) => {
    const seen = stamp.get(id) as number | null | undefined;
    return seen !== undefined && (seen === null || seen < run);
  });
}
