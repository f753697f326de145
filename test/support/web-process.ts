import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Cache } from '../../src/core/cache/cache';
import { fleetRecords, seedCache } from './fleet-records';

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface WebProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  /** Everything the core wrote to stderr so far (its JSON log lines). */
  stderr(): string;
  /** Stops it with SIGTERM and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `npm run web` (the core as a child Node process) and waits for its one URL line. */
export async function startWebProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<WebProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src/core/host/web-cli.ts'), '--port', '0', ...args],
    {
      cwd: repoRoot,
      // Every output and event is checked against the contract in tests, wherever they start the core.
      env: { ...process.env, LOG_LEVEL: 'warn', ALGA_CONSOLE_STRICT: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm run web printed no URL within 60 s\n${stderr}`)),
      60_000,
    );
    lines.on('line', (line) => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run web exited with ${code}\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token')!;
  return {
    url,
    origin: parsed.origin,
    token,
    child,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `npm run web` over a fresh cache seeded with `devices` generated devices; `stop` also removes it. */
export async function startSeededWebProcess(devices: number, seed: number): Promise<WebProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'alga-web-'));
  const cachePath = join(dir, 'cache.db');
  const cache = Cache.open(cachePath);
  seedCache(cache, fleetRecords(devices, seed));
  cache.close();
  const web = await startWebProcess(['--db', cachePath, '--no-build']);
  return {
    ...web,
    stop: async () => {
      await web.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
