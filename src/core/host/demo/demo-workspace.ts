import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { severities, type Severity } from '../../../shared/contract/domain';
import { AppError } from '../../../shared/rpc/errors';
import type { NinjaOneSimulator } from '../../../simulator/ninjaone';
import type { NinjaDeviceForSync, PsaSimulator } from '../../../simulator/psa';
import type { Relay } from '../../../relay/relay';
import type * as DemoServers from './demo-servers';
import type { Cache } from '../../cache/cache';
import type { Logger } from '../../../node/logger';
import type { NinjaOneConnection } from '../../ninjaone';
import type { PsaRuntime } from '../../psa';
import type { RelayClient } from '../../relay-client/service';
import type { SyncService } from '../../sync/sync-service';
import { requestBudgetSchema, type RequestBudget } from '../../../shared/contract/ninjaone';
import { freeLoopbackPort } from '../loopback-port';
import { autoConsentOpener } from './auto-consent-browser';
import type { CacheTopic } from '../../../shared/contract/cache-topics';

export interface DemoOptions {
  devices?: number;
  seed?: number;
  /** How often an alert fires or resets somewhere in the demo fleet. */
  churnMs?: number;
}

interface DemoParts {
  cache: Cache;
  ninjaone: NinjaOneConnection;
  psa: PsaRuntime;
  relay: RelayClient;
  sync: SyncService;
  logger: Logger;
  onChange(active: boolean): void;
  /** Tells the views which cache tables changed. */
  changed(tables: CacheTopic[]): void;
}

const activeKey = 'demo.active';
/** The technician's own request budget, kept aside while the demo runs on its own. */
const savedBudgetKey = 'demo.savedRequestBudget';

/**
 * The demo's NinjaOne is a simulator on loopback with no tenant to share: under the conservative
 * default (10 requests a second) its first sync of 2,000 devices spent most of its 40 s waiting.
 */
const demoRequestBudget: RequestBudget = { requestsPerSecond: 200, burst: 200 };

/**
 * The demo workspace: the NinjaOne and Alga PSA simulators and a relay run inside the core; the console
 * signs in to them exactly as to real accounts (OAuth with PKCE, an API key, a console token), syncs
 * the fleet, maps the organizations, registers the relay's webhook with NinjaOne, and alerts keep
 * firing and resetting, reaching the console through the relay the moment they do.
 * It stays on across restarts until the technician leaves it, which clears the cache.
 */
