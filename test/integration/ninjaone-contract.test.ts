import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/simulator/ninjaone/api';
import { startNinjaOneSimulator, type Json, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { componentValidator, describeErrors, ninjaOneSpec, responseValidator } from '../support/openapi';

/**
 * The simulator against NinjaOne's official OpenAPI file: every route it serves exists in the spec,
 * and every successful body it answers (each page family, with and without the optional parts)
 * validates against the spec's response schema. Device bodies are also checked against the subtype
 * schema their `deviceType` names.
 */
let sim: NinjaOneSimulator;

const specPath = (pattern: string): string => pattern.replace(/:([a-zA-Z]+)/g, '{$1}');

beforeAll(async () => {
  sim = await startNinjaOneSimulator({ devices: 300, seed: 7 });
});
afterAll(async () => {
  await sim?.close();
});

const subtypeSchema: Record<string, string> = {
  AGENT: 'AgentDevice',
  VMHOST: 'VMHost',
  MDM: 'MdmDevice',
  NMS: 'UnmanagedDevice',
  UNMANAGED: 'UnmanagedDevice',
};

function expectValid(method: string, pattern: string, body: unknown, label: string): void {
  const validate = responseValidator(method, specPath(pattern));
  if (!validate(body)) throw new Error(`${label} broke the spec: ${describeErrors(validate)}`);
}

function expectDeviceSubtype(device: Json, label: string): void {
  const schema = subtypeSchema[device.deviceType as string];
  expect(schema, `${label}: unknown deviceType ${String(device.deviceType)}`).toBeDefined();
  const validate = componentValidator(schema!);
  if (!validate(device)) throw new Error(`${label} broke ${schema}: ${describeErrors(validate)}`);
}

async function call(method: string, pattern: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    ...init,
    method,
    headers: { authorization: `Bearer ${sim.accessToken}`, ...(init.headers as Record<string, string>) },
  });
  expect(response.status, `${method} ${path}: ${response.status}`).toBeLessThan(300);
  if (response.status === 204) return undefined;
  expect(response.headers.get('content-type')).toContain('application/json');
  const body: unknown = await response.json();
  expectValid(method, pattern, body, `${method} ${path}`);
  return body;
}

const get = (pattern: string, path: string): Promise<unknown> => call('GET', pattern, path);

