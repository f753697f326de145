import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { DeviceRecord } from '../../src/core/cache/records';
import type { Core } from '../../src/core/host/core';
import type { Severity } from '../../src/shared/contract/domain';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { startPsaSimulator, type PsaSimulator } from '../../src/simulator/psa';
import { startInProcessCore } from '../support/in-process-core';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { testBrowser } from '../support/ninjaone';
import { eventually } from '../support/eventually';
import { fastPsa } from '../support/psa-harness';
import type { TestClient } from '../support/rpc-ws-client';

/**
 * Both simulators over real HTTP: the fleet comes from the NinjaOne simulator (written to the cache
 * as the sync would), the PSA simulator's clients mirror its organizations, the console signs in to
 * both. Until the sync engine lands, the cache is filled here from the simulator's data.
 */
type Json = Record<string, unknown>;

let ninja: NinjaOneSimulator;
let psa: PsaSimulator;
let core: Core;
let client: TestClient;
let alert: { uid: string; deviceId: number };

function deviceRecord(d: Json): DeviceRecord {
  const os = (d.os ?? {}) as Json;
  const system = (d.system ?? {}) as Json;
  return {
    id: d.id as number,
    uid: (d.uid as string) ?? null,
    name: (d.displayName as string) || (d.systemName as string),
    systemName: (d.systemName as string) ?? null,
    dnsName: (d.dnsName as string) ?? null,
    organizationId: d.organizationId as number,
    locationId: null,
    nodeClass: d.nodeClass as string,
    assetType: 'workstation',
    agentStatus: d.offline ? 'offline' : 'online',
    approvalStatus: (d.approvalStatus as string) ?? null,
    createdAt: null,
    lastContact: null,
    lastUpdate: null,
    osName: (os.name as string) ?? null,
    osBuild: null,
    osArchitecture: null,
    needsReboot: null,
    manufacturer: null,
    model: null,
    serial: (system.serialNumber as string) ?? null,
    cpu: null,
    cpuCores: null,
    ramBytes: null,
    storageBytes: null,
    storageFreeBytes: null,
    ipAddresses: (d.ipAddresses as string[]) ?? [],
    macAddresses: [],
    publicIp: null,
    lastUser: null,
    raw: null,
  };
}

/** Triggers an alert in the simulator on the n-th device of an organization and writes it to the cache. */
function triggerCachedAlert(
  cache: Cache,
  organizationId: number,
  n: number,
): { uid: string; deviceId: number } {
  const target = (ninja.truth.devices() as Json[]).filter((d) => d.organizationId === organizationId)[n]!;
  const triggered = ninja.control.triggerAlert({ deviceId: target.id as number, severity: 'MAJOR' });
  const view = (ninja.truth.alerts() as Json[]).find((a) => a.uid === triggered.uid)!;
  cache.alerts.upsertMany([
    {
      uid: view.uid as string,
      deviceId: view.deviceId as number,
      severity: view.severity as Severity,
      priority: (view.priority as string) ?? null,
      sourceType: (view.sourceType as string) ?? null,
      sourceName: (view.sourceName as string) ?? null,
      conditionName: (view.conditionName as string) ?? null,
      subject: (view.subject as string) ?? null,
      message: (view.message as string) ?? null,
      createdAt: Math.round((view.createTime as number) * 1000),
      updatedAt: null,
      raw: view,
    },
  ]);
  return { uid: view.uid as string, deviceId: view.deviceId as number };
}

// The cache outlives each test (the core keeps it open, and the sync thread opens it again).
const suiteDir = mkdtempSync(join(tmpdir(), 'alga-psa-ninja-'));

