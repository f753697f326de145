import { createHash } from 'node:crypto';

/** A numbered schema step. Shipped steps are never edited: add a new one. */
export interface RelayMigration {
  version: number;
  name: string;
  sql: string;
}

export interface AppliedMigration {
  version: number;
  checksum: string;
}

export const migrationChecksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/**
 * Which steps still have to run. Refuses a database written by a newer relay, or one whose applied
 * steps differ from what this version ships, with a message that says what to do.
 */
export function pendingMigrations(
  known: readonly RelayMigration[],
  applied: readonly AppliedMigration[],
  where: string,
): RelayMigration[] {
  const newest = applied.reduce((max, m) => Math.max(max, m.version), 0);
  const latestKnown = known.at(-1)?.version ?? 0;
  if (newest > latestKnown) {
    throw new Error(
      `The relay database ${where} has schema ${newest}, newer than this relay knows (${latestKnown}): upgrade the relay.`,
    );
  }
  for (const row of applied) {
    const step = known.find((m) => m.version === row.version);
    if (!step || migrationChecksum(step.sql) !== row.checksum) {
      throw new Error(
        `The relay database ${where} was built with a different schema step ${row.version} than this relay ships; point the relay at the database it created.`,
      );
    }
  }
  return known.filter((m) => m.version > newest);
}
