/**
 * Every sync run records what it cost NinjaOne's rate limit besides its calls: how long its requests
 * waited for the host's request budget (and the pauses NinjaOne's 429s imposed), and how many 429s it
 * was answered.
 */
export const sql = `
ALTER TABLE sync_runs ADD COLUMN wait_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN throttled INTEGER NOT NULL DEFAULT 0;
`;