beforeAll(async () => {
  const port = await freeLoopbackPort();
  ninja = await startNinjaOneSimulator({
    devices: 12,
    seed: 3,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  const organizations = ninja.truth.organizations() as { id: number; name: string }[];
  psa = await startPsaSimulator({ organizationNames: organizations.map((o) => o.name) });

  const cachePath = join(suiteDir, 'cache.db');
  const cache = Cache.open(cachePath);
  cache.organizations.upsertOrganizations(
    organizations.map((o) => ({
      id: o.id,
      name: o.name,
      description: null,
      nodeApprovalMode: null,
      raw: null,
    })),
  );
  cache.devices.upsertMany(ninja.truth.devices().map((d) => deviceRecord(d as Json)));
  // An alert on a device whose organization has an exact client in the PSA (the first organization).
  alert = triggerCachedAlert(cache, organizations[0]!.id, 0);
  cache.close();

  ({ core, rpc: client } = await startInProcessCore({
    cachePath,
    opener: testBrowser().opener,
    ninjaone: { signInTimeoutMs: 10_000 },
    psa: fastPsa,
  }));
  await client.call('ninjaone.connect', {
    host: ninja.url,
    clientId: ninja.clientId,
    redirectPort: port,
    redirectPath: '/callback',
  });
  await client.call('psa.connect', { baseUrl: psa.baseUrl, apiKey: psa.apiKey });
  const suggested = await client.call('mapping.list', { filter: { states: ['suggested'] }, limit: 100 });
  await client.call('mapping.confirm', { organizationIds: suggested.items.map((r) => r.organizationId) });
});

afterAll(async () => {
  client?.close();
  await core?.close();
  await psa?.close();
  await ninja?.close();
  rmSync(suiteDir, { recursive: true, force: true });
});

describe('tickets with both simulators', () => {
  it('suggests PSA clients for the NinjaOne organizations: exact, near, and none for the missing ones', async () => {
    const rows = (await client.call('mapping.list', { limit: 100 })).items;
    const names = ninja.truth.organizations().map((o) => (o as { name: string }).name);
    expect(rows.map((r) => r.organizationName).sort()).toEqual([...names].sort());
    const seeded = psa.control.reference().clients;
    for (const row of rows) {
      const expected = seeded.find((c) => c.organizationName === row.organizationName);
      if (expected) expect(row.client?.id).toBe(expected.id);
      else expect(row.state).toBe('unmapped');
    }
  });

  it('links the device to the connected NinjaOne instance, and resets the alert there when Alga closes the ticket', async () => {
    const created = await client.call('tickets.create', { source: { kind: 'alert', alertUid: alert.uid } });
    expect(created.outcome).toBe('created');
    const ticket = psa.control.tickets().find((t) => t.ticket_id === created.ticket!.id)!;
    expect((ticket.attributes as Json).description).toContain(
      `NinjaOne: ${ninja.url}/#/deviceDashboard/${alert.deviceId}/overview`,
    );

    await client.call('tickets.saveSettings', { resetAlertOnClose: true });
    psa.control.setTicketStatus(created.ticket!.id, 'Closed');
    await core.psa.followUp.run();
    expect((ninja.truth.alerts() as Json[]).some((a) => a.uid === alert.uid)).toBe(false);
    expect((await client.call('alerts.get', { uid: alert.uid })).state).toBe('reset');
  });

  it('resets an alert in NinjaOne from the console, marks it reset at once and comments on its open ticket', async () => {
    const organizations = ninja.truth.organizations() as { id: number }[];
    const other = triggerCachedAlert(core.cache, organizations[0]!.id, 1);
    const created = await client.call('tickets.create', { source: { kind: 'alert', alertUid: other.uid } });
    expect(created.outcome).toBe('created');

    const outcome = await client.call('alerts.reset', { uids: [other.uid, 'no-such-alert'] });
    expect(outcome.reset).toEqual([other.uid]);
    expect(outcome.failed.map((f) => f.uid)).toEqual(['no-such-alert']);
    expect(outcome.failed[0]!.message).toMatch(new URL(ninja.url).host);
    expect((ninja.truth.alerts() as Json[]).some((a) => a.uid === other.uid)).toBe(false);
    expect((await client.call('alerts.get', { uid: other.uid })).state).toBe('reset');
    await eventually(
      () => psa.control.comments(created.ticket!.id).some((c) => c.is_internal && /reset/i.test(c.note)),
      10_000,
      'the reset comment on the ticket',
    );
  });
});
