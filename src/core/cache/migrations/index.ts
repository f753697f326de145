import { sql as initial } from './001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, append-only. A migration is never edited after release: its checksum is stored when it is
 * applied and checked on every open.
 */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }];
