import type { PatchRecord } from '../../src/core/cache/repositories/patches';
import type { SoftwareRecord } from '../../src/core/cache/repositories/software';
import type { FleetRecords } from './fleet-records';

const titles: { name: string; publisher: string; versions: string[] }[] = [
  {
    name: 'Google Chrome',
    publisher: 'Google LLC',
    versions: ['118.0.5993.118', '119.0.6045.160', '120.0.6099.130', '121.0.6167.85'],
  },
  { name: 'Mozilla Firefox', publisher: 'Mozilla', versions: ['120.0.1', '121.0'] },
  { name: '7-Zip 23.01 (x64)', publisher: 'Igor Pavlov', versions: ['23.01'] },
  { name: 'AnyDesk', publisher: 'AnyDesk Software GmbH', versions: ['8.0.6', '7.1.13'] },
  {
    name: 'Microsoft Teams',
    publisher: 'Microsoft Corporation',
    versions: ['1.6.00.33567', '24004.1403.2634.2418'],
  },
];

/** Software on every device: Chrome everywhere, the other titles on some (deterministic by device index). */
export function softwareRecords(fleet: FleetRecords): SoftwareRecord[] {
  return fleet.devices.flatMap((device, i) =>
    titles
      .filter((t, k) => k === 0 || (i + k) % (k + 1) === 0)
      .map((t, k) => ({
        deviceId: device.id,
        name: t.name,
        publisher: t.publisher,
        version: t.versions[(i + k) % t.versions.length]!,
        installDate: null,
        sizeBytes: 1024 * 1024 * (k + 1),
        location: null,
      })),
  );
}

/** Patches: a cumulative update installed everywhere, pending on every 3rd device, failed on every 7th. */
export function patchRecords(fleet: FleetRecords): PatchRecord[] {
  const base = {
    productIdentifier: null,
    patchType: 'SECURITY_UPDATES',
    installedAt: null,
    collectedAt: null,
  };
  return fleet.devices.flatMap((device, i) => {
    const rows: PatchRecord[] = [
      {
        ...base,
        deviceId: device.id,
        kind: 'os',
        patchId: `cu-${device.id}`,
        name: '2026-10 Cumulative Update',
        kbNumber: 'KB5044284',
        severity: 'CRITICAL',
        status: 'INSTALLED',
        state: 'installed',
        history: true,
      },
    ];
    if (i % 3 === 0) {
      rows.push({
        ...base,
        deviceId: device.id,
        kind: 'os',
        patchId: `p-${device.id}`,
        name: '2026-11 Cumulative Update',
        kbNumber: 'KB5046617',
        severity: 'CRITICAL',
        status: 'APPROVED',
        state: 'pending',
        history: false,
      });
    }
    if (i % 7 === 0) {
      rows.push({
        ...base,
        deviceId: device.id,
        kind: 'software',
        patchId: `f-${device.id}`,
        name: 'Google Chrome 121.0.6167.85',
        kbNumber: null,
        severity: 'RECOMMENDED',
        status: 'FAILED',
        state: 'failed',
        history: false,
      });
    }
    return rows;
  });
}
