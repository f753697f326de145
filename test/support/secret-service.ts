import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The keychain tests (and the cores the browser tests start) use the real OS keychain through keytar.
 * On Linux that is a Secret Service on the D-Bus session bus. Before any test starts, this finds one
 * that works or starts a private one, so a missing keyring is one line at the start of the run and
 * never a D-Bus stack trace deep inside a test.
 */

const repoRoot = join(import.meta.dirname, '..', '..');
const PROBE_TIMEOUT_MS = 20_000;

/** Stores, reads and deletes one entry through keytar in a child process: what the tests will do. */
function probe(env: NodeJS.ProcessEnv): Promise<string | null> {
  const code = `
    import keytar from 'keytar';
    const service = 'alga-technician-console-preflight-' + process.pid;
    try {
      await keytar.setPassword(service, 'probe', 'ok');
      const read = await keytar.getPassword(service, 'probe');
      await keytar.deletePassword(service, 'probe');
      if (read !== 'ok') throw new Error('the keychain gave back ' + JSON.stringify(read));
    } catch (error) {
      process.stderr.write(String(error && error.message ? error.message : error));
      process.exit(1);
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`);
    }, PROBE_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : stderr.trim().split('\n')[0] || `exit code ${code}`);
    });
  });
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Waits for a child's first stdout line (dbus-daemon prints its address once it listens). */
function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${stderr.trim()}`)));
  });
}

function exited(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * A session bus of our own with gnome-keyring's Secret Service on it, a fresh login keyring unlocked
 * with a throwaway password (what `dbus-run-session` + `gnome-keyring-daemon --unlock` do in CI).
 * gnome-keyring leaves when its bus goes, so stopping the bus stops both.
 */
async function startPrivateSecretService(): Promise<{ address: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'alga-test-keyring-'));
  const runtime = join(dir, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    bus.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const address = await firstLine(bus, 'dbus-daemon');
    // Without --foreground the daemon forks and the command returns once the keyring is unlocked and
    // registered on the bus.
    const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: address,
        XDG_DATA_HOME: dir,
        XDG_RUNTIME_DIR: runtime,
      },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    keyring.stdin!.end('alga-test-keyring');
    await exited(keyring, 'gnome-keyring-daemon');
    return { address, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

const INSTALL_HINT =
  'install dbus and gnome-keyring (Debian/Ubuntu: sudo apt-get install dbus gnome-keyring libsecret-1-0) and the tests start a private keyring, or run npm test in a desktop session with its keyring unlocked';

class SecretServiceMissing extends Error {}

/**
 * Makes sure keytar works for the tests: the session's own Secret Service when it answers (a desktop,
 * or CI's `dbus-run-session`), else a private one. Its bus address goes into this process's
 * environment, which every test process inherits. `stop` ends only what this call started.
 */
async function ensureSecretService(): Promise<{ stop(): void }> {
  // keytar uses the macOS Keychain and the Windows Credential Manager there: nothing to start.
  if (process.platform !== 'linux') return { stop: () => undefined };
  const problem = await probe(process.env);
  if (problem === null) return { stop: () => undefined };
  if (!onPath('dbus-daemon') || !onPath('gnome-keyring-daemon'))
    throw new SecretServiceMissing(
      `npm test: the keychain tests need a Secret Service and none answers (${problem}): ${INSTALL_HINT}.`,
    );
  let started: { address: string; stop(): void };
  try {
    started = await startPrivateSecretService();
  } catch (error) {
    throw new SecretServiceMissing(
      `npm test: no Secret Service answers (${problem}) and a private one would not start (${(error as Error).message.split('\n')[0]}): ${INSTALL_HINT}.`,
    );
  }
  const privateProblem = await probe({ ...process.env, DBUS_SESSION_BUS_ADDRESS: started.address });
  if (privateProblem !== null) {
    started.stop();
    throw new SecretServiceMissing(
      `npm test: no Secret Service answers (${problem}), nor the private one started for the tests (${privateProblem}): ${INSTALL_HINT}.`,
    );
  }
  const before = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = started.address;
  return {
    stop: () => {
      if (before === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = before;
      started.stop();
    },
  };
}

/** For the test runners' global setup: a working keychain, or one line saying what to do and exit 1. */
export async function secretServiceForTests(): Promise<{ stop(): void }> {
  try {
    return await ensureSecretService();
  } catch (error) {
    if (!(error instanceof SecretServiceMissing)) throw error;
    // One line, no stack: the reader has something to install, not a bug to read.
    console.error(error.message);
    process.exit(1);
  }
}
