import type { Db } from '../database';

/** A cached alert activity (trigger, reset, acknowledgement) with its device as the cache knows it. */
export interface AlertActivityRow {
  id: number;
  at: number;
  /** The activity as NinjaOne or the relay delivered it (JSON). */
  raw: string | null;
  deviceId: number | null;
  deviceName: string | null;
  organizationId: number | null;
  nodeClass: string | null;
}

/** A cached alert whose trigger activity is not among the cached activities (the sync reads only the newest page). */
export interface UnloggedAlertRow {
  uid: string;
  deviceId: number;
  deviceName: string | null;
  organizationId: number | null;
  nodeClass: string | null;
  /** The cache's severity rank (index into `severities`). */
  severity: number;
  priority: string | null;
  sourceName: string | null;
  sourceConfigUid: string | null;
  subject: string | null;
  message: string | null;
  createdAt: number;
  resetAt: number | null;
}

/** The alert history the rules editor previews on, and what the fleet holds for its choices. */
export class AlertHistoryRepository {
  private readonly activities;
  private readonly unlogged;
  private readonly families;
  private readonly organizations;
  private readonly nodeClasses;

  constructor(db: Db) {
    this.activities = db.prepare<[number], AlertActivityRow>(`
      SELECT a.id, a.activity_time AS at, a.raw, a.device_id AS deviceId, d.name AS deviceName,
        d.organization_id AS organizationId, d.node_class AS nodeClass
      FROM activities a LEFT JOIN devices d ON d.id = a.device_id
      WHERE a.activity_time >= ? AND a.series_uid IS NOT NULL
      ORDER BY a.activity_time, a.id`);
    this.unlogged = db.prepare<[number, number], UnloggedAlertRow>(`
      SELECT al.uid, al.device_id AS deviceId, d.name AS deviceName, d.organization_id AS organizationId,
        d.node_class AS nodeClass, al.severity, al.priority, al.source_name AS sourceName,
        CASE WHEN json_valid(al.raw) THEN json_extract(al.raw, '$.sourceConfigUid') END AS sourceConfigUid, al.subject, al.message,
        al.created_at AS createdAt, al.reset_at AS resetAt
      FROM alerts al JOIN devices d ON d.id = al.device_id
      WHERE al.created_at >= ? AND NOT EXISTS (
        SELECT 1 FROM activities x WHERE x.series_uid = al.uid AND x.status_code = 'TRIGGERED' AND x.activity_time >= ?)
      ORDER BY al.created_at, al.uid`);
    // The kind of check ("Disk Free Space") is only in the API's alert record, not in the name the cache keeps.
    this.families = db.prepare<[], { name: string; family: string }>(`
      SELECT DISTINCT source_name AS name, json_extract(raw, '$.conditionName') AS family FROM alerts
      WHERE source_name IS NOT NULL AND json_valid(raw) AND json_type(raw, '$.conditionName') = 'text'`);
    this.organizations = db.prepare<[], { id: number; name: string; devices: number }>(`
      SELECT o.id, o.name, count(d.id) AS devices FROM organizations o JOIN devices d ON d.organization_id = o.id
      GROUP BY o.id ORDER BY o.name COLLATE NOCASE, o.id`);
    this.nodeClasses = db.prepare<[], { nodeClass: string; devices: number }>(`
      SELECT node_class AS nodeClass, count(*) AS devices FROM devices GROUP BY node_class
      ORDER BY devices DESC, node_class`);
  }

  /** Alert activities since `since` (epoch ms), oldest first. */
  alertActivities(since: number): AlertActivityRow[] {
    return this.activities.all(since);
  }

  /** Alerts created since `since` whose trigger activity the cache does not hold, oldest first. */
  unloggedAlerts(since: number): UnloggedAlertRow[] {
    return this.unlogged.all(since, since);
  }

  /** Condition name as a trigger carries it (the alert's source) to the condition it belongs to. */
  conditionFamilies(): Map<string, string> {
    return new Map(this.families.all().map((row) => [row.name, row.family]));
  }

  /** Organizations that have devices, by name, with how many. */
  organizationsWithDevices(): { id: number; name: string; devices: number }[] {
    return this.organizations.all();
  }

  /** Node classes in the fleet, most common first. */
  nodeClassCounts(): { nodeClass: string; devices: number }[] {
    return this.nodeClasses.all();
  }
}
