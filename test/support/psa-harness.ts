import { join } from 'node:path';
import { Cache } from '../../src/core/cache/cache';
import type { DeviceRecord } from '../../src/core/cache/records';
import type { Core } from '../../src/core/host/core';
import { silentLogger, type Logger } from '../../src/node/logger';
import type { PsaOptions } from '../../src/core/psa';
import type { Severity } from '../../src/shared/contract/domain';
import { alertRecord } from './alert-records';
import {
  startPsaSimulator,
  type NinjaDeviceForSync,
  type PsaSimulator,
  type PsaSimulatorOptions,
} from '../../src/simulator/psa';
import { fleetRecords, seedCache, type FleetRecords } from './fleet-records';
import { startInProcessCore } from './in-process-core';
import type { TestClient } from './rpc-ws-client';
import { tempDir } from './temp';

/** Fast client and outbox timing for tests: millisecond backoffs, short timeouts. */
export const fastPsa: PsaOptions = {
  client: { timeoutMs: 2_000, retry: { attempts: 3, baseMs: 1, maxMs: 5 } },
  retry: { baseMs: 5, maxMs: 40 },
  probe: { baseMs: 5, maxMs: 40 },
  createWaitMs: 5_000,
};

export interface PsaHarness {
  sim: PsaSimulator;
  core: Core;
  client: TestClient;
  cachePath: string;
  fleet: FleetRecords;
  /** The first device of an organization. */
  deviceIn(organizationName: string): DeviceRecord;
  /** The simulated Alga client seeded for an organization. */
  clientOf(organizationName: string): string;
  /** Writes an open alert and answers its uid. */
  addAlert(deviceId: number, severity: Severity, condition?: string): string;
  /** psa.connect with the simulator's address and key. */
  connect(): Promise<void>;
  /** Confirms every suggested mapping. */
  confirmSuggestions(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A core in this process (real SQLite, secrets in memory) with a seeded fleet, talking real HTTP to a
 * PSA simulator whose clients were derived from the fleet's organizations.
 */
export async function startPsaHarness(
  options: { sim?: PsaSimulatorOptions; psa?: PsaOptions; devices?: number; logger?: Logger } = {},
): Promise<PsaHarness> {
  const fleet = fleetRecords(options.devices ?? 80, 7);
  const sim = await startPsaSimulator({
    organizationNames: fleet.organizations.map((o) => o.name),
    ...options.sim,
  });
  const cachePath = join(tempDir('alga-psa-'), 'cache.db');
  const seed = Cache.open(cachePath);
  seedCache(seed, fleet);
  seed.close();
  const { core, rpc: client } = await startInProcessCore({
    cachePath,
    logger: options.logger ?? silentLogger,
    psa: { ...fastPsa, ...options.psa },
  });
  const harness: PsaHarness = {
    sim,
    core,
    client,
    cachePath,
    fleet,
    deviceIn: (name) => {
      const org = fleet.organizations.find((o) => o.name === name)!;
      return fleet.devices.find((d) => d.organizationId === org.id)!;
    },
    clientOf: (name) => sim.control.reference().clients.find((c) => c.organizationName === name)!.id,
    addAlert: (deviceId, severity, condition) => {
      const record = alertRecord(deviceId, severity, condition);
      core.cache.alerts.upsertMany([record]);
      return record.uid;
    },
    connect: async () => {
      await client.call('psa.connect', { baseUrl: sim.baseUrl, apiKey: sim.apiKey });
    },
    confirmSuggestions: async () => {
      const page = await client.call('mapping.list', { filter: { states: ['suggested'] }, limit: 500 });
      await client.call('mapping.confirm', { organizationIds: page.items.map((r) => r.organizationId) });
    },
    close: async () => {
      client.close();
      await core.close();
      await sim.close();
    },
  };
  return harness;
}

/**
 * A harness connected to its PSA with every suggested organization mapping confirmed, and Alga's rate
 * limit enforced as on a tenant with RATE_LIMIT_ENFORCE=true (120 burst, 60 a minute).
 */
export async function startMappedPsaHarness(): Promise<PsaHarness> {
  const harness = await startPsaHarness({ sim: { rateLimit: { enforce: true } } });
  await harness.connect();
  await harness.confirmSuggestions();
  return harness;
}

/** A fleet device as NinjaOne's detail shows it to Alga's own sync, with the serials given. */
export function ninjaDeviceFor(
  device: DeviceRecord,
  system: NinjaDeviceForSync['system'] = { serialNumber: device.serial },
): NinjaDeviceForSync {
  return {
    id: device.id,
    organizationId: device.organizationId,
    displayName: device.name,
    nodeClass: device.nodeClass,
    approvalStatus: 'APPROVED',
    offline: device.agentStatus === 'offline',
    system,
  };
}
