import type { AgentStatus } from '../../../shared/contract/domain';
import type { VersionOperator } from '../../../shared/version-compare';
import type { Page } from '../../../shared/rpc/paging';
import { inTransaction, writeForCachedDevice, type Db } from '../database';
import { keysetPage, queryFingerprint } from '../keyset';
import { ftsPhrase, likeContains, searchWords } from '../search-query';

/** One installed title on one device, as the sync maps it from the software inventory. */
export interface SoftwareRecord {
  deviceId: number;
  name: string;
  publisher: string | null;
  version: string | null;
  installDate: number | null;
  sizeBytes: number | null;
  location: string | null;
}

export interface SoftwareTitleRow {
  id: number;
  name: string;
  publisher: string | null;
  devices: number;
  versions: number;
}

export interface SoftwareInstallRow {
  deviceId: number;
  deviceName: string;
  organizationName: string | null;
  agentStatus: AgentStatus;
  titleId: number;
  title: string;
  version: string | null;
  installDate: number | null;
}

export interface DeviceSoftwareRow {
  titleId: number;
  name: string;
  publisher: string | null;
  version: string | null;
  installDate: number | null;
  sizeBytes: number | null;
}
const installKey = (title: number, version: string): string => `${title}\u0000${version}`;

/**
 * Installed software, normalized: a title (name + publisher) is stored once and searched with FTS;
 * each device row points at it. Title ids are remembered in memory (by name, then publisher, so a
 * lookup builds no key string) because the same few thousand titles repeat across the whole fleet.
 */
export class SoftwareRepository {
  private readonly titleIds = new Map<string, Map<string, number>>();
  private readonly insertTitle;
  private readonly findTitle;
  private readonly upsert;
  private readonly installsOf;
  private readonly deleteInstall;
  private readonly countVersion;
  private readonly adjustTitle;
  private readonly deleteOrphan;

  constructor(private readonly db: Db) {
    this.insertTitle = db.prepare(
      'INSERT INTO software_titles (name, publisher) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING id',
    );
    this.findTitle = db.prepare('SELECT id FROM software_titles WHERE name = ? AND publisher = ?').pluck();
    this.upsert = db.prepare(`
      INSERT INTO device_software (device_id, title_id, version, install_date, size_bytes, location, sync_run)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(device_id, title_id, version) DO UPDATE SET install_date = excluded.install_date,
        size_bytes = excluded.size_bytes, location = excluded.location, sync_run = excluded.sync_run`);
    this.installsOf = db
      .prepare(
        'SELECT title_id, version, install_date, size_bytes, location FROM device_software WHERE device_id = ?',
      )
      .raw();
    this.deleteInstall = db.prepare(
      'DELETE FROM device_software WHERE device_id = ? AND title_id = ? AND version = ?',
    );
    this.countVersion = db
      .prepare(
        'SELECT count(*) FROM (SELECT 1 FROM device_software WHERE title_id = ? AND version = ? LIMIT ?)',
      )
      .pluck();
    this.adjustTitle = db.prepare(
      'UPDATE software_titles SET device_count = device_count + ?, version_count = version_count + ? WHERE id = ?',
    );
    this.deleteOrphan = db.prepare(
      'DELETE FROM software_titles WHERE id = ? AND NOT EXISTS (SELECT 1 FROM device_software WHERE title_id = ?)',
    );
  }

  private titleId(name: string, publisher: string): number {
    let byPublisher = this.titleIds.get(name);
    if (!byPublisher) {
      byPublisher = new Map();
      this.titleIds.set(name, byPublisher);
    }
    let id = byPublisher.get(publisher);
    if (id === undefined) {
      const inserted = this.insertTitle.get(name, publisher) as { id: number } | undefined;
      id = inserted?.id ?? (this.findTitle.get(name, publisher) as number);
      byPublisher.set(publisher, id);
    }
    return id;
  }