export class DemoWorkspace {
  private ninjaSim: NinjaOneSimulator | null = null;
  private psaSim: PsaSimulator | null = null;
  private relay: { server: Relay; dir: string } | null = null;
  private churn: ReturnType<typeof setInterval> | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly parts: DemoParts,
    private readonly options: DemoOptions = {},
  ) {}

  get active(): boolean {
    return this.parts.cache.settings.get(activeKey, z.boolean(), false);
  }

  /** Starts the demo (or joins the start in progress). */
  start(): Promise<void> {
    this.starting ??= this.run().catch(async (error: unknown) => {
      this.starting = null;
      await this.stopSimulators();
      throw error;
    });
    return this.starting;
  }

  private async run(): Promise<void> {
    const { cache, ninjaone, psa, sync, logger } = this.parts;
    const fresh = !this.active;
    if (fresh && (cache.devices.count() > 0 || (await ninjaone.status()).state !== 'not_connected')) {
      throw new AppError(
        'conflict',
        'The demo workspace starts on an empty console. Disconnect NinjaOne and use a new cache to try it.',
      );
    }
    const servers = await import('./demo-servers');
    const redirectPort = await freeLoopbackPort();
    this.ninjaSim = await servers.startNinjaOneSimulator({
      devices: this.options.devices ?? 2000,
      seed: this.options.seed ?? 2026,
      alertHistoryDays: 30,
      redirectUris: [`http://127.0.0.1:${redirectPort}/callback`],
    });
    const organizations = this.ninjaSim.truth.organizations() as { id: number; name: string }[];
    this.psaSim = await servers.startPsaSimulator({ organizationNames: organizations.map((o) => o.name) });
    // Alga's own NinjaOne integration has run in this tenant: assets tagged its way, some tickets.
    this.psaSim.control.syncNinjaFleet(
      this.ninjaSim.truth.devices() as unknown as NinjaDeviceForSync[],
      organizations,
    );
    cache.settings.set(activeKey, true);
    this.parts.onChange(true);
    logger.info('demo: simulators started', { ninjaone: this.ninjaSim.url, psa: this.psaSim.baseUrl });

    if (fresh) cache.settings.set(savedBudgetKey, ninjaone.requestBudget());
    ninjaone.setRequestBudget(demoRequestBudget);
    await ninjaone.connect(
      { host: this.ninjaSim.url, clientId: this.ninjaSim.clientId, redirectPort, redirectPath: '/callback' },
      undefined,
      autoConsentOpener,
    );
    await psa.service.connect({ baseUrl: this.psaSim.baseUrl, apiKey: this.psaSim.apiKey });
    await sync.runNow(fresh ? 'full' : undefined);
    await this.startRelay(servers);
    psa.service.refreshSuggestions();
    const exact = psa.service
      .mappingList({ filter: { states: ['suggested'] }, limit: 500 })
      .items.filter((row) => row.suggestion?.exact)
      .map((row) => row.organizationId);
    if (exact.length) psa.service.confirm(exact);
    this.startChurn();
  }

  /**
   * A relay on loopback with its own SQLite file: NinjaOne's webhook points at it, the console streams
   * from it, and its rules can make tickets in the simulated PSA. A new one each start: the console's
   * stored position is then ahead of it, which the relay answers with a reset (a full sync).
   */
  private async startRelay(servers: typeof DemoServers): Promise<void> {
    const { newAdminToken, newConsoleToken, relayConfigSchema, startRelay } = servers;
    const { relay: client, logger } = this.parts;
    const dir = mkdtempSync(join(tmpdir(), 'alga-demo-relay-'));
    const webhookSecret = randomBytes(24).toString('base64url');
    const admin = newAdminToken();
    const server = await startRelay({
      config: relayConfigSchema.parse({
        port: 0,
        db: join(dir, 'relay.db'),
        logLevel: 'warn',
        adminTokenHash: admin.hash,
        psaUrl: this.psaSim!.baseUrl,
      }),
      webhookSecret,
      // The console's bundle cannot start the relay's TypeScript writer thread.
      sqliteWriter: 'inline',
      logger: logger.child({ service: 'demo-relay' }),
      secrets: { adminTokenHash: admin.hash, psaApiKey: this.psaSim!.apiKey },
    });
    this.relay = { server, dir };
    const consoleToken = newConsoleToken();
    await server.store.createToken('demo console', consoleToken.hash, Date.now());
    await client.connect({ url: server.url, token: consoleToken.token });
    await client.setAdminToken(admin.token);
    await client.registerWebhook({
      publicUrl: server.url,
      secret: webhookSecret,
      secretHeader: 'X-Relay-Secret',
    });
  }

  /**
   * Every few seconds an alert fires on a device, or an open one resets, as in a real fleet: from the
   * first tick, whatever the fleet started with, so new alerts keep arriving (two fire for each one
   * that resets, and the oldest open alerts reset more often while the queue is long).
   */
  private startChurn(): void {
    const sim = this.ninjaSim;
    if (!sim) return;
    const devices = (sim.truth.devices() as { id: number; offline?: boolean }[])
      .filter((d) => !d.offline)
      .map((d) => d.id);
    let tick = 0;
    this.churn = setInterval(() => {
      tick++;
      const open = sim.truth.alerts() as { uid: string }[];
      const resets = open.length > 150 ? tick % 2 === 0 : tick % 3 === 0;
      if (open.length > 0 && resets) {
        sim.control.resetAlert(open[tick % open.length]!.uid);
        return;
      }
      const deviceId = devices[(tick * 7919) % devices.length];
      if (deviceId === undefined) return;
      const severity: Severity = severities[1 + (tick % (severities.length - 1))]!;
      sim.control.triggerAlert({ deviceId, severity });
    }, this.options.churnMs ?? 6000);
    this.churn.unref?.();
  }

  private async stopSimulators(): Promise<void> {
    if (this.churn) clearInterval(this.churn);
    this.churn = null;
    if (this.relay) {
      await this.relay.server.close();
      rmSync(this.relay.dir, { recursive: true, force: true });
      this.relay = null;
    }
    await this.ninjaSim?.close();
    await this.psaSim?.close();
    this.ninjaSim = null;
    this.psaSim = null;
  }

  /** Leaves the demo: disconnects from the simulators and clears the cache for a real account. */
  async leave(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.starting = null;
    await this.parts.sync.cancelAndWait();
    await this.parts.relay.disconnect();
    await this.parts.ninjaone.disconnect({ removeWebhook: false });
    await this.parts.psa.service.disconnect();
    await this.stopSimulators();
    const saved = this.parts.cache.settings.get(savedBudgetKey, requestBudgetSchema.nullable(), null);
    if (saved) this.parts.ninjaone.setRequestBudget(saved);
    this.parts.cache.settings.delete(savedBudgetKey);
    this.parts.changed(this.parts.cache.clearWorkspace());
    this.parts.cache.settings.set(activeKey, false);
    this.parts.onChange(false);
  }

  /** Stops the simulators with the core; the demo starts again with the next core. */
  close(): Promise<void> {
    return this.stopSimulators();
  }
}
