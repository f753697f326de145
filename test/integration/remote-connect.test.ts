import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/host/core';
import type { ExternalOpener } from '../../src/core/external-opener';
import { ParentPortOpener } from '../../src/core/host/parent-port-opener';
import type { DashboardUrlSource } from '../../src/core/remote/remote-launcher';
import {
  checkExternalUrl,
  refusedExternalUrl,
  type TrustedOrigins,
} from '../../src/shared/external-url-policy';
import type { CoreToMainMessage } from '../../src/shared/host-messages';
import { AppError } from '../../src/shared/rpc/errors';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { recordEvents, startInProcessCore } from '../support/in-process-core';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { testBrowser } from '../support/ninjaone';
import { startPsaHarness } from '../support/psa-harness';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const token = 'one-time-session-token-8f3a';

/** Stands in for the NinjaOne client: `GET /v2/device/{id}/dashboard-url`. */
function dashboardSource(host = 'https://eu.ninjarmm.com', expiresInMs = 300_000) {
  const calls: number[] = [];
  const source: DashboardUrlSource = {
    dashboardUrl: (deviceId) => {
      calls.push(deviceId);
      return Promise.resolve({
        url: `${host}/#/deviceDashboard/${deviceId}/overview?sessionToken=${token}`,
        expiresAt: Date.now() + expiresInMs,
      });
    },
  };
  return { source, calls };
}

async function start(options: Parameters<typeof startInProcessCore>[0]) {
  const started = await startInProcessCore(options);
  cores.push(started.core);
  seedCache(started.core.cache, fleetRecords(10, 1));
  return started;
}

