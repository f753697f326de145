import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/host/core';
import type { SyncStatus } from '../../src/shared/contract/sync';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { fakeTiming, testBrowser } from '../support/ninjaone';
import { startInProcessCore } from '../support/in-process-core';
import type { TestClient } from '../support/rpc-ws-client';

/**
 * The scheduler inside the core: nothing runs until NinjaOne is connected; connecting starts a sync
 * at once (the cache has never been synced), `sync.status` and `sync.progress` events and
 * `cache.changed` reach the client, and `sync.now`, `sync.history` and `sync.configure` work over RPC.
 */
let sim: NinjaOneSimulator;
let core: Core;
let client: TestClient;
let port: number;
const statuses: SyncStatus[] = [];
const changed: string[][] = [];
const notifications: string[] = [];
let mappingChanges = 0;
let countChanges = 0;

// The cache outlives each test (the core keeps it open, and the sync thread opens it again).
const suiteDir = mkdtempSync(join(tmpdir(), 'sync-core-'));

beforeAll(async () => {
  port = await freeLoopbackPort();
  sim = await startNinjaOneSimulator({
    devices: 120,
    seed: 61,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  ({ core, rpc: client } = await startInProcessCore({
    cachePath: join(suiteDir, 'cache.db'),
    opener: testBrowser().opener,
    ninjaone: { timing: fakeTiming() },
    notificationBatchMs: 1,
  }));
  client.on('sync.status', (status) => statuses.push(status));
  client.on('cache.changed', (change) => changed.push(change.tables));
  client.on('notifications.show', (n) => notifications.push(n.body));
  client.on('mapping.changed', () => mappingChanges++);
  client.on('alerts.countsChanged', () => countChanges++);
});
afterAll(async () => {
  client?.close();
  await core?.close();
  await sim?.close();
  rmSync(suiteDir, { recursive: true, force: true });
});

function nextStatus(matches: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const off = client.on('sync.status', (status) => {
      if (!matches(status)) return;
      off();
      resolve(status);
    });
  });
}

describe('sync in the core', () => {
  it('waits for a connection, then syncs at once and reports it', async () => {
    expect(await client.call('sync.status', {})).toMatchObject({ state: 'not_connected', lastRun: null });
    const synced = nextStatus((s) => s.state === 'idle' && s.lastRun?.state === 'succeeded');
    await client.call('ninjaone.connect', { host: sim.url, clientId: sim.clientId, redirectPort: port });
    const status = await synced;
    expect(status.lastRun).toMatchObject({ kind: 'full', state: 'succeeded' });
    expect(status.nextRunAt).toBeGreaterThan(Date.now());
    expect(statuses.some((s) => s.state === 'running')).toBe(true);
    expect(changed.flat()).toEqual(expect.arrayContaining(['devices', 'alerts']));
    const page = await client.call('assets.list', { limit: 500 });
    expect(page.total).toBe(120);
    expect((await client.call('app.info', {})).lastSyncAt).toBe(status.lastRun!.finishedAt);
    // The PSA mapping got its suggestion pass, the tray its counts; what was already open notifies nobody.
    expect(mappingChanges).toBeGreaterThan(0);
    expect(countChanges).toBeGreaterThan(0);
    expect(notifications).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('runs the sync thread below the console for the CPU', () => {
    // Nice values per thread (/proc/self/task/<tid>/stat, field 19): the synced core keeps its sync
    // thread, which must give way to the thread answering the technician's reads.
    const nice = readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
    const own = Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);
    expect(nice.filter((n) => n > own)).toEqual([own + 10]);
  });

  it('notifies about an alert that opens after the first sync', async () => {
    const device = sim.truth.devices().find((d) => d.offline === false)!;
    sim.control.triggerAlert({ deviceId: device.id as number, subject: 'Disk space low on the test device' });
    const shown = new Promise<string>((resolve) => {
      const off = client.on('notifications.show', (n) => {
        off();
        resolve(`${n.title} ${n.body}`);
      });
    });
    expect(await client.call('sync.now', { kind: 'incremental' })).toMatchObject({
      state: 'succeeded',
      added: 1,
    });
    expect(await shown).toContain('Disk space low on the test device');
  });

  it('runs sync.now, keeps the history and takes a new interval', async () => {
    const run = await client.call('sync.now', {});
    expect(run).toMatchObject({ kind: 'incremental', state: 'succeeded' });
    const history = await client.call('sync.history', { limit: 10 });
    expect(history.items.map((r) => r.kind)).toEqual(['incremental', 'incremental', 'full']);
    expect(history.items[1]!.apiCalls).toBeGreaterThan(0);
    const configured = await client.call('sync.configure', { intervalMinutes: 5 });
    expect(configured.intervalMinutes).toBe(5);
    expect(configured.nextRunAt! - run.finishedAt!).toBeLessThanOrEqual(5 * 60_000);
    await expect(client.call('sync.configure', { intervalMinutes: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await client.call('sync.cancel', {})).toEqual({ cancelled: false });
  });

  it('stops scheduling when NinjaOne is disconnected', async () => {
    const stopped = nextStatus((s) => s.state === 'not_connected');
    await client.call('ninjaone.disconnect', {});
    expect((await stopped).nextRunAt).toBeNull();
  });
});
