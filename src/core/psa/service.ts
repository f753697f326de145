import { z } from 'zod';
import type { EventName, Events } from '../../shared/contract';
import type { MappingFilter, MappingRow, PsaStatus } from '../../shared/contract/psa';
import type { PayloadOf } from '../../shared/rpc/define';
import { AppError, isAppError } from '../../shared/rpc/errors';
import type { Page } from '../../shared/rpc/paging';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import { normalizeBaseUrl } from './client';
import type { ConnectInput, PsaConnection, PsaConnectionSettings } from './connection';
import type { OrgClientMapRepository } from './mapping/repository';
import { fetchReferenceData, type CachedClient, type ReferenceDataRepository } from './reference-data';
import type { Timing } from '../time/clock';
import type { OutboxRepository } from './tickets/outbox-repository';

type Emit = <K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void;

const REFERENCE_META_KEY = 'psa.referenceData';
const referenceMetaSchema = z.object({
  refreshedAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
});

export interface PsaTestResult {
  ok: boolean;
  host: string | null;
  latencyMs: number | null;
  ticketCount: number | null;
  code: AppError['code'] | null;
  message: string;
}

export interface ReferenceDataView {
  refreshedAt: number | null;
  boards: {
    id: string;
    name: string;
    isDefault: boolean;
    inactive: boolean;
    statuses: ReturnType<ReferenceDataRepository['statuses']>;
  }[];
  priorities: { id: string; name: string; order: number | null }[];
  clientCount: number;
}

/**
 * The PSA connection as the UI sees it: connect, test, disconnect, status, reference data and the
 * organization-to-client mapping, with the events that keep views current.
 */
