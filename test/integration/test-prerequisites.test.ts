import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startTestPostgres } from '../support/postgres-server';
import { tempDir } from '../support/temp';
import { repoRoot } from '../support/web-process';

/**
 * `npm test` on a fresh machine: the test run finds or starts what it needs (a keychain, a
 * PostgreSQL) and, where it cannot, says what to install in one line before any test starts.
 */

/** Runs Vitest on one test file in a child process with the environment given. */
function vitest(file: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', file], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function withoutSessionBus(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.FORCE_COLOR;
  return env;
}

// The Secret Service is Linux's keychain; keytar uses the Keychain and the Credential Manager elsewhere.
describe.runIf(process.platform === 'linux')('the keychain the test run finds or starts', () => {
  it('without a session bus, starts a private keyring and the keychain tests pass', async () => {
    const run = await vitest('test/integration/keychain.test.ts', withoutSessionBus());
    expect(run.output).toMatch(/Tests\s+2 passed/);
    expect(run.code).toBe(0);
  }, 120_000);

  it('without D-Bus or gnome-keyring, stops before any test with one line saying what to install', async () => {
    // A PATH holding neither dbus-daemon nor gnome-keyring-daemon: the machine of a reader who has not
    // installed the packages the README lists.
    const run = await vitest('test/unit/version-compare.test.ts', withoutSessionBus({ PATH: tempDir() }));
    expect(run.code).toBe(1);
    const said = run.output.split('\n').filter((line) => line.includes('Secret Service'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^npm test: the keychain tests need a Secret Service and none answers \(.+\): install/,
    );
    expect(said[0]).toContain('sudo apt-get install dbus gnome-keyring libsecret-1-0');
    expect(run.output).not.toMatch(/Test Files|✓|^\s+at /m);
  }, 120_000);
});

describe('the PostgreSQL the test run starts', () => {
  it('starts a throwaway PostgreSQL on loopback that answers and is gone once stopped', async () => {
    const server = await startTestPostgres();
    let stopped = false;
    try {
      expect(new URL(server.url).hostname).toBe('127.0.0.1');
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      await client.end();
      expect(Number.parseInt(rows[0]!.server_version, 10)).toBeGreaterThanOrEqual(15);
      await server.stop();
      stopped = true;
      const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 5_000 });
      await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (!stopped) await server.stop();
    }
  }, 60_000);
});
