import { ensureTestPostgres } from './postgres-server';
import { secretServiceForTests } from './secret-service';

/**
 * Before any Vitest test: a working keychain (the session's, or a private one) and a PostgreSQL for
 * the relay tests (the reader's `RELAY_TEST_DATABASE_URL`, or a throwaway one). Test processes start
 * after this and inherit the environment it sets.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const keychain = await secretServiceForTests();
  const postgres = await ensureTestPostgres().catch((error: unknown) => {
    keychain.stop();
    throw error;
  });
  if (postgres.started)
    console.log(
      `PostgreSQL for the relay tests: embedded, started in ${Math.round(postgres.started.startupMs)} ms`,
    );
  return async () => {
    await postgres.stop();
    keychain.stop();
  };
}
