import { describe, expect, it } from 'vitest';
import { alertSchema, deviceDetailedSchema } from '../../src/core/ninjaone';
import { mapAlert } from '../../src/core/sync/mappers/alert';
import { agentStatusOf, assetTypeOf, mapDevice } from '../../src/core/sync/mappers/device';
import {
  mapOsPatch,
  mapSoftware,
  mapSoftwarePatch,
  patchStateOf,
} from '../../src/core/sync/mappers/inventory';

const device = (fields: Record<string, unknown>) =>
  mapDevice(deviceDetailedSchema.parse({ id: 1042, ...fields }));

describe('device mapper', () => {
  it('maps an agent device: times to integer ms, processors, memory, summed volumes, addresses, last user', () => {
    const mapped = device({
      uid: '6f1d2c9e-8a43-4b6f-9d0e-2a7c5b1e3f90',
      organizationId: 7,
      locationId: 12,
      nodeClass: 'WINDOWS_WORKSTATION',
      approvalStatus: 'APPROVED',
      offline: false,
      displayName: 'ACME-LT-0042',
      systemName: 'ACME-LT-0042',
      dnsName: 'acme-lt-0042.acme.local',
      created: 1699951234.512,
      lastContact: 1718030412.207,
      lastUpdate: 1718030398.118,
      ipAddresses: ['10.0.4.23', 'fe80::1'],
      macAddresses: ['00:1A:2B:3C:4D:5E'],
      publicIP: '203.0.113.10',
      deviceType: 'AGENT',
      os: { name: 'Windows 11 Pro', architecture: '64-bit', buildNumber: '22631', needsReboot: true },
      system: {
        manufacturer: 'Dell Inc.',
        model: 'Latitude 5440',
        serialNumber: 'ABC1234',
        biosSerialNumber: 'X',
      },
      memory: { capacity: 17179869184 },
      processors: [
        { name: '13th Gen Intel(R) Core(TM) i5-1345U', numCores: 10 },
        { name: 'second socket', numCores: 10 },
      ],
      volumes: [
        { name: 'C:', capacity: 511705088000, freeSpace: 201326592000 },
        { name: 'D:', capacity: 1000, freeSpace: 10.6 },
        { name: 'E:' },
      ],
      lastLoggedInUser: 'ACME\\jdoe',
    });
    expect(mapped).toMatchObject({
      id: 1042,
      name: 'ACME-LT-0042',
      organizationId: 7,
      locationId: 12,
      assetType: 'workstation',
      agentStatus: 'online',
      createdAt: 1699951234512,
      lastContact: 1718030412207,
      lastUpdate: 1718030398118,
      osName: 'Windows 11 Pro',
      osBuild: '22631',
      needsReboot: true,
      manufacturer: 'Dell Inc.',
      model: 'Latitude 5440',
      serial: 'ABC1234',
      cpu: '13th Gen Intel(R) Core(TM) i5-1345U',
      cpuCores: 20,
      ramBytes: 17179869184,
      storageBytes: 511705089000,
      storageFreeBytes: 201326592011,
      ipAddresses: ['10.0.4.23', 'fe80::1'],
      macAddresses: ['00:1A:2B:3C:4D:5E'],
      publicIp: '203.0.113.10',
      lastUser: 'ACME\\jdoe',
    });
    expect(Number.isInteger(mapped.lastContact)).toBe(true);
  });

  it('maps a VMware host from its own fields', () => {
    expect(
      device({
        nodeClass: 'VMWARE_VM_HOST',
        deviceType: 'VMHOST',
        offline: true,
        systemName: 'esx01',
        vendor: 'Dell Inc.',
        model: 'PowerEdge R750',
        cpuModel: 'Intel Xeon Gold 6338',
        cpuCores: 64,
        memorySize: 549755813888,
        serviceTag: 'SVC123',
        releaseName: 'VMware ESXi 8.0.2',
        buildNumber: '22380479',
      }),
    ).toMatchObject({
      name: 'esx01',
      assetType: 'virtual_host',
      agentStatus: 'offline',
      osName: 'VMware ESXi 8.0.2',
      osBuild: '22380479',
      manufacturer: 'Dell Inc.',
      model: 'PowerEdge R750',
      serial: 'SVC123',
      cpu: 'Intel Xeon Gold 6338',
      cpuCores: 64,
      ramBytes: 549755813888,
      storageBytes: null,
    });
  });

  it('maps a phone and a bare unmanaged device, tolerating every missing field', () => {
    expect(
      device({
        nodeClass: 'APPLE_IOS',
        deviceType: 'MDM',
        system: { model: 'iPhone 15', serialNumber: 'F2LX', build: '21F90' },
        memory: { capacity: 6442450944 },
        volumes: [{ name: 'Internal', capacity: 128000000000, freeSpace: 51200000000 }],
      }),
    ).toMatchObject({ name: 'Device-1042', assetType: 'mobile_device', osBuild: '21F90', serial: 'F2LX' });
    const bare = device({});
    expect(bare).toMatchObject({
      name: 'Device-1042',
      nodeClass: 'UNKNOWN',
      assetType: 'unknown',
      agentStatus: 'unknown',
      organizationId: null,
      lastContact: null,
      osName: null,
      cpuCores: null,
      ramBytes: null,
      ipAddresses: [],
      lastUser: null,
    });
  });

  it('maps node classes to asset types and offline to the agent status', () => {
    expect(
      [
        'WINDOWS_SERVER',
        'LINUX_WORKSTATION',
        'HYPERV_VMM_GUEST',
        'NMS_SWITCH',
        'NMS_FIREWALL',
        'NMS_PRINTER',
        'CLOUD_MONITOR_TARGET',
        'UNMANAGED_DEVICE',
        'SOMETHING_NEW',
      ].map(assetTypeOf),
    ).toEqual([
      'server',
      'workstation',
      'virtual_machine',
      'network_device',
      'network_device',
      'printer',
      'cloud_target',
      'unknown',
      'unknown',
    ]);
    expect([true, false, null, undefined].map(agentStatusOf)).toEqual([
      'offline',
      'online',
      'unknown',
      'unknown',
    ]);
  });
});

