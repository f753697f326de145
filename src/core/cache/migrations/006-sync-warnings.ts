/**
 * A sync run can end `partial` (it skipped an endpoint family NinjaOne refused, lacks or kept failing)
 * and carries warnings that say what it skipped or held back. SQLite cannot change a CHECK, so
 * `sync_runs` is rebuilt; dropping it nulls `quarantine.run_id` (ON DELETE SET NULL), so those links
 * are kept aside and put back.
 */
export const sql = `
CREATE TEMP TABLE quarantine_runs AS SELECT id, run_id FROM quarantine WHERE run_id IS NOT NULL;

CREATE TABLE sync_runs_v6 (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'partial', 'failed', 'cancelled', 'interrupted')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  added INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  api_calls INTEGER NOT NULL DEFAULT 0,
  bytes_read INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT
);
INSERT INTO sync_runs_v6 (id, kind, state, started_at, finished_at, added, changed, removed, quarantined, api_calls,
  bytes_read, error_code, error_message)
SELECT id, kind, state, started_at, finished_at, added, changed, removed, quarantined, api_calls, bytes_read,
  error_code, error_message FROM sync_runs;
DROP TABLE sync_runs;
ALTER TABLE sync_runs_v6 RENAME TO sync_runs;
CREATE INDEX sync_runs_started ON sync_runs(started_at);
UPDATE quarantine SET run_id = (SELECT q.run_id FROM quarantine_runs q WHERE q.id = quarantine.id)
WHERE id IN (SELECT id FROM quarantine_runs);
DROP TABLE quarantine_runs;

CREATE TABLE sync_warnings (
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  family TEXT NOT NULL,
  code TEXT NOT NULL,
  status INTEGER,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
`;
