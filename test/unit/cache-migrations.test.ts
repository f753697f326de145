import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../src/core/cache/database';
import { migrations } from '../../src/core/cache/migrations';
import { AppError } from '../../src/shared/rpc/errors';
import { tempDir } from '../support/temp';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('cache migrations', () => {
  it('creates a fresh cache with every table, WAL and foreign keys on', () => {
    const path = join(tempDir(), 'cache.db');
    const db = openCache(path);
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    ).map((r) => r.name);
    for (const table of [
      'organizations',
      'locations',
      'devices',
      'alerts',
      'activities',
      'patches',
      'device_software',
      'software_titles',
      'antivirus',
      'org_client_map',
      'tickets',
      'ticket_outbox',
      'alert_ticket_ledger',
      'audit_log',
      'sync_runs',
      'sync_checkpoints',
      'settings',
      'devices_fts',
      'software_fts',
    ]) {
      expect(tables).toContain(table);
    }
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('upgrades an older cache by applying only the new migrations, keeping the data', () => {
    const path = join(tempDir(), 'cache.db');
    const v1 = openCache(path);
    v1.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', '"kept"', 1)`).run();
    v1.close();
    const next = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'add-notes',
        sql: 'ALTER TABLE devices ADD COLUMN notes TEXT;',
      },
    ];
    const upgraded = openCache(path, { migrations: next });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(next.length);
    expect(upgraded.prepare(`SELECT value FROM settings WHERE key = 'k'`).get()).toEqual({ value: '"kept"' });
    const columns = (upgraded.prepare('PRAGMA table_info(devices)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toContain('notes');
    upgraded.close();
    // Opening again applies nothing twice.
    openCache(path, { migrations: next }).close();
  });

  it('lets sync runs end partial with warnings, keeping the runs and their quarantined records', () => {
    const path = join(tempDir(), 'cache.db');
    const v5 = openCache(path, { migrations: migrations.filter((m) => m.version <= 5) });
    v5.prepare(
      `INSERT INTO sync_runs (id, kind, state, started_at, added) VALUES (7, 'full', 'succeeded', 1, 42)`,
    ).run();
    v5.prepare(`INSERT INTO quarantine (run_id, source, error, at) VALUES (7, 'devices', 'bad', 1)`).run();
    expect(() =>
      v5.prepare(`INSERT INTO sync_runs (kind, state, started_at) VALUES ('full', 'partial', 2)`).run(),
    ).toThrow(/CHECK/);
    v5.close();
    const db = openCache(path);
    expect(db.prepare('SELECT id, state, added FROM sync_runs').all()).toEqual([
      { id: 7, state: 'succeeded', added: 42 },
    ]);
    expect(db.prepare('SELECT run_id FROM quarantine').pluck().all()).toEqual([7]);
    db.prepare(`INSERT INTO sync_runs (id, kind, state, started_at) VALUES (8, 'full', 'partial', 2)`).run();
    db.prepare(
      `INSERT INTO sync_warnings (run_id, seq, family, code, status, message) VALUES (8, 0, 'software', 'refused', 403, 'm')`,
    ).run();
    // A run's warnings go with it.
    db.prepare('DELETE FROM sync_runs WHERE id = 8').run();
    expect(db.prepare('SELECT count(*) FROM sync_warnings').pluck().get()).toBe(0);
    db.close();
  });

  it('rolls back a migration that fails half-way and leaves the previous schema', () => {
    const path = join(tempDir(), 'cache.db');
    openCache(path).close();
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;',
      },
    ];
    expect(() => openCache(path, { migrations: broken })).toThrow(/no_such_table/);
    const db = openCache(path);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'`).get()).toEqual({ n: 0 });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a cache written by a newer version, with a message that says so', () => {
    const path = join(tempDir(), 'cache.db');
    const future = [
      ...migrations,
      { version: migrations.length + 1, name: 'future', sql: 'CREATE TABLE future (x);' },
    ];
    openCache(path, { migrations: future }).close();
    const error = errorOf(() => openCache(path));
    expect(error.code).toBe('cache_too_new');
    expect(error.message).toMatch(/newer version of the console/);
  });

  it('refuses a cache whose applied migration differs from the shipped one', () => {
    const path = join(tempDir(), 'cache.db');
    openCache(path).close();
    const edited = migrations.map((m) => (m.version === 1 ? { ...m, sql: m.sql + '\n-- edited' } : m));
    expect(errorOf(() => openCache(path, { migrations: edited })).code).toBe('cache_migration_changed');
  });

  it('reports a corrupt file clearly and never replaces it', () => {
    const path = join(tempDir(), 'cache.db');
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(path, garbage);
    const error = errorOf(() => openCache(path));
    expect(error.code).toBe('cache_corrupt');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/left untouched/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('reports a cache whose pages were damaged after it was written', () => {
    const path = join(tempDir(), 'cache.db');
    const db = openCache(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    // Keep the header, overwrite the schema and table pages.
    bytes.fill(0xff, 4096, bytes.length);
    writeFileSync(path, bytes);
    expect(errorOf(() => openCache(path)).code).toBe('cache_corrupt');
  });
});
