import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/web-process';
import { tempDir } from '../support/temp';

describe('npm start without an Electron binary', () => {
  it('says so in one line, points at npm run web, and exits non-zero', () => {
    // An Electron "install" with no binary in it, whatever this machine has.
    const empty = tempDir('no-electron-');
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron/start.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not installed/);
    expect(lines[0]).toMatch(/npx install-electron/);
    expect(lines[0]).toMatch(/npm run web/);
  });
});
