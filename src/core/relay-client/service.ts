import { z } from 'zod';
import type { EventName, Events } from '../../shared/contract';
import type { RelayStatus } from '../../shared/contract/relay';
import {
  deviceSilenceSchema,
  ruleDecisionSchema,
  rulesDocumentSchema,
  rulesStateSchema,
  type RuleDecision,
  type RulesDocument,
} from '../../shared/relay/rules';
import type { PayloadOf } from '../../shared/rpc/define';
import { AppError } from '../../shared/rpc/errors';
import type { Page } from '../../shared/rpc/paging';
import type { SseMessage } from '../../shared/relay/sse-parser';
import type { AlertArrivals } from '../alerts/alert-arrivals';
import type { AlertNotifier } from '../alerts/notifier';
import type { OpenAlertCountsPublisher } from '../alerts/open-alert-counts';
import { triggeredAlerts } from '../alerts/triggered-alerts';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import type { NinjaOneClient } from '../ninjaone';
import type { ReferenceDataRepository } from '../psa/reference-data';
import { SqliteAlertTicketLedger } from '../psa/tickets/ledger';
import type { BackoffPolicy } from '../time/backoff';
import type { SecretStore } from '../secrets/secret-store';
import type { StaleDevices } from '../sync/sync-job';
import { EventApplier, type AppliedBatch } from './event-applier';
import { EventStream } from './event-stream';
import { RelayHttp, type RelayAuth } from './http';
import { TeamLedgerMirror, RelayAlertTicketLedger } from './ledger';
import { NotificationGate } from './notification-gate';
import { normalizeRelayUrl, RELAY_ADMIN_TOKEN_ACCOUNT, RELAY_TOKEN_ACCOUNT, RelaySettings } from './settings';
import { ticketTargets } from './ticket-targets';
import { WebhookRegistrar } from './webhook-registration';

type Emit = <K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void;

/** Timing a test or the host may tune. */
export interface RelayClientOptions {
  /** Reconnect backoff (default 1 s doubling to 30 s). */
  backoff?: BackoffPolicy;
  /** A stream silent this long is reconnected (default 45 s: three missed heartbeats). */
  idleTimeoutMs?: number;
  /** How long a new alert waits for its rule decision before it notifies anyway (default 5 s). */
  decisionWaitMs?: number;
  /** Per-request timeout to the relay (default 15 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface RelayClientDeps {
  cache: Cache;
  secrets: SecretStore;
  logger: Logger;
  emit: Emit;
  technician(): string;
  notifier: Pick<AlertNotifier, 'alertsTriggered' | 'suppress'>;
  openAlertCounts: Pick<OpenAlertCountsPublisher, 'alertsChanged'>;
  /** Marks opened alerts new (at once, not after the rules' decision) and re-checks the others. */
  arrivals: Pick<AlertArrivals, 'arrived'>;
  /** Reads again what webhooks made stale, through the sync engine's batched fetch. */
  refreshDevices(stale: StaleDevices): Promise<boolean>;
  /** The relay lost the console's place: a full sync brings the cache up to date. */
  fullSync(): void;
  alertsReset(uids: string[], at: number): void;
  ninjaOne(): Promise<NinjaOneClient>;
  /** Whether NinjaOne is connected now (the webhook is registered once both sides are). */
  ninjaOneConnected(): Promise<boolean>;
  ninjaOneUrl(): Promise<string | null>;
  /** The PSA's boards, statuses and priorities, which rules that make tickets point at. */
  reference: ReferenceDataRepository;
  options?: RelayClientOptions;
}

const STATUS_EVERY_MS = 1000;
const emptyAnswer = z.unknown();

/**
 * The console's side of the relay: the connection settings (the token in the keychain), the event
 * stream applied to the cache, the team's ticket ledger, silences shared with the relay, the rules
 * editor's calls and the webhook registration with NinjaOne.
 */