  /** Writes rows whose device is cached; returns how many were skipped for a missing device. */
  upsertMany(rows: readonly SoftwareRecord[], run: number | null): number {
    let skipped = 0;
    inTransaction(this.db, () => {
      for (const row of rows) if (this.write(row, run) === null) skipped++;
    });
    return skipped;
  }

  /** Returns the title id, or null when the device is not cached. */
  private write(row: SoftwareRecord, run: number | null): number | null {
    const title = this.titleId(row.name, row.publisher ?? '');
    const written = writeForCachedDevice(() =>
      this.upsert.run(
        row.deviceId,
        title,
        row.version ?? '',
        row.installDate,
        row.sizeBytes,
        row.location,
        run,
      ),
    );
    return written ? title : null;
  }

  /**
   * The whole software picture of these devices becomes `rows` (incremental sync; empty rows before
   * the devices are deleted). Only what differs is written, and the title counts are adjusted by what
   * actually changed (a title gained or lost by a device, a version that appeared or vanished), so a
   * device that changed nothing costs nothing.
   */
  replaceForDevices(deviceIds: readonly number[], rows: readonly SoftwareRecord[], run: number): void {
    inTransaction(this.db, () => {
      const before = new Map<number, Map<string, string>>();
      for (const id of deviceIds) {
        const installs = new Map<string, string>();
        for (const [title, version, ...values] of this.installsOf.all(id) as [number, string, ...unknown[]][])
          installs.set(installKey(title, version), JSON.stringify(values));
        before.set(id, installs);
      }
      const after = new Map<number, Set<string>>();
      for (const row of rows) {
        const installs = before.get(row.deviceId);
        const key = installKey(this.titleId(row.name, row.publisher ?? ''), row.version ?? '');
        const unchanged =
          installs?.get(key) === JSON.stringify([row.installDate, row.sizeBytes, row.location]);
        if (!unchanged && this.write(row, run) === null) continue;
        let keys = after.get(row.deviceId);
        if (!keys) after.set(row.deviceId, (keys = new Set()));
        keys.add(key);
      }
      for (const [deviceId, installs] of before) {
        const kept = after.get(deviceId);
        for (const key of installs.keys()) {
          if (kept?.has(key)) continue;
          const [title, version] = key.split('\u0000') as [string, string];
          this.deleteInstall.run(deviceId, Number(title), version);
        }
      }
      this.applyCountChanges(
        deviceIds,
        new Map([...before].map(([id, installs]) => [id, new Set(installs.keys())])),
        after,
      );
    });
  }

  private applyCountChanges(
    deviceIds: readonly number[],
    before: Map<number, Set<string>>,
    after: Map<number, Set<string>>,
  ): void {
    const devices = new Map<number, number>();
    const versions = new Map<string, { added: number; removed: number }>();
    const bump = (map: Map<number, number>, title: number, by: number): void => {
      map.set(title, (map.get(title) ?? 0) + by);
    };
    const titlesOf = (keys: Set<string>): Set<number> =>
      new Set([...keys].map((k) => Number(k.split('\u0000')[0])));
    for (const id of deviceIds) {
      const was = before.get(id) ?? new Set<string>();
      const is = after.get(id) ?? new Set<string>();
      const titlesWas = titlesOf(was);
      const titlesIs = titlesOf(is);
      for (const title of titlesIs) if (!titlesWas.has(title)) bump(devices, title, 1);
      for (const title of titlesWas) if (!titlesIs.has(title)) bump(devices, title, -1);
      for (const key of is) if (!was.has(key)) this.pairChange(versions, key).added++;
      for (const key of was) if (!is.has(key)) this.pairChange(versions, key).removed++;
    }
    const versionDelta = new Map<number, number>();
    for (const [key, change] of versions) {
      const [titleText, version] = key.split('\u0000') as [string, string];
      const title = Number(titleText);
      // Rows of this version now, counted only as far as it matters: did it exist before, does it now?
      const now = this.countVersion.get(title, version, change.added + 1) as number;
      const existed = now - change.added + change.removed > 0;
      bump(versionDelta, title, (now > 0 ? 1 : 0) - (existed ? 1 : 0));
    }
    for (const title of new Set([...devices.keys(), ...versionDelta.keys()])) {
      this.adjustTitle.run(devices.get(title) ?? 0, versionDelta.get(title) ?? 0, title);
      if (this.deleteOrphan.run(title, title).changes > 0) this.titleIds.clear();
    }
  }