export class PsaService {
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      cache: Cache;
      connection: PsaConnection;
      reference: ReferenceDataRepository;
      mapping: OrgClientMapRepository;
      outbox: OutboxRepository;
      timing: Timing;
      logger: Logger;
      emit: Emit;
      /** Background reference refresh period. */
      referenceRefreshMs: number;
      /** The saved connection changed (queued tickets may go now). */
      connectionChanged(): void;
    },
  ) {
    deps.connection.onChange(() => this.emitStatus());
  }

  start(): void {
    const tick = (): void => {
      this.refreshTimer = setTimeout(() => {
        if (this.deps.connection.settings()) {
          void this.refreshReferenceData().catch((error: unknown) =>
            this.deps.logger.warn('psa: background reference refresh failed', { error }),
          );
        }
        tick();
      }, this.deps.referenceRefreshMs);
      this.refreshTimer.unref?.();
    };
    tick();
  }

  stop(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  private referenceMeta(): z.infer<typeof referenceMetaSchema> {
    return this.deps.cache.settings.get(REFERENCE_META_KEY, referenceMetaSchema, {
      refreshedAt: null,
      lastError: null,
    });
  }

  status(): PsaStatus {
    const { cache, connection, outbox } = this.deps;
    const settings = connection.settings();
    const count = (table: string): number =>
      cache.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const meta = this.referenceMeta();
    return {
      configured: settings !== null,
      baseUrl: settings?.baseUrl ?? null,
      host: settings ? new URL(settings.baseUrl).host : null,
      tenantId: settings?.tenantId ?? null,
      connectedAt: settings?.connectedAt ?? null,
      health: connection.health(),
      referenceData: {
        refreshedAt: meta.refreshedAt,
        clients: count('psa_clients'),
        boards: count('psa_boards'),
        statuses: count('psa_statuses'),
        priorities: count('psa_priorities'),
        lastError: meta.lastError,
      },
      outbox: outbox.counts(),
    };
  }

  private emitStatus(): void {
    this.deps.emit('psa.statusChanged', this.status());
  }

  /** Probes the connection first, so a wrong address or key is refused with the PSA's own words. */
  async connect(input: ConnectInput): Promise<PsaStatus> {
    const { connection } = this.deps;
    const client = connection.build(input);
    await client.probe();
    await connection.save(input);
    connection.noteHealth(null);
    try {
      await this.refreshReferenceData();
    } catch (error) {
      this.deps.logger.warn('psa: reference data after connect failed', { error });
    }
    this.deps.connectionChanged();
    return this.status();
  }

  async test(input: Partial<ConnectInput>): Promise<PsaTestResult> {
    const { connection, timing } = this.deps;
    const saved = connection.settings();
    const baseUrl = input.baseUrl ?? saved?.baseUrl;
    // The saved key goes only to the address it was saved for: another address needs its key typed.
    if (
      input.apiKey === undefined &&
      input.baseUrl !== undefined &&
      saved &&
      !sameAddress(input.baseUrl, saved)
    )
      return {
        ok: false,
        host: null,
        latencyMs: null,
        ticketCount: null,
        code: 'invalid_input',
        message: `Enter the API key for this address: the saved key is used only with ${new URL(saved.baseUrl).host}.`,
      };
    const apiKey = input.apiKey ?? (saved ? await connection.savedKey() : null);
    if (!baseUrl || !apiKey) {
      return {
        ok: false,
        host: null,
        latencyMs: null,
        ticketCount: null,
        code: 'not_configured',
        message: 'Enter the Alga PSA address and an API key to test.',
      };
    }
    const testingSaved = input.baseUrl === undefined && input.apiKey === undefined;
    const started = timing.now();
    let host: string | null = null;
    try {
      const client = connection.build({
        baseUrl,
        apiKey,
        tenantId: input.tenantId ?? saved?.tenantId ?? null,
      });
      host = client.host;
      const { tickets } = await client.probe();
      if (testingSaved) connection.noteHealth(null);
      return {
        ok: true,
        host,
        latencyMs: Math.max(0, Math.round(timing.now() - started)),
        ticketCount: tickets,
        code: null,
        message: `Connected to Alga PSA at ${host}${tickets === null ? '' : `: ${tickets} tickets visible to this key`}.`,
      };
    } catch (error) {
      const app = isAppError(error) ? error : new AppError('internal', String(error));
      if (testingSaved) connection.noteHealth(app);
      return { ok: false, host, latencyMs: null, ticketCount: null, code: app.code, message: app.message };
    }
  }

  async disconnect(): Promise<PsaStatus> {
    await this.deps.connection.forget();
    return this.status();
  }

  referenceData(): ReferenceDataView {
    const { reference } = this.deps;
    const statuses = reference.statuses();
    return {
      refreshedAt: this.referenceMeta().refreshedAt,
      boards: reference.boards().map((b) => ({ ...b, statuses: statuses.filter((s) => s.boardId === b.id) })),
      priorities: reference.priorities(),
      clientCount: reference.clientCount(),
    };
  }

  async refreshReferenceData(): Promise<ReferenceDataView> {
    const { connection, reference, cache, timing } = this.deps;
    try {
      const snapshot = await fetchReferenceData(await connection.client());
      cache.transaction(() => {
        reference.replace(snapshot, timing.now());
        this.deps.mapping.refreshSuggestions(timing.now());
        cache.settings.set(REFERENCE_META_KEY, { refreshedAt: timing.now(), lastError: null });
      });
      connection.noteHealth(null);
    } catch (error) {
      cache.settings.set(REFERENCE_META_KEY, {
        ...this.referenceMeta(),
        lastError: isAppError(error) ? error.message : String(error),
      });
      if (isAppError(error) && error.code !== 'not_configured') connection.noteHealth(error);
      this.emitStatus();
      throw error;
    }
    this.deps.emit('mapping.changed', { organizationIds: null });
    this.emitStatus();
    return this.referenceData();
  }

  clients(options: {
    search?: string | undefined;
    cursor?: string | null | undefined;
    limit: number;
  }): Page<CachedClient> {
    return this.deps.reference.clientPage(options);
  }

  // --- Mapping ---

  mappingList(options: {
    filter: MappingFilter;
    cursor?: string | null | undefined;
    limit: number;
  }): Page<MappingRow> {
    return this.deps.mapping.list(options);
  }

  confirm(organizationIds: readonly number[]): { confirmed: number[]; skipped: number[] } {
    const result = this.deps.mapping.confirm(organizationIds, this.deps.timing.now());
    if (result.confirmed.length) this.deps.emit('mapping.changed', { organizationIds: result.confirmed });
    return result;
  }

  change(organizationId: number, clientId: string): MappingRow {
    const row = this.deps.mapping.change(organizationId, clientId, this.deps.timing.now());
    this.deps.emit('mapping.changed', { organizationIds: [organizationId] });
    return row;
  }

  clear(organizationIds: readonly number[]): { cleared: number } {
    const cleared = this.deps.mapping.clear(organizationIds, this.deps.timing.now());
    if (cleared) this.deps.emit('mapping.changed', { organizationIds: [...organizationIds] });
    return { cleared };
  }

  refreshSuggestions(): { organizations: number; suggested: number } {
    const result = this.deps.mapping.refreshSuggestions(this.deps.timing.now());
    this.deps.emit('mapping.changed', { organizationIds: null });
    return result;
  }
}

/** Whether `baseUrl` is the saved connection's address (false when it does not parse). */
function sameAddress(baseUrl: string, saved: PsaConnectionSettings): boolean {
  try {
    return normalizeBaseUrl(baseUrl) === saved.baseUrl;
  } catch {
    return false;
  }
}
