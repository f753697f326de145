import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultBehaviour,
  startNinjaOneSimulator,
  type Json,
  type NinjaOneSimulator,
} from '../../src/simulator/ninjaone';
import { describeErrors, responseValidator } from '../support/openapi';

/**
 * The simulator's unkind defaults and switches, over HTTP (`/_sim/behaviour` and the API): a page
 * cap, background activity noise, retention pruning, refused and missing endpoint families,
 * realistic software counts, activities visible late, and both cursor expiry models. Every answer
 * still validates against NinjaOne's OpenAPI document.
 */
let sim: NinjaOneSimulator;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({ devices: 300, seed: 29 });
});
afterAll(async () => {
  await sim?.close();
});

async function api(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.url}${path}`, {
    headers: { authorization: `Bearer ${sim.accessToken}` },
  });
  return { status: response.status, body: await response.json() };
}

async function behaviour(change: object): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sim.url}/_sim/behaviour`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('the simulator is unkind by default', () => {
  it('caps pages below what clients ask, keeps noise on and counts software realistically', async () => {
    const current = (await (await fetch(`${sim.url}/_sim/behaviour`)).json()) as Json;
    expect(current).toEqual(defaultBehaviour);
    expect(defaultBehaviour.pageCap).toBeLessThan(1000);
    expect(defaultBehaviour.noise.perDevicePerHour).toBeGreaterThan(0);
    const devices = await api('/v2/devices?pageSize=1000');
    expect((devices.body as Json[]).length).toBe(
      defaultBehaviour.pageCap > 300 ? 300 : defaultBehaviour.pageCap,
    );
    const activities = await api('/v2/activities?pageSize=1000');
    expect((activities.body as { activities: Json[] }).activities.length).toBeLessThanOrEqual(
      defaultBehaviour.pageCap,
    );

    const titles = sim.truth
      .devices()
      .filter((d) => d.nodeClass === 'WINDOWS_WORKSTATION')
      .map((d) => sim.truth.software(d.id as number).length);
    expect(Math.min(...titles)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...titles)).toBeLessThanOrEqual(200);
  });

  it('switches software counts at runtime, and back to the same titles', async () => {
    const id = sim.truth.devices().find((d) => d.nodeClass === 'WINDOWS_WORKSTATION')!.id as number;
    const realistic = sim.truth.software(id);
    expect((await behaviour({ software: 'lean' })).body.software).toBe('lean');
    const lean = sim.truth.software(id);
    expect(lean.length).toBeLessThan(60);
    expect(realistic).toEqual(expect.arrayContaining(lean));
    await behaviour({ software: 'realistic' });
    expect(sim.truth.software(id)).toEqual(realistic);
  });

  it('refuses some endpoint families with 403 or 404 and serves the rest', async () => {
    await behaviour({ refusals: { '/v2/queries/*': 403, '/v2/alerts': 404 } });
    try {
      const software = await api('/v2/queries/software');
      expect(software).toMatchObject({ status: 403, body: { resultCode: 'FORBIDDEN' } });
      expect((await api('/v2/queries/antivirus-status')).status).toBe(403);
      expect((await api('/v2/alerts')).status).toBe(404);
      expect((await api('/v2/devices?pageSize=5')).status).toBe(200);
    } finally {
      await behaviour({ refusals: {} });
    }
    expect((await api('/v2/queries/software?pageSize=5')).status).toBe(200);
  });

  it('refuses a behaviour it cannot have', async () => {
    expect((await behaviour({ pageCap: 0 })).status).toBe(400);
    expect((await behaviour({ refusals: { '/v2/devices': 500 } })).status).toBe(400);
    expect((await behaviour({ cursor: { model: 'forever' } })).status).toBe(400);
    expect(sim.control.behaviour.pageCap).toBe(defaultBehaviour.pageCap);
  });
});

