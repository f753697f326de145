import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SyncCliSummary } from '../../src/core/sync/cli';
import { repoRoot } from './web-process';

export type { SyncCliSummary };

export interface SyncCliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Null when the process printed no summary (it was killed). */
  summary: SyncCliSummary | null;
}

export interface SyncCliProcess {
  child: ChildProcess;
  done: Promise<SyncCliResult>;
}

/** Starts the headless sync (`src/core/sync/cli.ts`, what `npm run sync` runs) as a child process. */
export function startSyncCli(args: string[], env: NodeJS.ProcessEnv = {}): SyncCliProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src/core/sync/cli.ts'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<SyncCliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let summary: SyncCliSummary | null = null;
      try {
        summary = last ? (JSON.parse(last) as SyncCliSummary) : null;
      } catch {
        summary = null;
      }
      resolve({ code, signal, stdout, stderr, summary });
    });
  });
  return { child, done };
}