  private pairChange(
    map: Map<string, { added: number; removed: number }>,
    key: string,
  ): { added: number; removed: number } {
    let change = map.get(key);
    if (!change) map.set(key, (change = { added: 0, removed: 0 }));
    return change;
  }

  /** Recomputes the per-title device and version counts from every install (after a full software phase). */
  refreshTitleCounts(): void {
    this.db.exec(`
      UPDATE software_titles SET device_count = 0, version_count = 0;
      UPDATE software_titles SET device_count = c.devices, version_count = c.versions
      FROM (SELECT title_id, count(DISTINCT device_id) AS devices, count(DISTINCT version) AS versions
            FROM device_software GROUP BY title_id) AS c
      WHERE software_titles.id = c.title_id;`);
  }

  /** Deletes installs that run `run` did not see, then titles nothing points at; returns installs removed. */
  sweep(run: number): number {
    return inTransaction(this.db, () => {
      const removed = this.db.prepare('DELETE FROM device_software WHERE sync_run IS NOT ?').run(run).changes;
      if (removed) this.dropOrphanTitles();
      return removed;
    });
  }

  /** After devices were deleted (their installs cascade): drops titles nothing points at. */
  dropOrphanTitles(): void {
    this.db.exec(
      'DELETE FROM software_titles WHERE id NOT IN (SELECT DISTINCT title_id FROM device_software)',
    );
    this.titleIds.clear();
  }

  /**
   * Titles with every typed word in their name or publisher: words of three characters or more
   * through the trigram index, shorter ones (and those in a pasted full name, such as "C++" or
   * "x64") by a scan of the titles, which are few. A word with no letter or digit ("-") is no word.
   */
  private titleMatch(search: string): { sql: string; params: unknown[] } {
    const words = searchWords(search);
    const long = words.filter((w) => [...w].length >= 3);
    const parts: string[] = [];
    const params: unknown[] = [];
    if (long.length) {
      parts.push('t.id IN (SELECT rowid FROM software_fts WHERE software_fts MATCH ?)');
      params.push(long.map(ftsPhrase).join(' AND '));
    }
    for (const word of words.filter((w) => [...w].length < 3)) {
      parts.push(`(t.name LIKE ? ESCAPE '\\' OR t.publisher LIKE ? ESCAPE '\\')`);
      params.push(likeContains(word), likeContains(word));
    }
    return { sql: parts.join(' AND ') || '1', params };
  }