describe('activities', () => {
  it('records background noise from online agents at the configured rate, valid against the spec', async () => {
    const before = sim.truth.counts();
    const devicesBefore = sim.truth.devices();
    sim.control.advanceClock(3600);
    const after = sim.truth.counts();
    const made = after.activities - before.activities;
    const expected = 300 * defaultBehaviour.noise.perDevicePerHour;
    expect(made).toBeGreaterThan(expected * 0.7);
    expect(made).toBeLessThan(expected * 1.3);
    const noise = sim.truth.activities().slice(-made);
    const codes = new Set(noise.map((a) => a.statusCode));
    expect(codes).toEqual(
      new Set([
        'USER_LOGGED_IN',
        'USER_LOGGED_OUT',
        'PATCH_MANAGEMENT_SCAN_COMPLETED',
        'SOFTWARE_PATCH_MANAGEMENT_SCAN_COMPLETED',
        'COMPLETED',
      ]),
    );
    const byId = new Map(devicesBefore.map((d) => [d.id, d]));
    expect(noise.every((a) => byId.get(a.deviceId)?.offline === false)).toBe(true);
    // Noise changes nothing a sync caches.
    expect(sim.truth.devices()).toEqual(devicesBefore);
    const page = await api('/v2/activities?pageSize=500');
    const validate = responseValidator('GET', '/v2/activities');
    expect(validate(page.body), describeErrors(validate)).toBe(true);
  });

  it('prunes activities past the retention, so a walk down no longer reaches old ids', async () => {
    const oldest = sim.truth.counts().lastActivityId;
    await behaviour({ retention: { days: 1 } });
    try {
      sim.control.advanceClock(2 * 86_400);
      const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as { oldestActivityId: number };
      expect(state.oldestActivityId).toBeGreaterThan(oldest);
      const below = await api(`/v2/activities?pageSize=10&olderThan=${state.oldestActivityId}`);
      expect((below.body as { activities: Json[] }).activities).toEqual([]);
    } finally {
      await behaviour({ retention: { days: 30 } });
    }
  });

  it('shows an activity recorded late only after its delay, below ids already served', async () => {
    await behaviour({ noise: { perDevicePerHour: 0 }, lateActivities: { share: 1, delaySeconds: 30 } });
    try {
      const [first, second] = sim.truth.deviceIds();
      sim.control.changeDevice(first!, { displayName: 'LATE' });
      await behaviour({ lateActivities: { share: 0 } });
      sim.control.changeDevice(second!, { displayName: 'ON-TIME' });
      const now = (await api('/v2/activities?pageSize=10')).body as {
        activities: Json[];
        lastActivityId: number;
      };
      expect(now.activities[0]!.deviceId).toBe(second);
      expect(now.activities.some((a) => a.deviceId === first && a.statusCode === 'NODE_UPDATED')).toBe(false);
      sim.control.advanceClock(31);
      const later = (await api('/v2/activities?pageSize=10')).body as { activities: Json[] };
      const late = later.activities.find((a) => a.deviceId === first && a.statusCode === 'NODE_UPDATED')!;
      expect(late.id as number).toBeLessThan(now.activities[0]!.id as number);
    } finally {
      await behaviour({ noise: { perDevicePerHour: defaultBehaviour.noise.perDevicePerHour } });
    }
  });
});

describe('query cursors', () => {
  async function pageThrough(delaySeconds: number): Promise<number[]> {
    const statuses: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 4; i++) {
      const { status, body } = await api(
        `/v2/queries/software?pageSize=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      statuses.push(status);
      if (status !== 200) break;
      cursor = (body as { cursor: { name: string } }).cursor.name;
      sim.control.advanceClock(delaySeconds);
    }
    return statuses;
  }

  it('expire on a fixed deadline from the first page, or a TTL after each page', async () => {
    await behaviour({ cursor: { model: 'deadline', ttlSeconds: 10 } });
    // Four pages four seconds apart outlive a ten-second deadline...
    expect(await pageThrough(4)).toEqual([200, 200, 200, 400]);
    await behaviour({ cursor: { model: 'renewed', ttlSeconds: 10 } });
    // ...but not a cursor each page renews.
    expect(await pageThrough(4)).toEqual([200, 200, 200, 200]);
    await behaviour({ cursor: defaultBehaviour.cursor });
  });
});
