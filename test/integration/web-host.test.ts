import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { connectClient, upgradeStatus, type TestClient } from '../support/rpc-ws-client';
import { startWebProcess, type WebProcess } from '../support/web-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rejection } from '../support/errors';

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