describe('alert mapper', () => {
  it('keeps the series uid, ranks an unknown severity as NONE and needs a device', () => {
    const alert = (fields: Record<string, unknown>) =>
      mapAlert(alertSchema.parse({ uid: '0b5e7a3c-1f2d-4c7e-9a11-5d6e7f8091a2', ...fields }));
    expect(alert({ deviceId: 7, severity: 'major', createTime: 1718030455.381 })).toMatchObject({
      uid: '0b5e7a3c-1f2d-4c7e-9a11-5d6e7f8091a2',
      deviceId: 7,
      severity: 'MAJOR',
      createdAt: 1718030455381,
    });
    expect(alert({ device: { id: 9 }, severity: 'BIZARRE', updateTime: 1718030455 })).toMatchObject({
      deviceId: 9,
      severity: 'NONE',
      createdAt: 1718030455000,
    });
    expect(alert({ createTime: 1 })).toEqual({ problem: 'the alert names no device' });
  });
});

describe('inventory mappers', () => {
  it('reads patch status words by the list they came from', () => {
    expect(
      ['MANUAL', 'APPROVED', 'FAILED', 'REJECTED', 'AUTO_APPROVED', undefined].map((s) =>
        patchStateOf(s, 'open'),
      ),
    ).toEqual(['pending', 'pending', 'failed', 'rejected', 'pending', 'pending']);
    expect(['INSTALLED', 'FAILED'].map((s) => patchStateOf(s, 'installs'))).toEqual(['installed', 'failed']);
  });

  it('maps patches and software rows, ISO install dates and epoch seconds alike', () => {
    expect(
      mapOsPatch(
        {
          id: 'p1',
          deviceId: 3,
          kbNumber: 'KB5039212',
          status: 'APPROVED',
          type: 'SECURITY_UPDATES',
          timestamp: 1718029911,
        },
        'open',
      ),
    ).toMatchObject({ kind: 'os', name: 'KB5039212', state: 'pending', collectedAt: 1718029911000 });
    expect(
      mapSoftwarePatch(
        {
          id: 'p2',
          deviceId: 3,
          title: 'Chrome 126',
          impact: 'CRITICAL',
          status: 'INSTALLED',
          installedAt: 1718000000,
        },
        'installs',
      ),
    ).toMatchObject({
      kind: 'software',
      name: 'Chrome 126',
      severity: 'CRITICAL',
      state: 'installed',
      installedAt: 1718000000000,
    });
    expect(
      mapSoftware({
        deviceId: 3,
        name: ' 7-Zip 23.01 ',
        publisher: '',
        installDate: '2024-03-01T10:00:00Z',
        size: 1.5e6,
      }),
    ).toEqual({
      deviceId: 3,
      name: '7-Zip 23.01',
      publisher: null,
      version: null,
      installDate: Date.UTC(2024, 2, 1, 10),
      sizeBytes: 1500000,
      location: null,
    });
  });
});
