import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { startSyncCli } from '../support/sync-cli';
import { tempDir } from '../support/temp';

/** `npm run sync -- --instance <url> --db <path> [--full]`: progress on stderr, one JSON line on stdout, exit codes. */
let sim: NinjaOneSimulator;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({ devices: 150, seed: 51 });
});
afterAll(async () => {
  await sim.close();
});

describe('headless sync command', () => {
  it('syncs with NINJAONE_ACCESS_TOKEN: progress on stderr, one JSON summary on stdout, then incrementally', async () => {
    const db = join(tempDir('sync-cli-'), 'nested', 'cache.db');
    const env = { NINJAONE_ACCESS_TOKEN: sim.accessToken };
    const first = await startSyncCli(['--instance', sim.url, '--db', db], env).done;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(first.summary).toMatchObject({
      ok: true,
      devices: 150,
      warnings: [],
      run: { kind: 'full', state: 'succeeded', errorCode: null },
    });
    expect(first.summary!.run!.apiCalls).toBeGreaterThan(5);
    expect(first.summary!.peakRssMb).toBeGreaterThan(0);
    expect(first.stderr).toMatch(/^sync: \w[\w-]* \d+/m);
    expect(first.stderr + first.stdout).not.toContain(sim.accessToken);

    sim.control.changeDevice(sim.truth.deviceIds()[0]!, { displayName: 'CLI-RENAMED' });
    const second = await startSyncCli(['--instance', sim.url, '--db', db], env).done;
    expect(second.summary).toMatchObject({
      ok: true,
      run: { kind: 'incremental', state: 'succeeded', changed: 1 },
    });
  });

  it('exits 0 for a partial run and lists what it skipped in warnings', async () => {
    const db = join(tempDir('sync-cli-'), 'cache.db');
    sim.control.setBehaviour({ refusals: { '/v2/queries/antivirus-status': 404 } });
    try {
      const result = await startSyncCli(['--instance', sim.url, '--db', db, '--full'], {
        NINJAONE_ACCESS_TOKEN: sim.accessToken,
      }).done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.summary).toMatchObject({
        ok: true,
        devices: 150,
        run: { state: 'partial' },
        warnings: [{ family: 'antivirus', code: 'missing', status: 404 }],
      });
      expect(result.summary!.warnings[0]!.message).toContain('/v2/queries/antivirus-status');
      expect(result.stderr).toMatch(/sync warning \[missing\] .*antivirus/);
    } finally {
      sim.control.setBehaviour({ refusals: {} });
    }
  });

  it('exits non-zero with the error code and message when NinjaOne refuses the token', async () => {
    const db = join(tempDir('sync-cli-'), 'cache.db');
    const result = await startSyncCli(['--instance', sim.url, '--db', db, '--full'], {
      NINJAONE_ACCESS_TOKEN: 'not-a-valid-token-at-all',
    }).done;
    expect(result.code).toBe(1);
    expect(result.summary).toMatchObject({ ok: false, errorCode: 'unauthorized' });
    expect(result.summary!.errorMessage).toContain(new URL(sim.url).host);
    expect(result.stderr).toMatch(/\[unauthorized\] .*NINJAONE_ACCESS_TOKEN/);
    expect(result.stderr + result.stdout).not.toContain('not-a-valid-token-at-all');
  });

  it('says what is missing: arguments, or a sign-in for the host', async () => {
    const missing = await startSyncCli(['--instance', sim.url]).done;
    expect(missing.code).toBe(1);
    expect(missing.summary).toMatchObject({ ok: false, errorCode: 'invalid_input' });
    const unsigned = await startSyncCli(['--instance', sim.url, '--db', join(tempDir('sync-cli-'), 'c.db')], {
      NINJAONE_ACCESS_TOKEN: '',
    }).done;
    expect(unsigned.code).toBe(1);
    expect(unsigned.summary).toMatchObject({ ok: false, errorCode: 'not_connected' });
    expect(unsigned.stderr).toMatch(/\[not_connected\]/);
  });
});
