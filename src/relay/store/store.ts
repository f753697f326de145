import type { TeamLedgerEntry, LedgerOutcome } from '../../shared/relay/ledger';
import type { DeviceSilence, RuleDecision, RulesDocument, SaveRulesRequest } from '../../shared/relay/rules';
import type { StreamEventType } from '../../shared/relay/stream';
import type { LedgerCommand } from '../ledger/ledger-decision';

/**
 * The relay's durable state behind one interface, with a SQLite and a PostgreSQL implementation.
 * Every change that consoles must hear about is appended to one event log with a global,
 * gap-free sequence number assigned in commit order; the log is what `GET /v1/events` streams.
 */

/** One committed entry of the event log. `data` is JSON text: the raw webhook body, or a ledger entry. */
export interface StoredEvent {
  seq: number;
  type: StreamEventType;
  /** Commit time, epoch ms. */
  at: number;
  data: string;
}

export interface IncomingWebhook {
  activityId: number;
  /** The body exactly as received. */
  body: string;
}

export interface AppendResult {
  status: 'accepted' | 'duplicate';
  /** The sequence number of the event this activity id was (first) committed as. */
  seq: number;
}

export interface StreamBounds {
  /** The last committed sequence number (0 when nothing was ever committed). */
  head: number;
  /** Every event up to and including this one was removed by retention. */
  prunedThrough: number;
}

/** A ledger row as stored; `claimKey` never leaves the relay except to the claim holder. */
export interface LedgerRow {
  entry: TeamLedgerEntry;
  claimKey: string | null;
}

/** What a ledger decision wants: an answer, and the row to write (null = leave it as it is). */
export interface LedgerDecision {
  outcome: LedgerOutcome;
  next: LedgerRow | null;
}

export interface LedgerChange {
  outcome: LedgerOutcome;
  /** The row after the change; null only when the series was never seen and nothing was written. */
  row: LedgerRow | null;
  /** The event appended for this change (none when nothing changed). */
  event: StoredEvent | null;
}

export interface TokenInfo {
  id: number;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A rule decision as stored: the public decision plus what the rules worker needs. */
export interface DecisionRow {
  decision: RuleDecision;
  /** Device and condition of a trigger: what the flapping window compares. */
  conditionKey: string | null;
  /** The trigger's time, moved on when its series resets (the flapping window counts from it). */
  lastSeenAt: number;
  /** Private JSON of the PSA work still to do (never streamed). */
  work: string | null;
  attempts: number;
  nextAttemptAt: number | null;
}

export type NewDecision = Omit<DecisionRow, 'decision' | 'attempts'> & {
  decision: Omit<RuleDecision, 'id' | 'decidedAt' | 'updatedAt'>;
};

export interface DecisionUpdate {
  state: RuleDecision['state'];
  outcome: string | null;
  ticket?: RuleDecision['ticket'];
  work?: string | null;
  attempts?: number;
  nextAttemptAt?: number | null;
}

export interface SaveRulesResult {
  outcome: 'saved' | 'conflict';
  document: RulesDocument;
  event: StoredEvent | null;
}

/** A request counted in its fixed window: the one that began with the first request after the last ended. */
export interface RequestWindow {
  /** Requests counted in this window, this one included. */
  count: number;
  /** When the window began, epoch ms. */
  startedAt: number;
}

/** Per-key request counts every relay instance sharing the database sees (the per-token rate limits). */
export interface RequestCounts {
  /** Counts a request against `key` in one atomic step, so concurrent instances never lose a count. */
  count(key: string, windowMs: number, now: number): Promise<RequestWindow>;
  /** Removes up to `maxRows` windows that began before `cutoff`; returns how many. */
  prune(cutoff: number, maxRows: number): Promise<number>;
}

/** What the rules worker and the backstop keep: rules, decisions, silences, small state, leases. */
export interface RulesStore {
  getRules(): Promise<RulesDocument>;
  /** Saves when `request.expectedVersion` is the stored version (else `conflict` with the current one). */
  saveRules(request: SaveRulesRequest, now: number): Promise<SaveRulesResult>;

