import Database from 'better-sqlite3';
import { migrationChecksum, pendingMigrations, type AppliedMigration } from '../migration';
import { sqliteMigrations } from './schema';

/**
 * Opens the relay's SQLite file in WAL mode with `synchronous = FULL`: a commit is on disk when it
 * returns. `migrate` brings the schema up to date (done once, before the writer thread starts).
 */
export function openRelayDatabase(path: string, options: { migrate: boolean }): Database.Database {
  const db = new Database(path);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new Error(`SQLite refused WAL mode for ${path} (got ${String(mode)}): use a local disk.`);
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    if (options.migrate) migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database, path: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS relay_schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db
    .prepare<[], AppliedMigration>('SELECT version, checksum FROM relay_schema_migrations')
    .all();
  const record = db.prepare<[number, string, string, number]>(
    'INSERT INTO relay_schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const step of pendingMigrations(sqliteMigrations, applied, path)) {
    db.transaction(() => {
      db.exec(step.sql);
      record.run(step.version, step.name, migrationChecksum(step.sql), Date.now());
    }).immediate();
  }
}

export interface TokenRow {
  id: number;
  name: string;
  created_at: number;
  revoked_at: number | null;
}
