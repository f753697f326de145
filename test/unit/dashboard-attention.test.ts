import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { AlertRecord } from '../../src/core/cache/repositories/alerts';
import type { DeviceRecord } from '../../src/core/cache/records';
import type { AlertFilter } from '../../src/shared/contract/alerts';
import type { AssetFilter } from '../../src/shared/contract/assets';
import { RECENTLY_OFFLINE_MS, serverAssetTypes } from '../../src/shared/contract/dashboard-attention';
import type { Severity } from '../../src/shared/contract/domain';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { tempDir } from '../support/temp';

const now = Date.UTC(2026, 10, 1, 12);
const MINUTE = 60_000;
const servers = [...serverAssetTypes];

let cache: Cache;
let devices: DeviceRecord[];

beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  const fleet = fleetRecords(60, 11);
  // Every device online and long unseen changes nothing; the tests below put problems where they want them.
  devices = fleet.devices.map((d) => ({ ...d, agentStatus: 'online' as const, lastContact: now - MINUTE }));
  seedCache(cache, { ...fleet, devices });
  return () => cache.close();
});

function change(device: DeviceRecord, patch: Partial<DeviceRecord>): void {
  cache.devices.upsertMany([{ ...device, ...patch }]);
}

let serial = 0;
function alert(deviceId: number, severity: Severity, createdAt: number): AlertRecord {
  serial++;
  return {
    uid: `attention-${serial}`,
    deviceId,
    severity,
    priority: null,
    sourceType: null,
    sourceName: 'Disk free space < 10%',
    conditionName: 'Disk Free Space',
    subject: `Disk space low ${serial}`,
    message: null,
    createdAt,
    updatedAt: null,
    raw: {},
  };
}

function deviceIds(filter: AssetFilter): number[] {
  return cache.devices
    .list({ filter, sort: { field: 'name', direction: 'asc' }, limit: 500 })
    .items.map((d) => d.id)
    .sort();
}

function alertUids(filter: AlertFilter): string[] {
  return cache.alerts
    .list({ filter, limit: 500 })
    .items.map((a) => a.uid)
    .sort();
}

const read = (limit = 50) => cache.dashboard.attention.read({ limit, now });

