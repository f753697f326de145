import { EventEmitter } from 'node:events';
import type { RouteName } from './http';
import {
  algaAlertTicket,
  mirrorNinjaDevice,
  mirrorNinjaOneFleet,
  type NinjaDeviceForSync,
} from './ninjaone-sync';
import type { AssetRow, PsaStore, TicketRow } from './store';

/**
 * What a test can do to the next requests of a route: fail them, slow them, accept them and fail the
 * answer anyway, hold the answer after accepting, or hang up. `times` counts matching requests.
 */
export interface FaultSpec {
  /** A route name such as `tickets.create`, or `*` for every API route. */
  route: RouteName | '*';
  /** How many matching requests it applies to (default 1; `Infinity` until cleared). */
  times?: number;
  /** Answer with this status instead of the route's answer. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Process the request (the PSA commits it) and then answer with `status` anyway. */
  afterAccept?: boolean;
  /** Wait this long before processing. */
  delayMs?: number;
  /** After the delay, skip processing when the client has already given up (as a proxy would). */
  dropIfClientGone?: boolean;
  /** Process the request, report it accepted, then hold the answer this long. */
  holdResponseMs?: number;
  /** Close the connection without answering. */
  hangUp?: boolean;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

export interface RequestRecord {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: { apiKey: boolean; tenantId: string | null; contentType: string | null };
  route: RouteName | null;
  status: number | null;
}

export interface AcceptedEvent {
  route: RouteName;
  request: RequestRecord;
  /** The body the route produced (before any fault replaced the answer). */
  body: unknown;
}

export interface RateLimitSettings {
  enforce: boolean;
  burst: number;
  refillPerMin: number;
}

const defaultBodies: Record<number, unknown> = {
  429: { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded' } },
  500: { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } },
  502: { error: { code: 'BAD_GATEWAY', message: 'Bad gateway' } },
  503: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } },
};

export function defaultFaultBody(status: number): unknown {
  return defaultBodies[status] ?? { error: { code: 'ERROR', message: `Simulated failure ${status}` } };
}

/** The in-process control handle; `/_sim` exposes the same over HTTP. */
export class PsaControl {
  private faults: ActiveFault[] = [];
  private readonly log: RequestRecord[] = [];
  private readonly events = new EventEmitter();
  rateLimit: RateLimitSettings = { enforce: false, burst: 120, refillPerMin: 60 };

  constructor(
    readonly store: PsaStore,
    private readonly lifecycle: { pause(): Promise<void>; resume(): Promise<void> },
  ) {
    this.events.setMaxListeners(100);
  }

