/**
 * The whole cache as of the first release. Times are integer epoch milliseconds; JSON columns hold
 * arrays or the raw NinjaOne detail. Roll-up columns on `devices` (alert_count, patch counts) are
 * maintained by the repositories in the same transaction as the rows they summarize, so list filters
 * and sorts read one indexed table.
 */
export const sql = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  description TEXT,
  node_approval_mode TEXT,
  raw TEXT,
  synced_at INTEGER NOT NULL
);
CREATE INDEX organizations_name ON organizations(name, id);

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  address TEXT,
  description TEXT,
  synced_at INTEGER NOT NULL
);
CREATE INDEX locations_organization ON locations(organization_id);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  uid TEXT,
  name TEXT NOT NULL COLLATE NOCASE,
  system_name TEXT,
  dns_name TEXT,
  organization_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
  organization_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  location_id INTEGER REFERENCES locations(id) ON DELETE SET NULL,
  node_class TEXT NOT NULL,
  asset_type TEXT NOT NULL,
  agent_status TEXT NOT NULL,
  approval_status TEXT,
  created_at INTEGER,
  last_contact INTEGER NOT NULL DEFAULT 0,
  last_update INTEGER,
  os_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  os_build TEXT,
  os_architecture TEXT,
  needs_reboot INTEGER,
  manufacturer TEXT,
  model TEXT,
  serial TEXT,
  cpu TEXT,
  cpu_cores INTEGER,
  ram_bytes INTEGER,
  storage_bytes INTEGER,
  storage_free_bytes INTEGER,
  ip_addresses TEXT NOT NULL DEFAULT '[]',
  mac_addresses TEXT NOT NULL DEFAULT '[]',
  public_ip TEXT,
  last_user TEXT,
  alert_count INTEGER NOT NULL DEFAULT 0,
  max_alert_severity INTEGER,
  pending_patches INTEGER NOT NULL DEFAULT 0,
  failed_patches INTEGER NOT NULL DEFAULT 0,
  installed_patches INTEGER NOT NULL DEFAULT 0,
  patches_synced INTEGER NOT NULL DEFAULT 0,
  patch_state TEXT GENERATED ALWAYS AS (
    CASE WHEN failed_patches > 0 THEN 'failed'
         WHEN pending_patches > 0 THEN 'pending'
         WHEN patches_synced = 1 THEN 'up_to_date'
         ELSE 'unknown' END
  ) VIRTUAL,
  antivirus_state TEXT,
  raw TEXT,
  synced_at INTEGER NOT NULL
);
-- One index per sort order (sort column, then name, then id as the keyset tie-breakers).
CREATE INDEX devices_name ON devices(name, id);
CREATE INDEX devices_last_contact ON devices(last_contact, id);
CREATE INDEX devices_os ON devices(os_name, name, id);
CREATE INDEX devices_org_name ON devices(organization_name, name, id);
CREATE INDEX devices_asset_type ON devices(asset_type, name, id);
CREATE INDEX devices_status ON devices(agent_status, name, id);
CREATE INDEX devices_alerts ON devices(alert_count, id);
CREATE INDEX devices_organization ON devices(organization_id, name, id);
CREATE INDEX devices_location ON devices(location_id);
CREATE INDEX devices_alerting ON devices(name, id) WHERE alert_count > 0;
CREATE INDEX devices_patch_state ON devices(patch_state, name, id);
-- Covers every filter column, so the total of a filtered list is counted without touching the table.
CREATE INDEX devices_filters ON devices(agent_status, asset_type, organization_id, alert_count, patch_state);

CREATE TRIGGER organizations_rename AFTER UPDATE OF name ON organizations BEGIN
  UPDATE devices SET organization_name = new.name WHERE organization_id = new.id;
END;

-- Substring search (trigram) over what a technician types: name, serial, last user, IP.
CREATE VIRTUAL TABLE devices_fts USING fts5(
  name, serial, last_user, ips,
  content='', contentless_delete=1, tokenize='trigram'
);
CREATE TRIGGER devices_fts_insert AFTER INSERT ON devices BEGIN
  INSERT INTO devices_fts(rowid, name, serial, last_user, ips)
  VALUES (new.id, CASE WHEN new.system_name IS NULL OR new.system_name = new.name THEN new.name ELSE new.name || ' ' || new.system_name END,
          coalesce(new.serial, ''), coalesce(new.last_user, ''),
          coalesce((SELECT group_concat(value, ' ') FROM json_each(new.ip_addresses)), '') || ' ' || coalesce(new.public_ip, ''));
END;
CREATE TRIGGER devices_fts_delete AFTER DELETE ON devices BEGIN
  DELETE FROM devices_fts WHERE rowid = old.id;
END;
CREATE TRIGGER devices_fts_update AFTER UPDATE OF name, system_name, serial, last_user, ip_addresses, public_ip ON devices BEGIN
  DELETE FROM devices_fts WHERE rowid = old.id;
  INSERT INTO devices_fts(rowid, name, serial, last_user, ips)
  VALUES (new.id, CASE WHEN new.system_name IS NULL OR new.system_name = new.name THEN new.name ELSE new.name || ' ' || new.system_name END,
          coalesce(new.serial, ''), coalesce(new.last_user, ''),
          coalesce((SELECT group_concat(value, ' ') FROM json_each(new.ip_addresses)), '') || ' ' || coalesce(new.public_ip, ''));
END;