describe('needs attention', () => {
  it('is empty on a healthy fleet', () => {
    const a = read();
    expect([a.alerts, a.tickets, a.offline, a.failedPatches, a.antivirus].map((g) => g.total)).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });

  it('lists critical and major alerts nobody has a ticket for, oldest first, as the alert list filters them', () => {
    const [a, b, c, d] = devices;
    const old = alert(a!.id, 'MAJOR', now - 300 * MINUTE);
    const oldest = alert(b!.id, 'CRITICAL', now - 900 * MINUTE);
    const minor = alert(c!.id, 'MINOR', now - 1000 * MINUTE);
    const ticketed = alert(d!.id, 'CRITICAL', now - 2000 * MINUTE);
    cache.alerts.upsertMany([old, oldest, minor, ticketed]);
    cache.db
      .prepare(
        `INSERT INTO alert_ticket_ledger (series_uid, state, ticket_id, claimed_at) VALUES (?, 'recorded', 'T-1', ?)`,
      )
      .run(ticketed.uid, now);

    const group = read().alerts;
    expect(group.items.map((i) => [i.uid, i.severity, i.title, i.deviceName])).toEqual([
      [oldest.uid, 'CRITICAL', oldest.subject, b!.name],
      [old.uid, 'MAJOR', old.subject, a!.name],
    ]);
    expect(group.total).toBe(2);
    expect(alertUids({ states: ['open'], severities: ['CRITICAL', 'MAJOR'], hasTicket: false })).toEqual(
      group.items.map((i) => i.uid).sort(),
    );
    expect(read(1).alerts).toMatchObject({ total: 2, items: [{ uid: oldest.uid }] });
  });

  it('lists offline servers and devices that went offline within the hour, as the assets filters do', () => {
    const server = devices.find((d) => d.assetType === 'server')!;
    const host = devices.find((d) => d.assetType === 'virtual_host')!;
    const [recent, stale] = devices.filter((d) => d.assetType === 'workstation');
    change(server, { agentStatus: 'offline', lastContact: now - 3 * 86_400_000 });
    change(host, { agentStatus: 'offline', lastContact: now - 10 * MINUTE });
    change(recent!, { agentStatus: 'offline', lastContact: now - 20 * MINUTE });
    // Offline for a day and not a server: not something to act on now.
    change(stale!, { agentStatus: 'offline', lastContact: now - 86_400_000 });

    const group = read().offline;
    expect(group).toMatchObject({ total: 3, servers: 2, recent: 2 });
    // Servers first, the most recently lost first.
    expect(group.items.map((i) => i.deviceId)).toEqual([host.id, server.id, recent!.id]);
    const listed = new Set([
      ...deviceIds({ agentStatus: 'offline', assetTypes: servers }),
      ...deviceIds({ agentStatus: 'offline', lastContactAfter: now - RECENTLY_OFFLINE_MS }),
    ]);
    expect([...listed].sort()).toEqual(group.items.map((i) => i.deviceId).sort());
  });

  it('lists servers with failed patches and devices whose antivirus is at risk', () => {
    const [server, other] = devices.filter((d) => d.assetType === 'server');
    const workstation = devices.find((d) => d.assetType === 'workstation')!;
    const failed = (deviceId: number, patchId: string) => ({
      deviceId,
      kind: 'os' as const,
      patchId,
      name: patchId,
      kbNumber: null,
      productIdentifier: null,
      severity: null,
      patchType: null,
      status: 'FAILED',
      state: 'failed' as const,
      installedAt: null,
      collectedAt: null,
      history: false,
    });
    cache.patches.upsertMany(
      [failed(server!.id, 'a'), failed(server!.id, 'b'), failed(other!.id, 'a'), failed(workstation.id, 'a')],
      null,
    );
    cache.patches.refreshRollups([server!.id, other!.id, workstation.id]);
    cache.antivirus.replaceForDevices(
      [workstation.id],
      [
        {
          deviceId: workstation.id,
          productName: 'Defender',
          productState: 'OFF',
          definitionStatus: 'OUT_OF_DATE',
          version: null,
          collectedAt: null,
        },
      ],
      null,
    );

    const a = read();
    expect(a.failedPatches.items.map((i) => [i.deviceId, i.failedPatches])).toEqual([
      [server!.id, 2],
      [other!.id, 1],
    ]);
    expect(deviceIds({ assetTypes: servers, patchStates: ['failed'] })).toEqual(
      a.failedPatches.items.map((i) => i.deviceId).sort(),
    );
    expect(a.antivirus.items.map((i) => [i.deviceId, i.antivirusState])).toEqual([
      [workstation.id, 'at_risk'],
    ]);
    expect(deviceIds({ antivirusStates: ['at_risk'] })).toEqual([workstation.id]);
  });

  it('lists tickets the PSA refused before those still waiting, and not the sent ones', () => {
    const insert = cache.db
      .prepare(`INSERT INTO ticket_outbox (idempotency_key, kind, device_id, payload, state,
      attempts, last_error, created_at, updated_at) VALUES (?, 'device', ?, ?, ?, ?, ?, ?, ?)`);
    const payload = (title: string) => JSON.stringify({ draft: { title } });
    insert.run('k1', devices[0]!.id, payload('Waiting one'), 'pending', 1, null, now - 10 * MINUTE, now);
    insert.run('k2', devices[1]!.id, payload('Refused one'), 'failed', 1, 'Board is required', now, now);
    insert.run('k3', devices[2]!.id, payload('Sent one'), 'sent', 1, null, now - 20 * MINUTE, now);
    const group = read().tickets;
    expect(group).toMatchObject({ total: 2, failed: 1, pending: 1 });
    expect(group.items.map((t) => [t.title, t.state, t.error, t.deviceName])).toEqual([
      ['Refused one', 'failed', 'Board is required', devices[1]!.name],
      ['Waiting one', 'pending', null, devices[0]!.name],
    ]);
  });
});
