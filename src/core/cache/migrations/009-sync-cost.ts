/**
 * Every sync run records what it cost NinjaOne's rate limit besides its calls: how long its requests
 * waited for the host's request budget (and the pauses NinjaOne's 429s imposed), and how many 429s it
 * was answered. Patches remember whether they came from an install history or an open list: an
 * incremental read of the histories asks only for installs since its last read (`installedAfter`),
 * so it merges them, while the open lists it reads replace what the device had.
 */
export const sql = `
ALTER TABLE sync_runs ADD COLUMN wait_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN throttled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patches ADD COLUMN history INTEGER NOT NULL DEFAULT 0;
UPDATE patches SET history = 1 WHERE state = 'installed' OR installed_at IS NOT NULL;
`;
