import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger } from '../../node/logger';
import type { RelayConfig } from '../config';
import { PostgresRelayStore } from './postgres/pg-store';
import { SqliteRelayStore } from './sqlite/sqlite-store';
import type { RelayStore } from './store';

/** The store the configuration names: PostgreSQL when it has a database URL, else the SQLite file. */
export async function openStore(
  config: RelayConfig,
  logger: Logger,
  sqliteWriter: 'thread' | 'inline' = 'thread',
): Promise<RelayStore> {
  if (config.databaseUrl)
    return PostgresRelayStore.open({ url: config.databaseUrl, schema: config.databaseSchema, logger });
  const path = resolve(config.db!);
  mkdirSync(dirname(path), { recursive: true });
  return SqliteRelayStore.open(path, { writer: sqliteWriter });
}
