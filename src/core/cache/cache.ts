import { inTransaction, openCache, schemaVersion, type Db, type OpenCacheOptions } from './database';
import { AlertRepository } from './repositories/alerts';
import { DeviceRepository } from './repositories/devices';
import { OrganizationRepository } from './repositories/organizations';
import { SettingsRepository } from './repositories/settings';

/** The open cache and its repositories. One per core process; all SQLite access goes through it. */
export class Cache {
  readonly devices: DeviceRepository;
  readonly alerts: AlertRepository;
  readonly organizations: OrganizationRepository;
  readonly settings: SettingsRepository;

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.devices = new DeviceRepository(db);
    this.alerts = new AlertRepository(db);
    this.organizations = new OrganizationRepository(db);
    this.settings = new SettingsRepository(db);
  }

  static open(path: string, options?: OpenCacheOptions): Cache {
    return new Cache(openCache(path, options), path);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
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