  /** Adds a fault rule; rules apply in the order they were added. */
  fault(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.times ?? 1 });
  }

  /** The next `times` requests of `route` fail with `status` (503 unless given). */
  failNext(route: RouteName | '*', times: number, options: Omit<FaultSpec, 'route' | 'times'> = {}): void {
    this.fault({ route, times, status: 503, ...options });
  }

  /** The next `times` requests of `route` wait `ms` before the simulator processes them. */
  delayNext(
    route: RouteName | '*',
    times: number,
    ms: number,
    options: Omit<FaultSpec, 'route' | 'times' | 'delayMs'> = {},
  ): void {
    this.fault({ route, times, delayMs: ms, ...options });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Takes the first rule matching `route`, counting one use. */
  takeFault(route: RouteName): FaultSpec | null {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.route === '*' || f.route === route));
    if (!fault) return null;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  pendingFaults(): number {
    return this.faults.reduce((n, f) => n + (Number.isFinite(f.remaining) ? f.remaining : 1), 0);
  }

  record(entry: RequestRecord): void {
    this.log.push(entry);
    if (this.log.length > 20_000) this.log.splice(0, this.log.length - 20_000);
  }

  /** Every API request received, oldest first (optionally of one route). */
  requests(route?: RouteName): RequestRecord[] {
    return route ? this.log.filter((r) => r.route === route) : [...this.log];
  }

  accepted(event: AcceptedEvent): void {
    this.events.emit('accepted', event);
  }

  onAccepted(listener: (event: AcceptedEvent) => void): () => void {
    this.events.on('accepted', listener);
    return () => this.events.off('accepted', listener);
  }

  /** Resolves when the simulator next accepts (processes successfully) a request of `route`. */
  nextAccepted(route: RouteName, timeoutMs = 15_000): Promise<AcceptedEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`the PSA simulator accepted no ${route} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onAccepted((event) => {
        if (event.route !== route) return;
        clearTimeout(timer);
        off();
        resolve(event);
      });
    });
  }

  setRateLimit(settings: Partial<RateLimitSettings>): void {
    this.rateLimit = { ...this.rateLimit, ...settings };
    this.events.emit('rate-limit', this.rateLimit);
  }

  onRateLimitChange(listener: (settings: RateLimitSettings) => void): void {
    this.events.on('rate-limit', listener);
  }

  /** Live tickets with their joined names (what a technician sees in Alga). */
  tickets(): Record<string, unknown>[] {
    return [...this.store.tickets.values()].map((t) => this.store.joined(t));
  }

  ticket(id: string): TicketRow | undefined {
    return this.store.tickets.get(id);
  }

  comments(ticketId: string): { note: string; is_internal: boolean; created_at: string }[] {
    return this.store.comments.get(ticketId) ?? [];
  }

  /** Moves a ticket to a status of its board by name (as a technician in Alga would). */
  setTicketStatus(ticketId: string, statusName: string): TicketRow {
    const ticket = this.store.tickets.get(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    const status = this.store
      .statusesOfBoard(ticket.board_id)
      .find((s) => s.name.toLowerCase() === statusName.toLowerCase());
    if (!status) throw new Error(`board ${ticket.board_id} has no status "${statusName}"`);
    return this.store.setStatus(ticketId, status.status_id);
  }

  /** Runs Alga's own NinjaOne device sync for one device: the asset it makes (tagged by serial). */
  syncNinjaDevice(device: NinjaDeviceForSync, clientId: string): AssetRow {
    return mirrorNinjaDevice(this.store, device, clientId);
  }

  /**
   * Runs Alga's NinjaOne sync for a whole fleet: the devices of organizations with a seeded client
   * get their assets, and some of them open tickets from Alga's alert pipeline.
   */
  syncNinjaFleet(
    devices: readonly NinjaDeviceForSync[],
    organizations: readonly { id: number; name: string }[],
  ): { assets: number; tickets: number } {
    const clients = new Map(this.store.seededClients.map((c) => [c.organizationName, c.clientId]));
    const names = new Map(organizations.map((o) => [o.id, o.name]));
    return mirrorNinjaOneFleet(this.store, devices, (id) =>
      id == null ? null : (clients.get(names.get(id) ?? null) ?? null),
    );
  }

  /** Opens a ticket on an asset as Alga's NinjaOne alert pipeline does (not through the API). */
  algaAlertTicket(input: Parameters<typeof algaAlertTicket>[1]): TicketRow {
    return algaAlertTicket(this.store, input);
  }

  /** Ids a test needs to build requests: boards with their statuses, priorities, clients. */
  reference(): {
    boards: {
      id: string;
      name: string;
      isDefault: boolean;
      statuses: { id: string; name: string; isDefault: boolean | null; isClosed: boolean }[];
    }[];
    priorities: { id: string; name: string }[];
    clients: { id: string; name: string; organizationName: string | null; match: string }[];
  } {
    return {
      boards: [...this.store.boards.values()].map((b) => ({
        id: b.board_id,
        name: b.board_name,
        isDefault: b.is_default,
        statuses: this.store.statusesOfBoard(b.board_id).map((s) => ({
          id: s.status_id,
          name: s.name,
          isDefault: s.is_default,
          isClosed: s.is_closed,
        })),
      })),
      priorities: [...this.store.priorities.values()].map((p) => ({
        id: p.priority_id,
        name: p.priority_name,
      })),
      clients: this.store.seededClients.map((c) => ({
        id: c.clientId,
        name: c.name,
        organizationName: c.organizationName,
        match: c.match,
      })),
    };
  }

  /** Stops listening (connections are refused) until `resume`; the data is kept. */
  pause(): Promise<void> {
    return this.lifecycle.pause();
  }

  resume(): Promise<void> {
    return this.lifecycle.resume();
  }
}
