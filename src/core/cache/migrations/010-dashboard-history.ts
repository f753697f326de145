/**
 * What the dashboard's trends read, kept small enough to answer on every paint of a 50,000-device
 * fleet: alert volume per hour and severity and per alert series per day, counted by triggers as
 * condition activities land (sync, relay, history backfill: a duplicate activity is ignored by its
 * insert, so it is never counted twice); device status samples taken after syncs and status changes;
 * one patch compliance snapshot per organization per day. The indexes serve the "needs attention"
 * list and the antivirus figures, which otherwise scan every device row.
 */
export const sql = `
CREATE TABLE alert_volume_hourly (
  hour INTEGER NOT NULL,
  severity INTEGER NOT NULL,
  triggered INTEGER NOT NULL DEFAULT 0,
  reset INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, severity)
) WITHOUT ROWID;

CREATE TABLE alert_series_daily (
  day INTEGER NOT NULL,
  series_uid TEXT NOT NULL,
  device_id INTEGER,
  condition_name TEXT,
  severity INTEGER NOT NULL,
  triggered INTEGER NOT NULL DEFAULT 0,
  reset INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, series_uid)
) WITHOUT ROWID;

-- A reset activity may carry no severity of its own: it takes the one its alert has.
CREATE TRIGGER activities_alert_volume AFTER INSERT ON activities
WHEN new.activity_type = 'CONDITION' AND new.status_code IN ('TRIGGERED', 'RESET')
BEGIN
  INSERT INTO alert_volume_hourly (hour, severity, triggered, reset)
  SELECT new.activity_time - new.activity_time % 3600000, s.rank,
         new.status_code = 'TRIGGERED', new.status_code = 'RESET'
  FROM (SELECT CASE upper(coalesce(new.severity, ''))
      WHEN 'CRITICAL' THEN 4 WHEN 'MAJOR' THEN 3 WHEN 'MODERATE' THEN 2 WHEN 'MINOR' THEN 1
      ELSE coalesce((SELECT severity FROM alerts WHERE uid = new.series_uid), 0) END AS rank) AS s
  WHERE true
  ON CONFLICT (hour, severity) DO UPDATE SET
    triggered = triggered + excluded.triggered, reset = reset + excluded.reset;

  INSERT INTO alert_series_daily (day, series_uid, device_id, condition_name, severity, triggered, reset)
  SELECT new.activity_time - new.activity_time % 86400000, new.series_uid, new.device_id,
         coalesce(nullif(trim(json_extract(new.raw, '$.sourceName')), ''),
                  nullif(trim(json_extract(new.raw, '$.conditionName')), ''),
                  nullif(trim(new.subject), '')),
         s.rank, new.status_code = 'TRIGGERED', new.status_code = 'RESET'
  FROM (SELECT CASE upper(coalesce(new.severity, ''))
      WHEN 'CRITICAL' THEN 4 WHEN 'MAJOR' THEN 3 WHEN 'MODERATE' THEN 2 WHEN 'MINOR' THEN 1
      ELSE coalesce((SELECT severity FROM alerts WHERE uid = new.series_uid), 0) END AS rank) AS s
  WHERE new.series_uid IS NOT NULL
  ON CONFLICT (day, series_uid) DO UPDATE SET
    triggered = triggered + excluded.triggered, reset = reset + excluded.reset,
    severity = max(severity, excluded.severity),
    device_id = coalesce(excluded.device_id, device_id),
    condition_name = coalesce(condition_name, excluded.condition_name);
END;

CREATE TABLE device_status_samples (
  at INTEGER PRIMARY KEY,
  total INTEGER NOT NULL,
  online INTEGER NOT NULL,
  offline INTEGER NOT NULL,
  offline_servers INTEGER NOT NULL
);

-- The console's calendar day ('YYYY-MM-DD'); organization -1 holds devices without one.
CREATE TABLE patch_compliance_daily (
  day TEXT NOT NULL,
  organization_id INTEGER NOT NULL,
  organization_name TEXT NOT NULL,
  devices INTEGER NOT NULL,
  up_to_date INTEGER NOT NULL,
  pending INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  taken_at INTEGER NOT NULL,
  PRIMARY KEY (day, organization_id)
) WITHOUT ROWID;

CREATE INDEX devices_antivirus ON devices(antivirus_state, asset_type);
CREATE INDEX devices_failed_patches ON devices(asset_type, failed_patches) WHERE failed_patches > 0;
`;
