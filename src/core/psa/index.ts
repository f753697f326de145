import type { EventName, Events } from '../../shared/contract';
import type { PayloadOf } from '../../shared/rpc/define';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import type { SecretStore } from '../secrets/secret-store';
import { PsaConnection, type PsaClientTuning } from './connection';
import { OrgClientMapRepository } from './mapping/repository';
import { ReferenceDataRepository } from './reference-data';
import { PsaService } from './service';
import type { BackoffPolicy } from '../time/backoff';
import type { Timing } from '../time/clock';
import { realTiming } from './timing';
import { PsaDeviceAssetRepository } from '../cache/repositories/psa-device-assets';
import { PsaDeviceTicketRepository } from '../cache/repositories/psa-device-tickets';
import { TicketComposer } from './tickets/compose';
import { DeviceTicketService } from './tickets/device-tickets';
import { TicketFollowUp, type AlertResetter } from './tickets/follow-up';
import { SqliteAlertTicketLedger, type AlertTicketLedger, type Claimant } from './tickets/ledger';
import { OutboxProcessor } from './tickets/outbox-processor';
import { OutboxRepository } from './tickets/outbox-repository';
import { TicketRepository } from './tickets/ticket-repository';
import { OutboxWorker } from './tickets/outbox-worker';
import { consoleId, readTicketSettings } from './tickets/settings';
import { TicketService } from './tickets/ticket-service';

export { refreshMappingSuggestions } from './mapping/refresh';
export type { AlertResetter } from './tickets/follow-up';
export type { AlertTicketLedger, Claimant, ClaimResult, AlertTicketLedgerEntry } from './tickets/ledger';

type Emit = <K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void;

export interface PsaOptions {
  /** Client tuning: per-request timeout, retries, fetch (timing defaults to `timing`). */
  client?: Partial<PsaClientTuning>;
  timing?: Timing;
  /** Backoff between attempts of one queued ticket (default 5 s doubling to 5 min). */
  retry?: BackoffPolicy;
  /** Backoff between probes while the PSA is unreachable (default 2 s doubling to 1 min). */
  probe?: BackoffPolicy;
  /** How long tickets.create waits for the first attempt before answering `queued` (default 20 s). */
  createWaitMs?: number;
  /** The shared alert-to-ticket ledger (the relay's); the cache's own table otherwise. */
  ledger?: AlertTicketLedger;
  /** Resets NinjaOne alerts when their ticket closes (the NinjaOne client provides it). */
  alertResetter?: AlertResetter;
  /** The connected NinjaOne console (e.g. `https://eu.ninjarmm.com`) for device links; the setting otherwise. */
  ninjaOneUrl?: () => Promise<string | null>;
  /** Reference data refresh period (default 6 h). */
  referenceRefreshMs?: number;
}

/** The PSA capability of the core: connection, reference data, mapping, tickets and their background work. */
export interface PsaRuntime {
  readonly service: PsaService;
  readonly reference: ReferenceDataRepository;
  readonly tickets: TicketService;
  /** The PSA's side of a device: its open tickets through its asset, and a ticket's devices and alerts. */
  readonly deviceTickets: DeviceTicketService;
  readonly followUp: TicketFollowUp;
  readonly worker: OutboxWorker;
  /** NinjaOne reset these alerts: the sync engine and the relay client call this. */
  alertsReset(uids: readonly string[], at?: number): string[];
  setAlertResetter(resetter: AlertResetter | null): void;
  /** Stops the background work and waits until none of it touches the cache any more. */
  close(): Promise<void>;
}

export function startPsa(
  deps: {
    cache: Cache;
    secrets: SecretStore;
    logger: Logger;
    emit: Emit;
    /** The technician's name: what ledger claims and audit rows show. */
    technician: () => string;
  },
  options: PsaOptions = {},
): PsaRuntime {
  const { cache, secrets, emit } = deps;
  const logger = deps.logger.child({ cap: 'psa' });
  const timing = options.timing ?? realTiming;
  const connection = new PsaConnection(cache, secrets, { timing, ...options.client, logger }, timing.now);
  const reference = new ReferenceDataRepository(cache.db);
  const mapping = new OrgClientMapRepository(cache.db);
  const outbox = new OutboxRepository(cache.db, timing.now);
  const sentTickets = new TicketRepository(cache.db);
  const assets = new PsaDeviceAssetRepository(cache.db);
  const ledger = options.ledger ?? new SqliteAlertTicketLedger(cache.db, timing.now);
  const id = consoleId(cache);
  // Claims carry the technician's name (shown next to the alert) and this installation's id.
  const claimant = (): Claimant => ({ id, name: deps.technician() });
  const settings = (): ReturnType<typeof readTicketSettings> => readTicketSettings(cache);
  const changed = (outboxId: number): void => emit('tickets.changed', outbox.entry(outboxId));

  // The parts call each other back through these closures; they run only after all are built.
  const processor = new OutboxProcessor({
    cache,
    outbox,
    ledger,
    connection,
    reference,
    assets,
    claimant,
    timing,
    retry: options.retry ?? { baseMs: 5_000, maxMs: 5 * 60_000 },
    logger,
    changed,
    scheduled: () => worker.wake(),
    recorded: () => followUp.soon(),
    reachable: () => worker.networkBack(),
    refused: () => {
      // A refusal is often stale reference data (a status moved to another board): fetch it again.
      void service.refreshReferenceData().catch(() => undefined);
    },
  });
  const worker = new OutboxWorker(
    { outbox, processor, connection, timing, logger },
    { probe: options.probe ?? { baseMs: 2_000, maxMs: 60_000 }, batch: 20 },
  );
  const followUp = new TicketFollowUp(
    { cache, tickets: sentTickets, connection, reference, timing, logger, emit, settings, changed },
    options.alertResetter ?? null,
  );
  const service = new PsaService({
    cache,
    connection,
    reference,
    mapping,
    outbox,
    timing,
    logger,
    emit,
    referenceRefreshMs: options.referenceRefreshMs ?? 6 * 3_600_000,
    connectionChanged: () => worker.connectionChanged(),
  });
  const tickets = new TicketService({
    composer: new TicketComposer(cache, reference, mapping, assets),
    outbox,
    ledger,
    processor,
    reference,
    claimant,
    timing,
    settings,
    changed,
    wake: () => worker.wake(),
    ninjaOneUrl: options.ninjaOneUrl ?? (() => Promise.resolve(null)),
    psaUrl: () => connection.settings()?.baseUrl ?? null,
    waitMs: options.createWaitMs ?? 20_000,
  });
  const deviceTickets = new DeviceTicketService({
    cache,
    connection,
    mapping,
    assets,
    tickets: new PsaDeviceTicketRepository(cache.db),
    timing,
    logger,
    changed: (deviceId) => emit('psaTickets.deviceChanged', { deviceId }),
  });
  worker.start();
  followUp.start();
  service.start();
  return {
    service,
    reference,
    tickets,
    deviceTickets,
    followUp,
    worker,
    alertsReset: (uids, at) => followUp.alertsReset(uids, at),
    setAlertResetter: (resetter) => followUp.setAlertResetter(resetter),
    close: async () => {
      service.stop();
      await Promise.all([worker.stop(), followUp.stop()]);
    },
  };
}
