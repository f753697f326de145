import { describe, expect, it } from 'vitest';
import { parseDeviceFilter } from '../../src/simulator/ninjaone/device-filter';
import { generateFleet } from '../../src/simulator/ninjaone/fleet';
import { patchStates, type SimDevice } from '../../src/simulator/ninjaone/model';

const now = 1_750_000_000;

describe('simulated fleet', () => {
  it('is a pure function of (size, seed, start time)', () => {
    const a = generateFleet({ devices: 300, seed: 42, now });
    const b = generateFleet({ devices: 300, seed: 42, now });
    const c = generateFleet({ devices: 300, seed: 43, now });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.devices.map((d) => d.displayName))).not.toBe(
      JSON.stringify(c.devices.map((d) => d.displayName)),
    );
  });

  it('looks like an MSP fleet: clients with sites, a mix of device kinds, software, patches, antivirus and alerts', () => {
    const fleet = generateFleet({ devices: 2000, seed: 1, now });
    expect(fleet.organizations.length).toBeGreaterThan(40);
    expect(new Set(fleet.organizations.map((o) => o.name)).size).toBe(fleet.organizations.length);
    expect(fleet.organizations.every((o) => o.locations.length >= 1)).toBe(true);
    const byClass = new Map<string, SimDevice[]>();
    for (const d of fleet.devices) byClass.set(d.nodeClass, [...(byClass.get(d.nodeClass) ?? []), d]);
    for (const nodeClass of [
      'WINDOWS_WORKSTATION',
      'WINDOWS_SERVER',
      'MAC',
      'LINUX_SERVER',
      'VMWARE_VM_HOST',
      'NMS_SWITCH',
      'NMS_FIREWALL',
    ]) {
      expect(byClass.get(nodeClass)?.length ?? 0, nodeClass).toBeGreaterThan(10);
    }
    expect(byClass.get('WINDOWS_WORKSTATION')!.length / fleet.devices.length).toBeGreaterThan(0.5);
    // Names repeat across clients now and then (two clients' "web-prod-01"), as in real fleets.
    expect(new Set(fleet.devices.map((d) => d.displayName)).size).toBeGreaterThan(fleet.devices.length * 0.9);
    const workstations = byClass.get('WINDOWS_WORKSTATION')!;
    const titles = workstations.reduce((n, d) => n + d.software.length, 0) / workstations.length;
    expect(titles).toBeGreaterThan(35);
    expect(titles).toBeLessThan(45);
    const states = new Set(fleet.devices.flatMap((d) => d.osPatches.map((e) => patchStates[e & 15])));
    expect([...states].sort()).toEqual(['APPROVED', 'FAILED', 'INSTALLED', 'MANUAL', 'REJECTED']);
    const av = fleet.devices.filter((d) => d.antivirus);
    expect(av.length).toBeGreaterThan(fleet.devices.length / 2);
    expect(new Set(av.map((d) => d.antivirus!.productState)).size).toBeGreaterThan(2);
    expect(fleet.alerts.length).toBeGreaterThan(fleet.devices.length * 0.03);
    expect(fleet.alerts.length).toBeLessThan(fleet.devices.length * 0.2);
    expect(fleet.devices.filter((d) => d.offline).length).toBeGreaterThan(fleet.devices.length * 0.05);
    expect(fleet.devices.some((d) => d.omitted !== 0)).toBe(true);
  });

  it('generates 50,000 devices in seconds', () => {
    const started = performance.now();
    const fleet = generateFleet({ devices: 50_000, seed: 7, now });
    const seconds = (performance.now() - started) / 1000;
    expect(fleet.devices).toHaveLength(50_000);
    expect(seconds).toBeLessThan(15);
  });
});

describe('device filter (df)', () => {
  const fleet = generateFleet({ devices: 400, seed: 3, now });
  const match = (df: string): SimDevice[] => fleet.devices.filter(parseDeviceFilter(df));

  it('understands the forms public clients send', () => {
    expect(match('org = 1').every((d) => d.organizationId === 1)).toBe(true);
    expect(match('organization in (1,2)').every((d) => d.organizationId <= 2)).toBe(true);
    expect(match('org nin (1,2)').every((d) => d.organizationId > 2)).toBe(true);
    expect(match('class eq MAC AND online').every((d) => d.nodeClass === 'MAC' && !d.offline)).toBe(true);
    expect(
      match('class in (WINDOWS_SERVER, LINUX_SERVER) OR offline').every(
        (d) => d.offline || d.nodeClass.endsWith('SERVER'),
      ),
    ).toBe(true);
    expect(match('id in (1000,1001,1002)').map((d) => d.id)).toEqual([1000, 1001, 1002]);
    expect(match('status = APPROVED').length).toBeGreaterThan(300);
    expect(match('created after 2000-01-01')).toHaveLength(400);
    expect(match('created before 2000-01-01')).toHaveLength(0);
    expect(match('group 5')).toHaveLength(0);
    expect(match('')).toHaveLength(400);
  });

  it('rejects what it cannot parse', () => {
    for (const df of ['org ~ 1', 'colour = red', 'org in 1,2', 'org = 1 AND', '(org = 1']) {
      expect(() => parseDeviceFilter(df), df).toThrow();
    }
  });
});