describe('NinjaOne simulator against the official OpenAPI document', () => {
  it('has a validator that rejects what the spec forbids', () => {
    const devices = responseValidator('GET', '/v2/devices');
    expect(
      devices([{ id: 1000, nodeClass: 'WINDOWS_WORKSTATION', offline: false, created: 1718030455.381 }]),
    ).toBe(true);
    expect(devices([{ id: '1000' }])).toBe(false);
    expect(devices([{ id: 1000, nodeClass: 'TOASTER' }])).toBe(false);
    expect(devices([{ id: 1000, uid: 'not-a-uuid' }])).toBe(false);
    expect(devices([{ id: 2 ** 31 }])).toBe(false);
    const activities = responseValidator('GET', '/v2/activities');
    expect(activities({ activities: [{ id: 1, statusCode: 'TRIGGERED' }] })).toBe(true);
    expect(activities({ activities: [{ id: 1, statusCode: 'SOMETHING_MADE_UP' }] })).toBe(false);
    const software = responseValidator('GET', '/v2/device/{id}/software');
    expect(software([{ installDate: '2024-03-14' }])).toBe(false);
  });

  it('serves only routes the spec declares', () => {
    const spec = ninjaOneSpec();
    for (const route of apiRoutes) {
      expect(spec.paths[specPath(route.pattern)]?.[route.method.toLowerCase()], route.key).toBeDefined();
    }
  });

  it('answers family A (id keyset) lists, with and without pageSize, after, df and expand', async () => {
    const firstOrgs = (await get('/v2/organizations', '/v2/organizations')) as Json[];
    expect(firstOrgs.length).toBeGreaterThan(3);
    await get('/v2/organizations', `/v2/organizations?pageSize=2&after=${firstOrgs[0]!.id as number}`);
    await get('/v2/organizations-detailed', '/v2/organizations-detailed');
    await get('/v2/organizations-detailed', '/v2/organizations-detailed?pageSize=3&after=1');
    await get('/v2/locations', '/v2/locations');
    await get('/v2/locations', '/v2/locations?pageSize=5&after=2');
    const devices = (await get('/v2/devices', '/v2/devices')) as Json[];
    expect(devices).toHaveLength(300);
    await get('/v2/devices', `/v2/devices?pageSize=50&after=${devices[49]!.id as number}`);
    await get('/v2/devices', '/v2/devices?df=class%20in%20(WINDOWS_SERVER,MAC)%20AND%20online');
    const expanded = (await get(
      '/v2/devices',
      '/api/v2/devices?pageSize=20&expand=organization,location,rolePolicy,policy,role,warranty',
    )) as Json[];
    expect(expanded.every((d) => typeof d.references === 'object')).toBe(true);
    const detailed = (await get('/v2/devices-detailed', '/v2/devices-detailed')) as Json[];
    for (const device of detailed) expectDeviceSubtype(device, `device ${device.id as number}`);
    expect(new Set(detailed.map((d) => d.deviceType))).toEqual(
      new Set(['AGENT', 'VMHOST', 'NMS', 'MDM', 'UNMANAGED']),
    );
    await get('/v2/devices-detailed', '/v2/devices-detailed?pageSize=10&after=1100&df=org%20%3D%201');
    await get('/v2/organization/:id/devices', '/v2/organization/1/devices');
    await get('/v2/organization/:id/devices', '/v2/organization/1/devices?pageSize=2&after=1000');
  });

  it('answers single organizations and devices of every device type', async () => {
    await get('/v2/organization/:id', '/v2/organization/2');
    await get('/v2/organization/:id/locations', '/api/v2/organization/2/locations');
    const byType = new Map<string, number>();
    for (const device of sim.truth.devices()) byType.set(device.deviceType as string, device.id as number);
    for (const [type, id] of byType) {
      const device = (await get('/v2/device/:id', `/v2/device/${id}`)) as Json;
      expectDeviceSubtype(device, `device ${id} (${type})`);
    }
  });

  it('answers alerts and resets one with DELETE and no body', async () => {
    const alerts = (await get('/v2/alerts', '/v2/alerts')) as Json[];
    expect(alerts.length).toBeGreaterThan(0);
    const first = alerts[0]!;
    await get('/v2/alerts', `/v2/alerts?sourceType=${first.sourceType as string}&lang=en&tz=UTC`);
    await get('/v2/alerts', '/v2/alerts?df=org%20in%20(1,2,3)');
    await get('/v2/device/:id/alerts', `/v2/device/${first.deviceId as number}/alerts`);
    await get('/v2/device/:id/alerts', '/v2/device/1000/alerts?lang=en&tz=UTC');
    await call('DELETE', '/v2/alert/:uid', `/v2/alert/${first.uid as string}`);
    expect(sim.truth.alerts().some((a) => a.uid === first.uid)).toBe(false);
  });

  it('answers family C (activities) newest first, with and without each filter', async () => {
    const top = (await get('/v2/activities', '/v2/activities')) as {
      lastActivityId: number;
      activities: Json[];
    };
    expect(top.activities.length).toBeGreaterThan(10);
    const last = top.activities.at(-1)!.id as number;
    await get('/v2/activities', `/v2/activities?pageSize=10&olderThan=${last}`);
    await get('/v2/activities', `/v2/activities?pageSize=10&newerThan=${last}`);
    await get('/v2/activities', '/v2/activities?type=CONDITION&status=TRIGGERED,RESET&class=DEVICE');
    await get('/v2/activities', '/v2/activities?class=SYSTEM&lang=en&tz=UTC');
    const day = Math.floor(sim.clock.now() / 1000) - 86_400;
    await get('/v2/activities', `/v2/activities?after=${day}&before=${day + 86_400}&df=org%20%3D%201`);
    const series = top.activities.find((a) => a.seriesUid);
    if (series) await get('/v2/activities', `/v2/activities?seriesUid=${series.seriesUid as string}`);
    const deviceId = top.activities[0]!.deviceId as number;
    const device = (await get('/v2/device/:id/activities', `/v2/device/${deviceId}/activities`)) as Json;
    expect(device.lastNodeActivityId).toBeTypeOf('number');
    await get(
      '/v2/device/:id/activities',
      `/v2/device/${deviceId}/activities?pageSize=10&olderThan=${top.lastActivityId}`,
    );
    await get(
      '/v2/device/:id/activities',
      `/v2/device/${deviceId}/activities?activityType=SYSTEM&status=NODE_CREATED`,
    );
  });

  it('answers per-device software and patch lists, with and without filters', async () => {
    const windows = sim.truth.devices().find((d) => d.nodeClass === 'WINDOWS_WORKSTATION')!;
    const id = windows.id as number;
    const software = (await get('/v2/device/:id/software', `/v2/device/${id}/software`)) as Json[];
    expect(software.length).toBeGreaterThan(10);
    await get('/v2/device/:id/os-patches', `/v2/device/${id}/os-patches`);
    await get(
      '/v2/device/:id/os-patches',
      `/v2/device/${id}/os-patches?status=APPROVED&type=SECURITY_UPDATES&severity=CRITICAL`,
    );
    await get('/v2/device/:id/software-patches', `/v2/device/${id}/software-patches`);
    await get(
      '/v2/device/:id/software-patches',
      `/v2/device/${id}/software-patches?impact=CRITICAL&type=PATCH`,
    );
    await get('/v2/device/:id/os-patch-installs', `/v2/device/${id}/os-patch-installs`);
    await get(
      '/v2/device/:id/os-patch-installs',
      `/v2/device/${id}/os-patch-installs?status=INSTALLED&installedAfter=2020-01-01`,
    );
    await get('/v2/device/:id/software-patch-installs', `/v2/device/${id}/software-patch-installs`);
    await get(
      '/v2/device/:id/software-patch-installs',
      `/v2/device/${id}/software-patch-installs?status=INSTALLED&installedBefore=${Math.floor(sim.clock.now() / 1000)}`,
    );
    const link = (await get('/v2/device/:id/dashboard-url', `/v2/device/${id}/dashboard-url`)) as Json;
    expect(link.url).toContain(`/deviceDashboard/${id}/`);
  });

  it('answers family B (query cursors) page after page, with and without filters', async () => {
    const queries: [string, string][] = [
      ['/v2/queries/software', 'installedAfter=2015-01-01'],
      ['/v2/queries/os-patches', 'status=APPROVED'],
      ['/v2/queries/os-patch-installs', 'status=INSTALLED'],
      ['/v2/queries/software-patches', 'impact=CRITICAL'],
      ['/v2/queries/software-patch-installs', 'status=FAILED'],
      ['/v2/queries/antivirus-status', 'productState=ON'],
      ['/v2/queries/device-health', 'health=HEALTHY'],
    ];
    for (const [path, filter] of queries) {
      const first = (await get(path, `${path}?pageSize=25`)) as { cursor: { name: string }; results: Json[] };
      expect(first.results.length, path).toBe(25);
      const second = (await get(path, `${path}?pageSize=25&cursor=${first.cursor.name}`)) as {
        results: Json[];
      };
      expect(second.results.length, path).toBeGreaterThan(0);
      await get(path, `${path}?${filter}&df=org%20%3D%201`);
      await get(path, `/api${path}`);
    }
  });

  it('accepts a webhook configuration and delivers activities that match the activity schema', async () => {
    const received: Json[] = [];
    const receiver: Server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(text) as Json);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      await call('PUT', '/v2/webhook', '/v2/webhook', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          url: `http://127.0.0.1:${port}/hook`,
          activities: { CONDITION: ['TRIGGERED', 'RESET'], SYSTEM: ['*'] },
          expand: ['device'],
          headers: [{ name: 'X-Relay-Secret', value: 'contract-test' }],
        }),
      });
      const alert = sim.control.triggerAlert({ deviceId: 1000 });
      sim.control.resetAlert(alert.uid);
      sim.control.changeDevice(1001, { displayName: 'renamed' });
      await sim.webhooks.idle();
      expect(received).toHaveLength(3);
      const activitySchema = responseValidator('GET', '/v2/activities');
      const deviceSchema = responseValidator('GET', '/v2/devices');
      for (const payload of received) {
        const { device, ...activity } = payload;
        expect(
          activitySchema({ lastActivityId: activity.id, activities: [activity] }),
          describeErrors(activitySchema),
        ).toBe(true);
        expect(deviceSchema([device]), describeErrors(deviceSchema)).toBe(true);
      }
      await call('DELETE', '/v2/webhook', '/v2/webhook');
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('was called on every route it serves, each answering success at least once', () => {
    const succeeded = new Set(
      sim.requests.filter((r) => typeof r.status === 'number' && r.status < 300).map((r) => r.route),
    );
    const missed = apiRoutes.filter((r) => !succeeded.has(r.key)).map((r) => r.key);
    expect(missed).toEqual([]);
  });
});
