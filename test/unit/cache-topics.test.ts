import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../src/core/cache/database';
import { cacheTopics, events, type CacheTopic } from '../../src/shared/contract';
import { tempDir } from '../support/temp';

describe('cache.changed topics', () => {
  it('names only tables the cache has (and the profile setting), so a view subscribes to what is written', () => {
    const db = openCache(join(tempDir(), 'cache.db'));
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    db.close();
    expect(cacheTopics.filter((topic) => !tables.has(topic))).toEqual(['profile']);
  });

  it('rejects a topic outside the closed set at the contract boundary', () => {
    const schema = events['cache.changed'];
    expect(schema.safeParse({ tables: ['alerts', 'device_software'] }).success).toBe(true);
    expect(schema.safeParse({ tables: ['device_sofware'] }).success).toBe(false);
  });

  it('is checked by the compiler', () => {
    // @ts-expect-error a misspelt topic does not typecheck
    const misspelt: CacheTopic = 'device_sofware';
    expect(cacheTopics).not.toContain(misspelt);
  });
});
