import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { procedures } from '../../src/shared/contract';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { connectClient, upgradeStatus, type TestClient } from '../support/rpc-ws-client';
import { startWebProcess, type WebProcess } from '../support/web-process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rejection } from '../support/errors';
import { startInProcessCore } from '../support/in-process-core';
import { inProcessClient } from '../support/in-process-client';
import { tempDir } from '../support/temp';

let dir: string;
let web: WebProcess;
let client: TestClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-web-'));
  const cachePath = join(dir, 'cache.db');
  const cache = Cache.open(cachePath);
  seedCache(cache, fleetRecords(500, 3));
  cache.close();
  web = await startWebProcess(['--db', cachePath, '--no-build']);
  client = await connectClient(web.origin, web.token);
});

afterAll(async () => {
  client?.close();
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run web: the core as a child Node process', () => {
  it('prints a loopback URL whose fragment carries a long random token', () => {
    expect(web.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(web.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the contract over the WebSocket', async () => {
    const info = await client.call('app.info', {});
    expect(info.deviceCount).toBe(500);
    const page = await client.call('assets.list', { limit: 25 });
    expect(page.items).toHaveLength(25);
    expect(page.total).toBe(500);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another Origin', async () => {
    const base = `${web.origin.replace('http', 'ws')}/rpc`;
    expect(await upgradeStatus(base, web.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${'x'.repeat(web.token.length)}`, web.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${web.token}`, 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(`${base}?token=${web.token}`, undefined)).toBe(403);
    expect(
      await upgradeStatus(`${base}?token=${web.token}`, web.origin.replace('127.0.0.1', 'localhost')),
    ).toBe(403);
    expect(await upgradeStatus(`${base}?token=${web.token}`, web.origin)).toBe(101);
  });

  it('rejects input that breaks the contract with invalid_input and the zod issues', async () => {
    const error = await rejection(client.call('assets.list', { limit: 100_000 } as never));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/limit/);
    expect(Array.isArray(error.details)).toBe(true);
    expect((error.details as { path: string[] }[])[0]!.path).toEqual(['limit']);
  });

  it('answers an unknown procedure with unknown_procedure', async () => {
    const error = await rejection(client.call('assets.drop' as never, {} as never));
    expect(error.code).toBe('unknown_procedure');
    expect(error.message).toContain('assets.drop');
  });

  it('answers a device that is not cached with not_found and an actionable message', async () => {
    const error = await rejection(client.call('assets.get', { id: 999_999 }));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/run a sync/);
  });
});

describe('export.writeFile: only the desktop shell may choose where a file is written', () => {
  it('is declared shell-only in the contract', () => {
    const shellOnly = Object.entries(procedures)
      .filter(([, def]) => !def.callers.includes('renderer'))
      .map(([name]) => name);
    expect(shellOnly).toEqual(['export.writeFile']);
  });

  it("refuses it over the browser form's WebSocket, and writes nothing", async () => {
    const target = tempDir('alga-web-export-');
    const path = join(target, 'devices.csv');
    const prepared = await client.call('export.prepare', { list: 'assets' });
    const error = await rejection(client.call('export.writeFile', { id: prepared.id, path }));
    expect(error.code).toBe('forbidden');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(target)).toEqual([]);
    // The refused call did not spend the export: the form's own download still works.
    const download = await fetch(`${web.origin}${prepared.downloadPath}?token=${web.token}`);
    expect(download.status).toBe(200);
    expect((await download.text()).split('\r\n').filter(Boolean)).toHaveLength(501);
  });

  it("writes it over the shell's connection", async () => {
    const cachePath = join(tempDir('alga-shell-export-'), 'cache.db');
    const seeded = Cache.open(cachePath);
    seedCache(seeded, fleetRecords(120, 9));
    seeded.close();
    const { core, rpc: window } = await startInProcessCore({ cachePath });
    const shell = inProcessClient(core.server, 'shell');
    try {
      const path = join(tempDir('alga-shell-export-'), 'devices.csv');
      const prepared = await window.call('export.prepare', { list: 'assets' });
      expect((await rejection(window.call('export.writeFile', { id: prepared.id, path }))).code).toBe(
        'forbidden',
      );
      expect(await shell.call('export.writeFile', { id: prepared.id, path })).toMatchObject({ rows: 120 });
      expect(readFileSync(path, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(121);
    } finally {
      window.close();
      shell.close();
      await core.close();
    }
  });
});
