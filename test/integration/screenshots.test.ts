import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { imageNames, viewport } from '../../scripts/screenshots';
import { tempDir } from '../support/temp';
import { repoRoot } from '../support/web-process';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

it('npm run screenshots takes every picture it names from the demo, and each is in docs/images', async () => {
  const out = tempDir('alga-screenshots-test-');
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'screenshots', '--', '--out', out], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(imageNames).toEqual(
    expect.arrayContaining([
      'dashboard-light.png',
      'dashboard-dark.png',
      'assets-light.png',
      'assets-dark.png',
    ]),
  );
  expect(run.stdout.trim().split('\n').sort()).toEqual(imageNames.map((name) => join(out, name)).sort());
  for (const name of imageNames) expect(pngSize(join(out, name))).toEqual(viewport);

  // The committed pictures are the ones the script writes: none missing, none left over from a view
  // it no longer takes.
  const committed = readdirSync(join(repoRoot, 'docs/images')).filter((name) => name.endsWith('.png'));
  expect(committed.sort()).toEqual([...imageNames].sort());
}, 300_000);