function auditRows(core: Core) {
  return (
    core.cache.db.prepare('SELECT actor, action, target, details FROM audit_log ORDER BY id').all() as {
      actor: string | null;
      action: string;
      target: string;
      details: string;
    }[]
  ).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('remote connect (web mode opener: the page opens the tab after the same URL policy)', () => {
  it('opens the dashboard of the connected NinjaOne host and audits the launch without the URL', async () => {
    const { source } = dashboardSource();
    const { core, rpc } = await start({ dashboardUrls: source });
    core.trustedOrigins.set('ninjaone', 'https://eu.ninjarmm.com/');
    const opened = recordEvents(rpc, 'shell.openExternal');

    const result = await rpc.call('remote.connect', { deviceId: 3 });
    expect(result).toMatchObject({ deviceId: 3, host: 'eu.ninjarmm.com' });
    expect(await opened.next()).toEqual({
      url: `https://eu.ninjarmm.com/#/deviceDashboard/3/overview?sessionToken=${token}`,
      purpose: 'remote',
    });
    const [row] = auditRows(core);
    expect(row).toMatchObject({
      action: 'remote.connect',
      target: 'device:3',
      details: { outcome: 'opened', host: 'eu.ninjarmm.com' },
    });
    expect(JSON.stringify(auditRows(core))).not.toContain(token);
  });

  it('refuses a dashboard link on another host, opens nothing and audits the refusal', async () => {
    const { source } = dashboardSource('https://eu.ninjarmm.com.evil.example');
    const { core, rpc } = await start({ dashboardUrls: source });
    core.trustedOrigins.set('ninjaone', 'https://eu.ninjarmm.com');
    const opened = recordEvents(rpc, 'shell.openExternal');

    const error = await failure(rpc.call('remote.connect', { deviceId: 4 }));
    expect(error.code).toBe('refused');
    expect(error.message).toContain('eu.ninjarmm.com.evil.example');
    expect(error.message).not.toContain(token);
    expect(opened.payloads).toEqual([]);
    expect(auditRows(core)[0]!.details).toMatchObject({ outcome: 'refused', code: 'refused' });
  });

  it('says NinjaOne is not connected before a sign-in, and audits the attempt', async () => {
    const { core, rpc } = await start({});
    const error = await failure(rpc.call('remote.connect', { deviceId: 1 }));
    expect(error.code).toBe('not_connected');
    expect(error.message).toMatch(/not connected to NinjaOne/);
    expect(auditRows(core)[0]!.details).toMatchObject({ outcome: 'failed', code: 'not_connected' });
  });

  it('reuses a link until shortly before it expires, and fetches a fresh one after', async () => {
    const lasting = dashboardSource();
    const first = await start({ dashboardUrls: lasting.source });
    first.core.trustedOrigins.set('ninjaone', 'https://eu.ninjarmm.com');
    await first.rpc.call('remote.connect', { deviceId: 2 });
    await first.rpc.call('remote.connect', { deviceId: 2 });
    expect(lasting.calls).toEqual([2]);

    const expiring = dashboardSource('https://eu.ninjarmm.com', 10_000);
    const second = await start({ dashboardUrls: expiring.source });
    second.core.trustedOrigins.set('ninjaone', 'https://eu.ninjarmm.com');
    await second.rpc.call('remote.connect', { deviceId: 2 });
    await second.rpc.call('remote.connect', { deviceId: 2 });
    expect(expiring.calls).toEqual([2, 2]);
  });
});

/**
 * Plays Electron main: its gate decides with the origins the core reported over the parent port,
 * then hands what it allows to the browser (`launch`).
 */
function fakeMain(launch: ExternalOpener['open'] = () => Promise.resolve()) {
  let origins: TrustedOrigins = { ninjaone: null, psa: null };
  const opened: string[] = [];
  let opener: ParentPortOpener | null = null;
  const post = (message: CoreToMainMessage): void => {
    if (message.type === 'trusted-origins') origins = message.origins;
    if (message.type !== 'open-external') return;
    const decision = checkExternalUrl(message.url, message.purpose, origins);
    const launched = decision.allowed ? launch(decision.url, message.purpose) : Promise.resolve();
    void launched.then(() => {
      if (decision.allowed) opened.push(decision.url);
      opener!.settle(
        message.id,
        decision.allowed ? null : refusedExternalUrl(message.purpose, decision.reason).toShape(),
      );
    });
  };
  opener = new ParentPortOpener(post);
  return { opener: opener as ExternalOpener, post, opened };
}

/** A core whose opener is the fake main, told about every change of trusted origins as Electron's is. */
async function startBehindMain(main: ReturnType<typeof fakeMain>, options: Parameters<typeof start>[0]) {
  const started = await start({ ...options, opener: main.opener });
  main.post({ type: 'trusted-origins', origins: started.core.trustedOrigins.get() });
  started.core.trustedOrigins.onChange((origins) => main.post({ type: 'trusted-origins', origins }));
  return started;
}

describe('remote connect in Electron: the core asks main over the parent port', () => {
  it('opens through main when the gate allows it, and surfaces the refusal when not', async () => {
    const main = fakeMain();
    const { source } = dashboardSource();
    const { core, rpc } = await startBehindMain(main, { dashboardUrls: source });

    const before = await failure(rpc.call('remote.connect', { deviceId: 5 }));
    expect(before.code).toBe('refused');
    expect(before.message).toMatch(/no NinjaOne connection/);

    core.trustedOrigins.set('ninjaone', 'https://eu.ninjarmm.com');
    await rpc.call('remote.connect', { deviceId: 5 });
    expect(main.opened).toEqual([
      `https://eu.ninjarmm.com/#/deviceDashboard/5/overview?sessionToken=${token}`,
    ]);
    expect(auditRows(core).map((row) => row.details.outcome)).toEqual(['refused', 'opened']);
  });

  it('times out with a clear error when main never answers', async () => {
    const opener = new ParentPortOpener(() => undefined, 20);
    const error = await failure(opener.open('https://eu.ninjarmm.com/', 'remote'));
    expect(error.code).toBe('timeout');
  });
});

describe('remote connect against the NinjaOne simulator, signed in through the gate', () => {
  let sim: NinjaOneSimulator;
  let port: number;

  beforeAll(async () => {
    port = await freeLoopbackPort();
    sim = await startNinjaOneSimulator({
      devices: 20,
      seed: 4,
      redirectUris: [`http://127.0.0.1:${port}/callback`],
    });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('trusts the instance for the sign-in page, then opens a fresh dashboard link on it and audits it', async () => {
    const browser = testBrowser();
    const main = fakeMain(browser.opener.open);
    const { core, rpc } = await startBehindMain(main, {});
    expect(core.trustedOrigins.get().ninjaone).toBeNull();

    await rpc.call('ninjaone.connect', {
      host: sim.url,
      clientId: sim.clientId,
      redirectPort: port,
      redirectPath: '/callback',
    });
    expect(core.trustedOrigins.get().ninjaone).toBe(sim.url);

    const deviceId = sim.truth.deviceIds()[3]!;
    const result = await rpc.call('remote.connect', { deviceId });
    expect(result.host).toBe(new URL(sim.url).host);
    expect(browser.opened.map((o) => o.purpose)).toEqual(['sign-in', 'remote']);
    const dashboard = new URL(browser.opened[1]!.url);
    expect(dashboard.origin).toBe(sim.url);
    expect(dashboard.hash).toBe(`#/deviceDashboard/${deviceId}/overview`);
    expect((await browser.visits[1]!).status).toBe(200);
    expect(auditRows(core).at(-1)).toMatchObject({
      target: `device:${deviceId}`,
      details: { outcome: 'opened', host: new URL(sim.url).host },
    });

    await rpc.call('ninjaone.disconnect', { removeWebhook: false });
    expect(core.trustedOrigins.get().ninjaone).toBeNull();
  });
});

describe('trusted origins', () => {
  it('follow the PSA connection, so links to its tickets open and stop opening on disconnect', async () => {
    const psa = await startPsaHarness({ devices: 5 });
    try {
      expect(psa.core.trustedOrigins.get().psa).toBeNull();
      await psa.connect();
      expect(psa.core.trustedOrigins.get().psa).toBe(new URL(psa.sim.baseUrl).origin);
      const ticketLink = `${psa.sim.baseUrl}/msp/tickets/42`;
      expect(checkExternalUrl(ticketLink, 'link', psa.core.trustedOrigins.get()).allowed).toBe(true);
      expect(checkExternalUrl(ticketLink, 'remote', psa.core.trustedOrigins.get()).allowed).toBe(false);
      await psa.client.call('psa.disconnect', {});
      expect(psa.core.trustedOrigins.get().psa).toBeNull();
    } finally {
      await psa.close();
    }
  });

  it('keep only the origin of what the connections report, and refuse what is not a host', async () => {
    const { core } = await start({});
    core.trustedOrigins.set('ninjaone', 'https://EU.ninjarmm.com:443/ws/oauth/authorize');
    expect(core.trustedOrigins.get()).toEqual({ ninjaone: 'https://eu.ninjarmm.com', psa: null });
    expect(() => core.trustedOrigins.set('psa', 'javascript:alert(1)')).toThrow(AppError);
    expect(() => core.trustedOrigins.set('psa', 'not a url')).toThrow(/not a URL/);
  });
});
