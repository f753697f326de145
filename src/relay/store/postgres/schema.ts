import type { RelayMigration } from '../migration';

/**
 * The relay's PostgreSQL schema: the tables SQLite has, plus the rate-limit windows that several
 * instances share (a SQLite relay is one process and counts those in memory). Shipped steps are
 * never edited: add a new one.
 */
export const postgresMigrations: readonly RelayMigration[] = [
  {
    version: 1,
    name: 'event log, ledger, console tokens, rule decisions, silences',
    sql: `
-- One row: the last sequence number handed out and how far retention has removed the log. Every
-- writer locks this row first, so sequence numbers are gap-free and in commit order across instances.
CREATE TABLE relay_counter (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_seq bigint NOT NULL,
  pruned_through bigint NOT NULL
);
INSERT INTO relay_counter (id, last_seq, pruned_through) VALUES (true, 0, 0);

CREATE TABLE relay_events (
  seq bigint PRIMARY KEY,
  type text NOT NULL,
  at bigint NOT NULL,
  activity_id bigint UNIQUE,
  data text NOT NULL
);

CREATE TABLE relay_ledger (
  series_uid text PRIMARY KEY,
  state text NOT NULL,
  entry text NOT NULL,
  claim_key text,
  change_seq bigint NOT NULL
);
CREATE INDEX relay_ledger_by_change ON relay_ledger (change_seq);

CREATE TABLE relay_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  hash text NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  revoked_at bigint
);
CREATE UNIQUE INDEX relay_tokens_active_name ON relay_tokens (name) WHERE revoked_at IS NULL;

CREATE TABLE relay_rule_decisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id bigint NOT NULL,
  series_uid text,
  rule_id text,
  action text NOT NULL,
  reason text NOT NULL,
  decided_at bigint NOT NULL
);
CREATE INDEX relay_rule_decisions_by_series ON relay_rule_decisions (series_uid, decided_at);

CREATE TABLE relay_device_silences (
  device_id bigint PRIMARY KEY,
  until_at bigint NOT NULL,
  by text NOT NULL,
  reason text,
  created_at bigint NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'rules, rule decisions, small state and leases',
    sql: `
DROP TABLE relay_rule_decisions;
CREATE TABLE relay_rule_decisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id bigint NOT NULL UNIQUE,
  kind text NOT NULL,
  series_uid text,
  device_id bigint,
  condition_key text,
  state text NOT NULL,
  has_ticket boolean NOT NULL DEFAULT false,
  work text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  last_seen_at bigint NOT NULL,
  decided_at bigint NOT NULL,
  decision text NOT NULL
);
CREATE INDEX relay_rule_decisions_due ON relay_rule_decisions (next_attempt_at) WHERE state = 'pending';
CREATE INDEX relay_rule_decisions_by_series ON relay_rule_decisions (series_uid, id);
CREATE INDEX relay_rule_decisions_by_condition ON relay_rule_decisions (device_id, condition_key, last_seen_at);

CREATE TABLE relay_rules (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL,
  document text NOT NULL
);

CREATE TABLE relay_state (
  name text PRIMARY KEY,
  value text,
  holder text,
  lease_until bigint
);
`,
  },
  {
    version: 3,
    name: 'rate-limit windows shared by every instance',
    sql: `
-- One row per console token and rate-limited route. No index on started_at: retention can scan a
-- table this small, and without one every count stays a cheap in-place (HOT) update.
CREATE TABLE relay_request_windows (
  key text PRIMARY KEY,
  started_at bigint NOT NULL,
  count integer NOT NULL
);
`,
  },
];
