/**
 * What a `cache.changed` event names: the cache tables whose rows changed (and `profile`, the
 * technician's name in the settings table). A closed set checked by
 * the compiler on both sides (the core's publishers and a view's `refreshOn`), so a misspelt topic
 * fails to build instead of leaving a view that silently stops refreshing.
 */
export const cacheTopics = [
  'activities',
  'alert_series_daily',
  'alert_ticket_ledger',
  'alert_volume_hourly',
  'alerts',
  'antivirus',
  'audit_log',
  'device_silences',
  'device_software',
  'device_status_samples',
  'devices',
  'locations',
  'org_client_map',
  'organizations',
  'patch_compliance_daily',
  'patches',
  'profile',
  'psa_boards',
  'psa_clients',
  'psa_device_assets',
  'psa_device_tickets',
  'psa_priorities',
  'psa_statuses',
  'quarantine',
  'software_titles',
  'sync_checkpoints',
  'sync_runs',
  'ticket_outbox',
  'tickets',
] as const;

export type CacheTopic = (typeof cacheTopics)[number];