export class RelayClient {
  readonly ledger: RelayAlertTicketLedger;
  private readonly settings: RelaySettings;
  private readonly mirror: TeamLedgerMirror;
  private readonly applier: EventApplier;
  private readonly gate: NotificationGate;
  private readonly registrar: WebhookRegistrar;
  private stream: EventStream | null = null;
  private http_: RelayHttp | null = null;
  private streamState: { state: RelayStatus['state']; reason: string | null; nextAttemptAt: number | null } =
    {
      state: 'not_configured',
      reason: null,
      nextAttemptAt: null,
    };
  private connectedAt: number | null = null;
  private adminToken = false;
  private lastStatusAt = 0;
  private statusTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: RelayClientDeps) {
    const { cache, logger } = deps;
    this.settings = new RelaySettings(cache);
    this.mirror = new TeamLedgerMirror(cache);
    this.ledger = new RelayAlertTicketLedger(
      new SqliteAlertTicketLedger(cache.db),
      () => this.http_,
      this.mirror,
      cache,
      logger,
    );
    this.gate = new NotificationGate(
      deps.notifier,
      (uids) => deps.notifier.alertsTriggered(triggeredAlerts(cache, uids)),
      deps.options?.decisionWaitMs ?? 5_000,
    );
    this.registrar = new WebhookRegistrar({
      cache,
      secrets: deps.secrets,
      logger,
      ninjaOne: deps.ninjaOne,
      bothConnected: async () => this.settings.connection() !== null && (await deps.ninjaOneConnected()),
    });
    this.applier = new EventApplier({
      cache,
      settings: this.settings,
      mirror: this.mirror,
      refreshDevices: deps.refreshDevices,
      alertsReset: deps.alertsReset,
      logger,
      now: Date.now,
    });
  }

  /** Starts the stream of a saved connection (at core start). */
  async start(): Promise<void> {
    const connection = this.settings.connection();
    if (!connection) return;
    this.adminToken = (await this.deps.secrets.get(RELAY_ADMIN_TOKEN_ACCOUNT)) !== null;
    this.open(connection.url);
    this.ensureWebhook();
  }

  /** NinjaOne was connected (or signed in again): register the webhook if NinjaOne's copy is stale. */
  ninjaOneConnected(): void {
    this.ensureWebhook();
  }

  /**
   * NinjaOne is about to be disconnected: the webhook this console registered goes with it (a new
   * sign-in registers it again). True when it was removed.
   */
  ninjaOneDisconnecting(): Promise<boolean> {
    return this.registrar.remove({ forget: false });
  }

  private ensureWebhook(): void {
    this.registrar
      .ensure()
      .then((registered) => {
        if (registered) this.emitStatus(true);
      })
      .catch((error: unknown) =>
        this.deps.logger.warn('relay: registering the webhook with NinjaOne failed; the button tries again', {
          error,
        }),
      );
  }

  status(): RelayStatus {
    const connection = this.settings.connection();
    const position = connection ? this.settings.position(connection.url) : null;
    return {
      state: connection ? this.streamState.state : 'not_configured',
      url: connection?.url ?? null,
      reason: this.streamState.reason,
      nextAttemptAt: this.streamState.nextAttemptAt,
      connectedAt: this.connectedAt,
      lastEventAt: position?.lastEventAt ?? null,
      lastSeq: position?.seq ?? null,
      adminToken: this.adminToken,
      rulesActive: this.gate.rulesActive,
      webhook: this.registrar.status(),
      quarantined: connection
        ? this.settings
            .quarantined(connection.url)
            .map(({ seq, event, reason, at }) => ({ seq, event, reason, at }))
        : [],
    };
  }

  /** Checks the address and token against the relay, keeps them, and (re)starts the stream. */
  async connect(input: { url: string; token?: string | undefined }): Promise<RelayStatus> {
    const url = normalizeRelayUrl(input.url);
    // The saved token goes only to the relay it was saved for: another address needs its token typed.
    const saved = this.settings.connection();
    const token =
      input.token ?? (saved?.url === url ? await this.deps.secrets.get(RELAY_TOKEN_ACCOUNT) : null);
    if (!token)
      throw new AppError(
        'invalid_input',
        saved && saved.url !== url
          ? `Enter the console token for ${new URL(url).host}: the saved token is used only with ${new URL(saved.url).host}.`
          : 'Enter the console token your relay administrator gave you.',
      );
    const probe = this.client(url, (auth) => Promise.resolve(auth === 'console' ? token : null));
    const state = await probe.request({
      method: 'GET',
      path: '/v1/rules/state',
      auth: 'console',
      schema: rulesStateSchema,
      action: 'check the console token',
    });
    await this.stop();
    await this.deps.secrets.set(RELAY_TOKEN_ACCOUNT, token);
    this.settings.saveConnection(url, Date.now());
    this.gate.rulesActive = state.body.active;
    this.deps.logger.info('relay: connected', { host: probe.host });
    this.open(url);
    this.ensureWebhook();
    return this.status();
  }

  async disconnect(): Promise<RelayStatus> {
    // NinjaOne would go on delivering to a relay this console no longer listens to.
    await this.registrar.remove({ forget: true });
    await this.stop();
    await this.deps.secrets.delete(RELAY_TOKEN_ACCOUNT);
    await this.deps.secrets.delete(RELAY_ADMIN_TOKEN_ACCOUNT);
    this.settings.forget();
    this.adminToken = false;
    this.streamState = { state: 'not_configured', reason: null, nextAttemptAt: null };
    this.emitStatus(true);
    return this.status();
  }

  async setAdminToken(token: string | null): Promise<RelayStatus> {
    const http = this.requireHttp();
    if (token === null) await this.deps.secrets.delete(RELAY_ADMIN_TOKEN_ACCOUNT);
    else {
      await this.client(http.url, (auth) => Promise.resolve(auth === 'admin' ? token : null)).request({
        method: 'GET',
        path: '/v1/admin/rules',
        auth: 'admin',
        schema: emptyAnswer,
        action: 'check the admin token',
      });
      await this.deps.secrets.set(RELAY_ADMIN_TOKEN_ACCOUNT, token);
    }
    this.adminToken = token !== null;
    this.emitStatus(true);
    return this.status();
  }

  async registerWebhook(input: { publicUrl: string; secret: string; secretHeader: string }) {
    const result = await this.registrar.register(input);
    this.emitStatus(true);
    return result;
  }

  async rules(): Promise<RulesDocument> {
    const { body } = await this.requireHttp().request({
      method: 'GET',
      path: '/v1/admin/rules',
      auth: 'admin',
      schema: rulesDocumentSchema,
      action: 'read the rules',
    });
    return body;
  }

  /** Saves the rules with this console's ticket targets; someone else's save since is a conflict. */
  async saveRules(
    edit: Pick<RulesDocument, 'rules' | 'settings'> & { expectedVersion: number },
  ): Promise<RulesDocument> {
    const tickets = ticketTargets(
      this.deps.cache,
      this.deps.reference,
      edit.rules,
      await this.deps.ninjaOneUrl(),
    );
    if (!tickets && edit.rules.some((r) => r.enabled && r.action.type === 'ticket'))
      throw new AppError(
        'not_configured',
        'Rules that make tickets need Alga PSA boards, statuses and priorities: connect Alga PSA in Settings first.',
      );
    const { status, body } = await this.requireHttp().request({
      method: 'PUT',
      path: '/v1/admin/rules',
      auth: 'admin',
      body: { ...edit, tickets, by: this.deps.technician() },
      schema: z.union([rulesDocumentSchema, z.object({ message: z.string() })]),
      accept: [409],
      action: 'save the rules',
    });
    if (status === 409 || !('version' in body))
      throw new AppError(
        'conflict',
        'message' in body ? body.message : 'The rules changed meanwhile: reload them.',
      );
    return body;
  }

  async decisions(input: { cursor?: string | null | undefined; limit: number }): Promise<Page<RuleDecision>> {
    const before = input.cursor && /^\d+$/.test(input.cursor) ? `&before=${input.cursor}` : '';
    const { body } = await this.requireHttp().request({
      method: 'GET',
      path: `/v1/decisions?limit=${input.limit}${before}`,
      auth: 'console',
      schema: z.object({ decisions: z.array(ruleDecisionSchema), next: z.number().int().nullable() }),
      action: 'read the rule decisions',
    });
    return { items: body.decisions, nextCursor: body.next === null ? null : String(body.next) };
  }

  /** Whether a relay is configured (silences and tickets then go through it). */
  get configured(): boolean {
    return this.http_ !== null;
  }

  /** Silences a device for the whole team (the relay's rules skip it; every console silences it). */
  async silence(deviceId: number, until: number | null, reason: string | null): Promise<void> {
    await this.requireHttp().request({
      method: until === null ? 'DELETE' : 'PUT',
      path: `/v1/silences/${deviceId}`,
      auth: 'console',
      ...(until === null ? {} : { body: { until, by: this.deps.technician(), reason } }),
      schema: deviceSilenceSchema,
      action: until === null ? `lift the silence of device ${deviceId}` : `silence device ${deviceId}`,
    });
  }

  async close(): Promise<void> {
    await this.stop();
    this.gate.close();
    if (this.statusTimer) clearTimeout(this.statusTimer);
  }

  /** Waits until what the stream delivered so far is applied (tests). */
  async drained(): Promise<void> {
    await this.stream?.drained();
  }

  private client(url: string, token: (auth: RelayAuth) => Promise<string | null>): RelayHttp {
    const options = this.deps.options ?? {};
    return new RelayHttp({
      url,
      token,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  private requireHttp(): RelayHttp {
    if (!this.http_)
      throw new AppError(
        'not_configured',
        'No relay is connected: enter its address and a console token in Settings → Relay.',
      );
    return this.http_;
  }

  private open(url: string): void {
    const { secrets, logger } = this.deps;
    const options = this.deps.options ?? {};
    const http = this.client(url, (auth) =>
      secrets.get(auth === 'admin' ? RELAY_ADMIN_TOKEN_ACCOUNT : RELAY_TOKEN_ACCOUNT),
    );
    this.http_ = http;
    this.stream = new EventStream({
      url,
      authorization: () => http.authorization('console'),
      position: () => this.settings.position(url)?.seq ?? null,
      opened: async (cursor) => {
        this.deps.cache.transaction(() =>
          this.settings.setPosition({
            url,
            seq: cursor,
            lastEventAt: this.settings.position(url)?.lastEventAt ?? null,
          }),
        );
      },
      apply: (messages) => this.apply(url, messages),
      quarantine: async (message, reason) => {
        const seq = Number(message.id);
        const at = Date.now();
        this.deps.cache.transaction(() => {
          this.settings.quarantine({ url, seq, event: message.event, reason: reason.slice(0, 300), at });
          if (Number.isSafeInteger(seq) && seq > (this.settings.position(url)?.seq ?? -1))
            this.settings.setPosition({ url, seq, lastEventAt: at });
        });
        this.emitStatus(true);
      },
      state: (state, reason, nextAttemptAt) => {
        const wasConnected = this.streamState.state === 'connected';
        this.streamState = { state, reason, nextAttemptAt };
        if (state === 'connected' && !wasConnected) {
          this.connectedAt = Date.now();
          void this.onConnected(http);
        }
        this.emitStatus(true);
      },
      logger: logger.child({ part: 'relay-stream' }),
      backoff: options.backoff ?? { baseMs: 1_000, maxMs: 30_000 },
      idleTimeoutMs: options.idleTimeoutMs ?? 45_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      now: Date.now,
      random: Math.random,
    });
    this.stream.start();
  }

  /** After each (re)connect: whether the rules run, and the ticket records the relay missed. */
  private async onConnected(http: RelayHttp): Promise<void> {
    try {
      const { body } = await http.request({
        method: 'GET',
        path: '/v1/rules/state',
        auth: 'console',
        schema: rulesStateSchema,
        action: 'read whether rules run',
      });
      this.gate.rulesActive = body.active;
      await this.ledger.flushPending();
    } catch (error) {
      this.deps.logger.warn('relay: after reconnecting, the rules state or pending ledger records failed', {
        error,
      });
    }
  }

  private async apply(url: string, messages: SseMessage[]): Promise<void> {
    const batch: AppliedBatch = await this.applier.apply(url, messages);
    const { deps } = this;
    if (batch.rulesActive !== null) this.gate.rulesActive = batch.rulesActive;
    if (batch.tables.size > 0) deps.emit('cache.changed', { tables: [...batch.tables] });
    if (batch.tables.has('alerts')) {
      deps.openAlertCounts.alertsChanged();
      deps.arrivals.arrived(batch.opened.map((o) => o.uid));
    }
    this.gate.triggered(batch.opened);
    this.gate.decided(batch.decisions);
    for (const decision of batch.decisions) deps.emit('relay.decision', decision);
    if (batch.reset) {
      deps.logger.warn(
        'relay: the relay no longer has the events since this console last heard from it; running a full sync',
      );
      deps.fullSync();
    }
    this.emitStatus(false);
  }

  private async stop(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    this.http_ = null;
    this.connectedAt = null;
    await stream?.stop();
  }

  /** State changes go out at once; the last-event time at most once a second. */
  private emitStatus(now: boolean): void {
    const elapsed = Date.now() - this.lastStatusAt;
    if (now || elapsed >= STATUS_EVERY_MS) {
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = null;
      this.lastStatusAt = Date.now();
      this.deps.emit('relay.statusChanged', this.status());
    } else if (!this.statusTimer) {
      this.statusTimer = setTimeout(() => this.emitStatus(true), STATUS_EVERY_MS - elapsed);
      this.statusTimer.unref();
    }
  }
}