  titles(options: { search?: string; cursor?: string | null; limit: number }): Page<SoftwareTitleRow> {
    const match = options.search ? this.titleMatch(options.search) : null;
    return keysetPage<SoftwareTitleRow, SoftwareTitleRow>(this.db, {
      select: `SELECT t.id, t.name, nullif(t.publisher, '') AS publisher, t.device_count AS devices, t.version_count AS versions
        FROM software_titles t`,
      where: ['t.device_count > 0', ...(match ? [match.sql] : [])],
      params: match?.params ?? [],
      columns: ['t.device_count', 't.id'],
      direction: 'desc',
      fingerprint: queryFingerprint({ view: 'software-titles', search: options.search ?? '' }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (row) => row,
      keyOf: (row) => [row.devices, row.id],
    });
  }

  versions(
    titleId: number,
    limit = 1000,
  ): { versions: { version: string | null; devices: number }[]; truncated: boolean } {
    const rows = this.db
      .prepare(
        `SELECT nullif(version, '') AS version, count(DISTINCT device_id) AS devices FROM device_software
         WHERE title_id = ? GROUP BY version ORDER BY devices DESC, version LIMIT ?`,
      )
      .all(titleId, limit + 1) as { version: string | null; devices: number }[];
    return { versions: rows.slice(0, limit), truncated: rows.length > limit };
  }

  /** Devices with a matching title, optionally only those whose version satisfies the condition. */
  installs(options: {
    name: string;
    titleId?: number;
    version?: { op: VersionOperator; value: string };
    /** Only these devices (a selection to export), in the list's order. */
    deviceIds?: readonly number[];
    cursor?: string | null;
    limit: number;
  }): Page<SoftwareInstallRow> {
    const match =
      options.titleId !== undefined
        ? { sql: 't.id = ?', params: [options.titleId] }
        : this.titleMatch(options.name);
    const where = [match.sql];
    const params: unknown[] = [...match.params];
    if (options.version) {
      where.push(`version_compare(s.version, ?) ${options.version.op} 0`);
      params.push(options.version.value);
    }
    if (options.deviceIds) {
      where.push('d.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(options.deviceIds));
    }
    return keysetPage<SoftwareInstallRow, SoftwareInstallRow>(this.db, {
      select: `SELECT d.id AS deviceId, d.name AS deviceName, nullif(d.organization_name, '') AS organizationName,
          d.agent_status AS agentStatus, s.title_id AS titleId, t.name AS title, nullif(s.version, '') AS version,
          s.install_date AS installDate
        FROM software_titles t JOIN device_software s ON s.title_id = t.id JOIN devices d ON d.id = s.device_id`,
      where,
      params,
      columns: ['d.name', 'd.id', 's.title_id', 's.version'],
      direction: 'asc',
      fingerprint: queryFingerprint({
        view: 'software-installs',
        name: options.name,
        titleId: options.titleId,
        version: options.version,
        deviceIds: options.deviceIds,
      }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (row) => row,
      keyOf: (row) => [row.deviceName, row.deviceId, row.titleId, row.version ?? ''],
      count: true,
    });
  }

  /** One device's software, by name, keyset-paged. */
  forDevicePage(
    deviceId: number,
    search: string | undefined,
    cursor: string | null | undefined,
    limit: number,
  ): Page<DeviceSoftwareRow> {
    const where = ['s.device_id = ?'];
    const params: unknown[] = [deviceId];
    if (search) {
      where.push(`(t.name LIKE ? ESCAPE '\\' OR t.publisher LIKE ? ESCAPE '\\')`);
      params.push(likeContains(search), likeContains(search));
    }
    return keysetPage<DeviceSoftwareRow, DeviceSoftwareRow>(this.db, {
      select: `SELECT t.id AS titleId, t.name, nullif(t.publisher, '') AS publisher, nullif(s.version, '') AS version,
          s.install_date AS installDate, s.size_bytes AS sizeBytes
        FROM device_software s JOIN software_titles t ON t.id = s.title_id`,
      where,
      params,
      columns: ['t.name', 't.id', 's.version'],
      direction: 'asc',
      fingerprint: queryFingerprint({ view: 'device-software', deviceId, search: search ?? '' }),
      cursor,
      limit,
      toItem: (row) => row,
      keyOf: (row) => [row.name, row.titleId, row.version ?? ''],
    });
  }

  forDevice(deviceId: number): SoftwareRecord[] {
    return this.db
      .prepare(
        `SELECT s.device_id AS deviceId, t.name, nullif(t.publisher, '') AS publisher, nullif(s.version, '') AS version,
           s.install_date AS installDate, s.size_bytes AS sizeBytes, s.location
         FROM device_software s JOIN software_titles t ON t.id = s.title_id WHERE s.device_id = ? ORDER BY t.name LIMIT 5000`,
      )
      .all(deviceId) as SoftwareRecord[];
  }
}
