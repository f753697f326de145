import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRelay, type RelayBuild } from '../../../scripts/build-relay';
import { activity, postWebhook, runRelayCli, type RelayCommand } from '../../support/relay';
import { relayHarness, relayProcesses, type Backend } from '../../support/relay-harness';
import { repoRoot } from '../../support/web-process';

interface PackageLock {
  packages: Record<string, { dev?: boolean }>;
}

/**
 * A server's install: package.json, the relay as `npm run build` emits it, and a node_modules holding
 * only what `npm ci --omit=dev` installs (package-lock's packages not marked dev), linked from this
 * checkout. The real `npm ci --omit=dev` compiles better-sqlite3 and keytar here, minutes too slow for
 * the suite; docs/relay.md says how it was checked by hand. Node keeps the links' paths
 * (--preserve-symlinks), so a package reaching for a devDependency fails here as it would on a server.
 */
function productionInstall(dir: string): void {
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as PackageLock;
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: a nested one comes with the package it sits in.
    if (entry.dev || !/^node_modules\/(@[^/]+\/)?[^/]+$/.test(path)) continue;
    const link = join(dir, path);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, path), link);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'relay-built-'));
const command: RelayCommand = {
  nodeArgs: ['--preserve-symlinks', '--preserve-symlinks-main', 'out/relay/cli.js'],
  cwd: dir,
};
// Nothing of this checkout: no tsx loader, no module paths that could reach its node_modules.
const env = { NODE_OPTIONS: '', NODE_PATH: '', NODE_PRESERVE_SYMLINKS: '1' };
let built: RelayBuild;

beforeAll(async () => {
  productionInstall(dir);
  built = await buildRelay(join(dir, 'out/relay'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const harness = relayHarness();
const startRelay = relayProcesses();

describe('the built relay (node out/relay/cli.js)', () => {
  it('is plain JavaScript whose packages are all production dependencies', () => {
    expect(built.files).toEqual(expect.arrayContaining(['cli.js', 'writer-thread.mjs']));
    expect(built.files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(built.packages).toEqual(expect.arrayContaining(['better-sqlite3', 'fastify', 'pg', 'zod']));
    expect(built.packages.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('prints its usage with production dependencies only', async () => {
    const help = await runRelayCli(['--help'], env, command);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('token create --name <name>');
    expect(help.stdout).toContain('node out/relay/cli.js');
  });

  it.each<Backend>(['sqlite', 'postgres'])(
    'on %s: a token from its CLI opens the stream, and a webhook sent to it arrives there',
    async (backend) => {
      const store = harness.store(backend);
      const storeArgs =
        backend === 'sqlite'
          ? ['--db', store.db as string]
          : [
              '--database-url',
              store.databaseUrl as string,
              '--database-schema',
              store.databaseSchema as string,
            ];
      // The token command writes through the SQLite writer thread: the built writer-thread.mjs.
      const created = await runRelayCli(['token', 'create', '--name', 'ops', ...storeArgs], env, command);
      expect(created.stderr).toBe('');
      const token = /(alga_relay_\S+)/.exec(created.stdout)?.[1];
      expect(token).toBeDefined();

      const relay = await startRelay(storeArgs, env, command);
      const stream = await harness.stream(relay.url, token!, { after: 0 });
      expect(stream.status).toBe(200);
      const answer = await postWebhook(relay.url, activity(4242));
      expect(answer.status).toBe(200);
      await stream.until((events) => events.some((e) => e.event === 'webhook'));
      expect(stream.events.find((e) => e.event === 'webhook')!.data).toMatchObject({
        type: 'webhook',
        activity: activity(4242),
      });
      expect(await relay.stop('SIGTERM')).toBe(0);
      expect(relay.stderr()).not.toMatch(/error|Cannot find/i);
    },
  );
});
