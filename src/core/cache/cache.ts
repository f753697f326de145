import { inTransaction, openCache, schemaVersion, type Db, type OpenCacheOptions } from './database';
import { ActivityRepository } from './repositories/activities';
import { AlertHistoryRepository } from './repositories/alert-history';
import { AlertRepository } from './repositories/alerts';
import { AntivirusRepository } from './repositories/antivirus';
import { AuditRepository } from './repositories/audit';
import { DashboardRepository } from './repositories/dashboard';
import { DeviceRepository } from './repositories/devices';
import { OrganizationRepository } from './repositories/organizations';
import { PatchCompliance } from './repositories/patch-compliance';
import { PatchRepository } from './repositories/patches';
import { SavedFilterRepository } from './repositories/saved-filters';
import { SettingsRepository } from './repositories/settings';
import { SilenceRepository } from './repositories/silences';
import { SoftwareRepository } from './repositories/software';
import { SyncStateRepository } from './repositories/sync-state';
import type { CacheTopic } from '../../shared/contract/cache-topics';

/** The open cache and its repositories. One per core process; all SQLite access goes through it. */
export class Cache {
  readonly devices: DeviceRepository;
  readonly alerts: AlertRepository;
  readonly organizations: OrganizationRepository;
  readonly settings: SettingsRepository;
  readonly patches: PatchRepository;
  readonly patchCompliance: PatchCompliance;
  readonly software: SoftwareRepository;
  readonly antivirus: AntivirusRepository;
  readonly activities: ActivityRepository;
  readonly syncState: SyncStateRepository;
  readonly silences: SilenceRepository;
  readonly savedFilters: SavedFilterRepository;
  readonly audit: AuditRepository;
  readonly dashboard: DashboardRepository;
  readonly alertHistory: AlertHistoryRepository;

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.devices = new DeviceRepository(db);
    this.alerts = new AlertRepository(db);
    this.organizations = new OrganizationRepository(db);
    this.settings = new SettingsRepository(db);
    this.patches = new PatchRepository(db);
    this.patchCompliance = new PatchCompliance(db);
    this.software = new SoftwareRepository(db);
    this.antivirus = new AntivirusRepository(db);
    this.activities = new ActivityRepository(db);
    this.syncState = new SyncStateRepository(db);
    this.silences = new SilenceRepository(db);
    this.savedFilters = new SavedFilterRepository(db);
    this.audit = new AuditRepository(db);
    this.dashboard = new DashboardRepository(db);
    this.alertHistory = new AlertHistoryRepository(db);
  }

  static open(path: string, options?: OpenCacheOptions): Cache {
    return new Cache(openCache(path, options), path);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /**
   * Empties everything that came from NinjaOne and the PSA (the fleet, alerts, tickets, history),
   * keeping the console's own settings: leaving the demo workspace for a real account. Answers the
   * tables emptied, for the `cache.changed` that tells the views.
   */
  clearWorkspace(): CacheTopic[] {
    // Children first; devices take their alerts, patches, software and antivirus rows with them.
    const tables: CacheTopic[] = [
      'psa_device_tickets',
      'psa_device_assets',
      'tickets',
      'ticket_outbox',
      'alert_ticket_ledger',
      'org_client_map',
      'psa_statuses',
      'psa_boards',
      'psa_clients',
      'psa_priorities',
      'device_silences',
      'activities',
      'devices',
      'organizations',
      'software_titles',
      'quarantine',
      'sync_runs',
      'sync_checkpoints',
      'audit_log',
      'alert_volume_hourly',
      'alert_series_daily',
      'device_status_samples',
      'patch_compliance_daily',
    ];
    this.transaction(() => {
      for (const table of tables) this.db.prepare(`DELETE FROM ${table}`).run();
    });
    return [...tables, 'alerts', 'patches', 'device_software', 'antivirus', 'locations'];
  }

  /** Runs `work` in one transaction; nested calls join the outer one. */
  transaction<T>(work: () => T): T {
    return inTransaction(this.db, work);
  }

  close(): void {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }
}