CREATE TABLE alerts (
  uid TEXT PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  severity INTEGER NOT NULL,
  priority TEXT,
  source_type TEXT,
  source_name TEXT,
  condition_name TEXT,
  subject TEXT,
  message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'reset')),
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  reset_at INTEGER,
  trigger_count INTEGER NOT NULL DEFAULT 1,
  raw TEXT,
  synced_at INTEGER NOT NULL
);
CREATE INDEX alerts_device ON alerts(device_id, state);
CREATE INDEX alerts_open ON alerts(state, severity, created_at);

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  device_id INTEGER,
  activity_time INTEGER NOT NULL,
  activity_type TEXT,
  status_code TEXT,
  severity TEXT,
  series_uid TEXT,
  subject TEXT,
  message TEXT,
  raw TEXT
);
CREATE INDEX activities_device ON activities(device_id, id);
CREATE INDEX activities_series ON activities(series_uid, id);
CREATE INDEX activities_time ON activities(activity_time);

CREATE TABLE patches (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('os', 'software')),
  patch_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kb_number TEXT,
  product_identifier TEXT,
  severity TEXT,
  patch_type TEXT,
  status TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'installed')),
  installed_at INTEGER,
  collected_at INTEGER,
  PRIMARY KEY (device_id, kind, patch_id)
) WITHOUT ROWID;
CREATE INDEX patches_state ON patches(state, kind, name);
CREATE INDEX patches_kb ON patches(kb_number) WHERE kb_number IS NOT NULL;

CREATE TABLE software_titles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  publisher TEXT NOT NULL DEFAULT '',
  UNIQUE (name, publisher)
);
CREATE VIRTUAL TABLE software_fts USING fts5(
  name, publisher,
  content='software_titles', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER software_titles_fts_insert AFTER INSERT ON software_titles BEGIN
  INSERT INTO software_fts(rowid, name, publisher) VALUES (new.id, new.name, new.publisher);
END;
CREATE TRIGGER software_titles_fts_delete AFTER DELETE ON software_titles BEGIN
  INSERT INTO software_fts(software_fts, rowid, name, publisher) VALUES ('delete', old.id, old.name, old.publisher);
END;

CREATE TABLE device_software (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  title_id INTEGER NOT NULL REFERENCES software_titles(id),
  version TEXT NOT NULL DEFAULT '',
  install_date INTEGER,
  size_bytes INTEGER,
  location TEXT,
  PRIMARY KEY (device_id, title_id, version)
) WITHOUT ROWID;
CREATE INDEX device_software_title ON device_software(title_id, version, device_id);

CREATE TABLE antivirus (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  product_name TEXT NOT NULL,
  product_state TEXT,
  definition_status TEXT,
  version TEXT,
  collected_at INTEGER,
  PRIMARY KEY (device_id, product_name)
) WITHOUT ROWID;

CREATE TABLE psa_clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  inactive INTEGER NOT NULL DEFAULT 0,
  synced_at INTEGER NOT NULL
);
CREATE TABLE psa_boards (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  inactive INTEGER NOT NULL DEFAULT 0,
  synced_at INTEGER NOT NULL
);
CREATE TABLE psa_statuses (
  id TEXT PRIMARY KEY,
  board_id TEXT REFERENCES psa_boards(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  is_closed INTEGER NOT NULL DEFAULT 0,
  display_order INTEGER,
  synced_at INTEGER NOT NULL
);
CREATE INDEX psa_statuses_board ON psa_statuses(board_id);
CREATE TABLE psa_priorities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  order_number INTEGER,
  synced_at INTEGER NOT NULL
);

-- Organization to PSA client: a suggestion from normalized names until a technician confirms or overrides it.
CREATE TABLE org_client_map (
  organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  suggested_client_id TEXT,
  suggested_client_name TEXT,
  suggestion_score REAL,
  client_id TEXT,
  client_name TEXT,
  confirmed INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE INDEX org_client_map_client ON org_client_map(client_id);

CREATE TABLE ticket_outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'device')),
  alert_uid TEXT,
  device_id INTEGER,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error TEXT,
  last_error_code TEXT,
  psa_ticket_id TEXT,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX ticket_outbox_state ON ticket_outbox(state, next_attempt_at);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  ticket_number TEXT,
  title TEXT NOT NULL,
  status_id TEXT,
  status_name TEXT,
  is_closed INTEGER NOT NULL DEFAULT 0,
  client_id TEXT,
  board_id TEXT,
  priority_id TEXT,
  device_id INTEGER,
  alert_uid TEXT,
  outbox_id INTEGER REFERENCES ticket_outbox(id),
  url TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  status_checked_at INTEGER
);
CREATE INDEX tickets_device ON tickets(device_id);
CREATE INDEX tickets_alert ON tickets(alert_uid);

-- One ticket per alert series, whoever creates it (this console, another console through the relay, a rule).
CREATE TABLE alert_ticket_ledger (
  series_uid TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('claimed', 'recorded')),
  ticket_id TEXT,
  ticket_number TEXT,
  claimed_by TEXT,
  claimed_at INTEGER NOT NULL,
  recorded_at INTEGER,
  outbox_id INTEGER
);

CREATE TABLE device_silences (
  device_id INTEGER PRIMARY KEY,
  until INTEGER NOT NULL,
  silenced_by TEXT,
  reason TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE saved_filters (
  id INTEGER PRIMARY KEY,
  view TEXT NOT NULL,
  name TEXT NOT NULL,
  filter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (view, name)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
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
CREATE INDEX sync_runs_started ON sync_runs(started_at);

-- Resume points, committed in the same transaction as the data they cover.
CREATE TABLE sync_checkpoints (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  source TEXT NOT NULL,
  record_key TEXT,
  error TEXT NOT NULL,
  raw TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX quarantine_run ON quarantine(run_id);
`;
