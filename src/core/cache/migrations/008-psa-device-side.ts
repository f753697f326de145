/**
 * The PSA's side of a device. `psa_device_assets` remembers the Alga asset each NinjaOne device was
 * found (or created) as, how, and when; a lookup that found none is remembered too (`asset_id` null),
 * so opening a device does not search Alga every time. `psa_device_tickets` holds the tickets
 * Alga had linked to that asset when it was last read (`tickets_read_at`), for reading offline; the
 * closed ones are kept only so the console's own tickets they include are not shown as open.
 */
export const sql = `
CREATE TABLE psa_device_assets (
  device_id INTEGER PRIMARY KEY,
  asset_id TEXT,
  asset_tag TEXT,
  client_id TEXT,
  matched_by TEXT NOT NULL CHECK (matched_by IN ('rmm_device_id', 'asset_tag', 'serial', 'created', 'none')),
  checked_at INTEGER NOT NULL,
  tickets_read_at INTEGER
);
CREATE INDEX psa_device_assets_asset ON psa_device_assets(asset_id);

CREATE TABLE psa_device_tickets (
  device_id INTEGER NOT NULL,
  ticket_id TEXT NOT NULL,
  ticket_number TEXT,
  title TEXT NOT NULL,
  status_name TEXT,
  is_closed INTEGER NOT NULL DEFAULT 0,
  priority_id TEXT,
  entered_at INTEGER,
  updated_at INTEGER,
  PRIMARY KEY (device_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX psa_device_tickets_ticket ON psa_device_tickets(ticket_id);
-- A ticket's alerts: the ledger read by ticket.
CREATE INDEX alert_ticket_ledger_ticket ON alert_ticket_ledger(ticket_id);
`;
