import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isAppError } from '../../shared/rpc/errors';
import { createLogger } from '../../node/logger';
import { MemorySecretStore } from '../secrets/memory-store';
import type { SecretStore } from '../secrets/secret-store';
import { startCore } from './core';
import { defaultCachePath } from './paths';
import { buildRenderer, rendererIsStale } from './renderer-build';
import { consoleVersion } from './version';
import { startWebServer } from './web-server';

const usage = `npm run web -- [--port <port>] [--db <path>] [--demo] [--no-build]
  --port      port on 127.0.0.1 (default 5199; 0 picks a free one)
  --db        the cache file (default ${defaultCachePath()}, or ${defaultCachePath('demo')} with --demo)
  --demo      the demo workspace: NinjaOne and Alga PSA simulators inside the core, no account needed
              (its secrets stay in memory, its cache in its own file)
  --no-build  serve out/renderer as it is, even when older than the sources`;

/**
 * Tests run this core as a child process and hand it secrets (e.g. the PSA API key) through
 * ALGA_CONSOLE_TEST_SECRETS, a JSON object of keychain account to value: they are then kept in memory
 * only, never in the OS keychain (shared by parallel runs) nor in SQLite.
 */
async function secretsFromEnv(): Promise<SecretStore | undefined> {
  const raw = process.env.ALGA_CONSOLE_TEST_SECRETS;
  if (raw === undefined) return undefined;
  const values = z.record(z.string(), z.string()).parse(JSON.parse(raw));
  const store = new MemorySecretStore();
  for (const [account, value] of Object.entries(values)) await store.set(account, value);
  return store;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5199' },
      db: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got "${values.port}".`);
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const cachePath = resolve(values.db ?? defaultCachePath(values.demo ? 'demo' : 'cache'));
  mkdirSync(dirname(cachePath), { recursive: true });

  const logger = createLogger({ fields: { proc: 'web' } });
  if (!values['no-build'] && rendererIsStale(root)) {
    logger.info('building the renderer (out/renderer is missing or older than its sources)');
    await buildRenderer(root);
  }
  const secrets = await secretsFromEnv();
  if (secrets) logger.warn('secrets are held in memory (ALGA_CONSOLE_TEST_SECRETS): for tests only');
  const core = await startCore({
    cachePath,
    version: consoleVersion,
    logger,
    demo: values.demo,
    secrets,
  });
  const web = await startWebServer({
    rpc: core.server,
    downloads: core.downloads,
    staticDir: join(root, 'out', 'renderer'),
    port,
    logger,
  });
  process.stdout.write(`Alga Technician Console is running at ${web.url}\n`);

  const stop = (): void => {
    void web
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = isAppError(error)
    ? `${error.message} [${error.code}]`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`npm run web failed: ${message}\n`);
  process.exit(1);
});
