import type { RelayMigration } from '../migration';

/** The relay's SQLite schema. Shipped steps are never edited: add a new one. */
export const sqliteMigrations: readonly RelayMigration[] = [
  {
    version: 1,
    name: 'event log, ledger, console tokens, rule decisions, silences',
    sql: `
-- One row: the last sequence number handed out and how far retention has removed the log.
CREATE TABLE relay_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL,
  pruned_through INTEGER NOT NULL
);
INSERT INTO relay_counter (id, last_seq, pruned_through) VALUES (1, 0, 0);

-- The event log streamed to consoles. activity_id is set for webhooks and is the dedup key.
CREATE TABLE relay_events (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  activity_id INTEGER UNIQUE,
  data TEXT NOT NULL
);

CREATE TABLE relay_ledger (
  series_uid TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  entry TEXT NOT NULL,
  claim_key TEXT,
  change_seq INTEGER NOT NULL
);
CREATE INDEX relay_ledger_by_change ON relay_ledger (change_seq);

-- Console tokens, stored as SHA-256 of the token (tokens are 256-bit random, so no salt is needed).
CREATE TABLE relay_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE UNIQUE INDEX relay_tokens_active_name ON relay_tokens (name) WHERE revoked_at IS NULL;

-- For the rules engine: every decision with its reason ("matched rule 2", "suppressed: flapping").
CREATE TABLE relay_rule_decisions (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL,
  series_uid TEXT,
  rule_id TEXT,
  action TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE INDEX relay_rule_decisions_by_series ON relay_rule_decisions (series_uid, decided_at);

-- Devices a technician silenced until a time: rules create nothing for them.
CREATE TABLE relay_device_silences (
  device_id INTEGER PRIMARY KEY,
  until_at INTEGER NOT NULL,
  by TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'rules, rule decisions, small state and leases',
    sql: `
-- Version 1 prepared this table before the rules existed; nothing wrote it. Its final shape:
DROP TABLE relay_rule_decisions;
CREATE TABLE relay_rule_decisions (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  series_uid TEXT,
  device_id INTEGER,
  condition_key TEXT,
  state TEXT NOT NULL,
  has_ticket INTEGER NOT NULL DEFAULT 0,
  work TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_seen_at INTEGER NOT NULL,
  decided_at INTEGER NOT NULL,
  decision TEXT NOT NULL
);
CREATE INDEX relay_rule_decisions_due ON relay_rule_decisions (next_attempt_at) WHERE state = 'pending';
CREATE INDEX relay_rule_decisions_by_series ON relay_rule_decisions (series_uid, id);
CREATE INDEX relay_rule_decisions_by_condition ON relay_rule_decisions (device_id, condition_key, last_seen_at);

-- The rules document (one row), as JSON.
CREATE TABLE relay_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  document TEXT NOT NULL
);

-- Named values (the rules worker's place in the log, the backstop's last activity id) and leases.
CREATE TABLE relay_state (
  name TEXT PRIMARY KEY,
  value TEXT,
  holder TEXT,
  lease_until INTEGER
);
`,
  },
];
