import type { AlertRecord } from '../../src/core/cache/repositories/alerts';
import type { Severity } from '../../src/shared/contract/domain';
import type { FleetRecords } from './fleet-records';

const conditions: { name: string; source: string; message: string }[] = [
  {
    name: 'Disk Free Space',
    source: 'CONDITION_AGENT_DISK_FREE_SPACE',
    message: 'Disk C: free space is below 10%',
  },
  { name: 'CPU Utilization', source: 'CONDITION_AGENT_CPU', message: 'CPU above 95% for 15 minutes' },
  { name: 'Agent Offline', source: 'AGENT_OFFLINE', message: 'The device has not checked in for 30 minutes' },
  {
    name: 'Pending Reboot',
    source: 'CONDITION_PENDING_REBOOT',
    message: 'A reboot has been pending for 7 days',
  },
];
const ranked: Severity[] = ['CRITICAL', 'MAJOR', 'MAJOR', 'MODERATE', 'MINOR', 'MINOR'];

/** Deterministic open alerts on every `every`-th device of a fleet (for view tests). */
export function alertRecords(
  fleet: FleetRecords,
  every = 10,
  now = Date.UTC(2026, 10, 27, 8),
): AlertRecord[] {
  return fleet.devices
    .filter((_, i) => i % every === 0)
    .map((device, i) => {
      const condition = conditions[i % conditions.length]!;
      return {
        uid: `5eed${String(device.id).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
        deviceId: device.id,
        severity: ranked[i % ranked.length]!,
        priority: 'HIGH',
        sourceType: condition.source,
        sourceName: condition.name,
        conditionName: condition.name,
        subject: condition.name,
        message: condition.message,
        createdAt: now - i * 7 * 60_000,
        updatedAt: null,
        raw: {},
      };
    });
}

let alertSeq = 0;

/** An open alert on a device, as the sync would write it. */
export function alertRecord(deviceId: number, severity: Severity, condition = 'Disk space low'): AlertRecord {
  alertSeq += 1;
  const createdAt = Date.UTC(2026, 10, 1, 9, 30) + alertSeq * 1000;
  return {
    uid: `a1b2c3d4-0000-4000-8000-${String(alertSeq).padStart(12, '0')}`,
    deviceId,
    severity,
    priority: null,
    sourceType: 'CONDITION',
    sourceName: condition,
    conditionName: condition,
    subject: `${condition} on device ${deviceId}`,
    message: `${condition}: C: has 3% free`,
    createdAt,
    updatedAt: createdAt,
    raw: {},
  };
}
