import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';
import { trayIconNames } from '../../electron/main/tray-state';
import { repoRoot } from '../support/web-process';

/**
 * Packaging cannot run here (it downloads Electron), so the release configuration is checked the way
 * electron-builder itself would check it before building: loaded and validated against its schema.
 */
const config = await getConfig(repoRoot, null, null);

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really validated: a misspelt fuse is refused', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNodeTypo: false } };
    await expect(validateConfiguration(broken as never, new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses should be/,
    );
  });

  it('turns the security fuses on for release builds', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks the native modules and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**', '**/*.node']),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('builds AppImage and deb, dmg and nsis, and registers alga-console://', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.protocols).toEqual([{ name: 'Alga Technician Console', schemes: ['alga-console'] }]);
    expect(JSON.stringify(config.linux?.desktop)).toContain('x-scheme-handler/alga-console');
  });

  it('ships a tray icon for every tray state at 1x and 2x, and the app icons', () => {
    for (const name of trayIconNames) {
      expect(pngSize(join(repoRoot, 'resources', 'tray', `tray-${name}.png`))).toEqual({
        width: 16,
        height: 16,
      });
      expect(pngSize(join(repoRoot, 'resources', 'tray', `tray-${name}@2x.png`))).toEqual({
        width: 32,
        height: 32,
      });
    }
    expect(pngSize(join(repoRoot, 'resources', 'icon.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(repoRoot, 'resources', 'icons', '256x256.png'))).toEqual({ width: 256, height: 256 });
  });
});