  /**
   * Records the decision for an activity with its `decision` event, unless one exists (another
   * instance or an earlier run decided it): then answers that one and appends nothing.
   */
  recordDecision(input: NewDecision, now: number): Promise<{ row: DecisionRow; event: StoredEvent | null }>;
  updateDecision(
    id: number,
    change: DecisionUpdate,
    now: number,
  ): Promise<{ row: DecisionRow; event: StoredEvent }>;
  decisionOfActivity(activityId: number): Promise<DecisionRow | null>;
  /** Newest first, ids below `beforeId` (null: from the newest). */
  listDecisions(beforeId: number | null, limit: number): Promise<RuleDecision[]>;
  /** Decisions with PSA work due at `now`, oldest first. */
  dueDecisions(now: number, limit: number): Promise<DecisionRow[]>;
  /** The latest trigger decision of this series that has a ticket. */
  ticketDecisionOfSeries(seriesUid: string): Promise<DecisionRow | null>;
  /** The latest trigger decision of this device and condition (another series) seen since `since`. */
  recentConditionDecision(
    deviceId: number,
    conditionKey: string,
    excludeSeries: string,
    since: number,
  ): Promise<DecisionRow | null>;
  /** The series reset at `at`: its trigger decisions count the flapping window from then. */
  touchSeries(seriesUid: string, at: number): Promise<void>;
  /** Removes up to `maxRows` finished decisions made before `cutoff`; returns how many. */
  pruneDecisions(cutoff: number, maxRows: number): Promise<number>;
  /** Removes up to `maxRows` silences that ended before `cutoff`; returns how many. */
  pruneSilences(cutoff: number, maxRows: number): Promise<number>;

  /** Silences (until a time) or lifts (`until: null`) a device's silence, with its `silence` event. */
  setSilence(silence: DeviceSilence, now: number): Promise<StoredEvent>;
  activeSilence(deviceId: number, now: number): Promise<DeviceSilence | null>;
  listSilences(now: number): Promise<DeviceSilence[]>;

  readState(name: string): Promise<string | null>;
  writeState(name: string, value: string): Promise<void>;
  /** Takes or renews the lease `name` for `holder` when it is free, expired or already `holder`'s. */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once (a graceful stop), so another instance need not wait for it to expire. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Which of these activity ids are in the event log. */
  knownActivities(ids: readonly number[]): Promise<number[]>;
}

export interface RelayStore extends RulesStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Null when one relay process owns the store (SQLite): the rate limits count in its memory. */
  readonly requestCounts: RequestCounts | null;

  /**
   * Commits a batch of webhooks in one durable transaction (group commit). Activity ids already
   * stored, or repeated within the batch, come back as duplicates of the first commit.
   */
  appendWebhooks(
    batch: readonly IncomingWebhook[],
    now: number,
  ): Promise<{
    results: AppendResult[];
    events: StoredEvent[];
  }>;
  /** Committed events with `seq > after`, in order, at most `limit`. */
  readEvents(after: number, limit: number): Promise<StoredEvent[]>;
  streamBounds(): Promise<StreamBounds>;
  /** Removes up to `maxRows` of the oldest events committed before `cutoff`; returns how many. */
  pruneBefore(cutoff: number, maxRows: number): Promise<number>;
  /**
   * Removes up to `maxRows` ledger entries last changed by an event retention already removed
   * (`changeSeq <= prunedThrough`): their claims expired long ago and no console can resume to them.
   */
  pruneLedger(maxRows: number): Promise<number>;

  /**
   * Reads the ledger row of `seriesUid` under a lock that serialises every ledger change (on every
   * relay instance sharing the database), decides (`decideLedger`), writes the row and appends the
   * ledger event in the same transaction.
   */
  changeLedger(seriesUid: string, now: number, command: LedgerCommand): Promise<LedgerChange>;
  getLedger(seriesUid: string): Promise<LedgerRow | null>;
  /** Ledger entries whose last change has `seq > afterSeq`, in change order (a console's catch-up). */
  listLedger(afterSeq: number, limit: number): Promise<{ entry: TeamLedgerEntry; seq: number }[]>;

  createToken(name: string, hash: string, now: number): Promise<TokenInfo>;
  listTokens(): Promise<TokenInfo[]>;
  /** Revokes the active token with this name (or id); null when there is none. */
  revokeToken(nameOrId: string, now: number): Promise<TokenInfo | null>;
  findTokenByHash(hash: string): Promise<TokenInfo | null>;
  /** Which of these token ids are revoked now. */
  revokedAmong(ids: readonly number[]): Promise<number[]>;

  /**
   * Other writers (relay instances on the same PostgreSQL) committed up to `head`. SQLite has one
   * writer process, so it never calls the listener.
   */
  onForeignCommit(listener: (head: number) => void): void;
  ping(): Promise<void>;
  close(): Promise<void>;
}
