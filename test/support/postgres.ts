import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for relay tests: `RELAY_TEST_DATABASE_URL`, a server the reader runs, or else the
 * throwaway one Vitest's global setup starts and puts there. Tests that need it fail with this
 * message when it is missing; they are never skipped.
 */
export function testDatabaseUrl(): string {
  const url = process.env.RELAY_TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'RELAY_TEST_DATABASE_URL is not set: these relay tests need PostgreSQL. Run them through Vitest (its global setup starts one), or set the variable to a server you run.',
    );
  return url;
}

export interface TestSchema {
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A schema of its own for this test run (the relay creates its tables in it). */
export function freshSchema(): TestSchema {
  const url = testDatabaseUrl();
  const schema = `relay_test_${randomBytes(6).toString('hex')}`;
  return {
    url,
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
