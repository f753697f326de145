import { randomBytes } from 'node:crypto';
import type { ClaimRequest, TeamLedgerEntry, RecordTicketRequest } from '../../shared/relay/ledger';
import type { LedgerDecision, LedgerRow } from '../store/store';

/**
 * The ledger's rules, the same for every backend (the store runs them under its lock):
 * - a claim wins when the series is open, or its claim expired (the holder presumably died), or the
 *   caller repeats its own claim key (renewal, or a retry after a lost answer);
 * - a recorded ticket is final: later claims and other tickets get `ticketed`;
 * - a ticket is recorded by the claim holder (even after expiry, as long as nobody took over), or
 *   directly when nobody holds a live claim.
 */
export interface Caller {
  by: string;
  /** The console token's name. */
  via: string;
}

/** A ledger change as data, so a store can run it inside its transaction (even in another thread). */
export type LedgerCommand =
  | { op: 'claim'; request: ClaimRequest; caller: Caller; defaultTtlSeconds: number }
  | { op: 'record'; request: RecordTicketRequest }
  | { op: 'release'; claimKey: string };

export function decideLedger(
  seriesUid: string,
  current: LedgerRow | null,
  command: LedgerCommand,
  now: number,
): LedgerDecision {
  switch (command.op) {
    case 'claim':
      return decideClaim(seriesUid, current, command.request, command.caller, now, command.defaultTtlSeconds);
    case 'record':
      return decideRecord(seriesUid, current, command.request, now);
    case 'release':
      return decideRelease(seriesUid, current, command.claimKey, now);
  }
}

function touched(
  previous: LedgerRow | null,
  seriesUid: string,
  now: number,
  entry: Partial<TeamLedgerEntry>,
) {
  const base: TeamLedgerEntry = previous?.entry ?? {
    seriesUid,
    state: 'open',
    claim: null,
    ticket: null,
    updatedAt: now,
    version: 0,
  };
  return { ...base, ...entry, updatedAt: now, version: base.version + 1 };
}

const liveClaim = (row: LedgerRow | null, now: number): boolean =>
  row?.entry.state === 'claimed' && row.entry.claim !== null && row.entry.claim.expiresAt > now;

function decideClaim(
  seriesUid: string,
  current: LedgerRow | null,
  request: ClaimRequest,
  caller: Caller,
  now: number,
  defaultTtlSeconds: number,
): LedgerDecision {
  if (current?.entry.state === 'ticketed') return { outcome: 'ticketed', next: null };
  const ownKey = request.claimKey !== undefined && current?.claimKey === request.claimKey;
  if (liveClaim(current, now) && !ownKey) return { outcome: 'held', next: null };
  const claimKey = request.claimKey ?? randomBytes(18).toString('base64url');
  const ttl = request.ttlSeconds ?? defaultTtlSeconds;
  const entry = touched(current, seriesUid, now, {
    state: 'claimed',
    claim: { by: request.by, via: caller.via, expiresAt: now + ttl * 1000 },
  });
  return { outcome: 'claimed', next: { entry, claimKey } };
}

function decideRecord(
  seriesUid: string,
  current: LedgerRow | null,
  request: RecordTicketRequest,
  now: number,
): LedgerDecision {
  if (current?.entry.state === 'ticketed') {
    // The same ticket recorded twice (a retry) is fine; any other ticket is the duplicate we prevent.
    return { outcome: current.entry.ticket?.id === request.ticket.id ? 'recorded' : 'ticketed', next: null };
  }
  const holder = request.claimKey !== undefined && current?.claimKey === request.claimKey;
  if (!holder && liveClaim(current, now)) return { outcome: 'held', next: null };
  const entry = touched(current, seriesUid, now, {
    state: 'ticketed',
    claim: null,
    ticket: { id: request.ticket.id, number: request.ticket.number ?? null, by: request.by, at: now },
  });
  return { outcome: 'recorded', next: { entry, claimKey: null } };
}

function decideRelease(
  seriesUid: string,
  current: LedgerRow | null,
  claimKey: string,
  now: number,
): LedgerDecision {
  if (current?.entry.state === 'ticketed') return { outcome: 'ticketed', next: null };
  if (current?.entry.state !== 'claimed' || current.claimKey !== claimKey)
    return { outcome: 'not_holder', next: null };
  const entry = touched(current, seriesUid, now, { state: 'open', claim: null });
  return { outcome: 'released', next: { entry, claimKey: null } };
}
