import type { AntivirusRecord } from '../../cache/repositories/antivirus';
import type { PatchKind, PatchRecord, PatchState } from '../../cache/repositories/patches';
import type { SoftwareRecord } from '../../cache/repositories/software';
import {
  epochToMs,
  type NinjaAntivirusRow,
  type NinjaOsPatchRow,
  type NinjaSoftwarePatchRow,
  type NinjaSoftwareRow,
} from '../../ninjaone';

const size = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;

/** `/v2/queries/software` row to one install; the title (name + publisher) is stored once by the repository. */
export function mapSoftware(row: NinjaSoftwareRow): SoftwareRecord {
  return {
    deviceId: row.deviceId,
    name: row.name.trim(),
    publisher: row.publisher?.trim() || null,
    version: row.version ?? null,
    installDate: epochToMs(row.installDate),
    sizeBytes: size(row.size),
    location: row.location ?? null,
  };
}

/**
 * Which list a patch row came from decides what its status word means: the open lists (pending,
 * failed, rejected: "no installation attempts") say MANUAL/APPROVED/FAILED/REJECTED, the install
 * histories INSTALLED/FAILED. Unknown words on an open list count as pending.
 */
export type PatchSource = 'open' | 'installs';

export function patchStateOf(status: string | null | undefined, source: PatchSource): PatchState {
  const word = status?.toUpperCase();
  if (word === 'FAILED' || word === 'FAILURE') return 'failed';
  if (source === 'installs') return 'installed';
  return word === 'REJECTED' ? 'rejected' : 'pending';
}

/**
 * NinjaOne lists one patch of one device under several ids: a failed install is in the open list and
 * in the install history, each row with its own uuid. The cache keys a patch by what it installs (the
 * KB of an OS patch, the product and title of a third-party one; the row id only when neither is
 * given), so the two rows are one patch and count once.
 */
export function osPatchKey(row: Pick<NinjaOsPatchRow, 'id' | 'kbNumber' | 'name'>): string {
  const kb = row.kbNumber?.trim().toUpperCase();
  if (kb) return `kb:${kb}`;
  return row.name?.trim() ? `name:${row.name.trim()}` : `id:${row.id}`;
}

export function softwarePatchKey(
  row: Pick<NinjaSoftwarePatchRow, 'id' | 'productIdentifier' | 'title'>,
): string {
  const title = row.title?.trim() ?? '';
  if (row.productIdentifier) return `product:${row.productIdentifier.toLowerCase()}:${title}`;
  return title ? `name:${title}` : `id:${row.id}`;
}

export function mapOsPatch(row: NinjaOsPatchRow, source: PatchSource): PatchRecord {
  const name = row.name ?? row.kbNumber ?? row.id;
  return patch(row, osPatchKey(row), 'os', source, name, row.kbNumber ?? null, null, row.severity ?? null);
}

export function mapSoftwarePatch(row: NinjaSoftwarePatchRow, source: PatchSource): PatchRecord {
  const name = row.title ?? row.productIdentifier ?? row.id;
  return patch(
    row,
    softwarePatchKey(row),
    'software',
    source,
    name,
    null,
    row.productIdentifier ?? null,
    row.impact ?? null,
  );
}

function patch(
  row: NinjaOsPatchRow | NinjaSoftwarePatchRow,
  key: string,
  kind: PatchKind,
  source: PatchSource,
  name: string,
  kbNumber: string | null,
  productIdentifier: string | null,
  severity: string | null,
): PatchRecord {
  return {
    deviceId: row.deviceId,
    kind,
    patchId: key,
    name,
    kbNumber,
    productIdentifier,
    severity,
    patchType: row.type ?? null,
    status: row.status ?? 'UNKNOWN',
    state: patchStateOf(row.status, source),
    installedAt: epochToMs(row.installedAt),
    collectedAt: epochToMs(row.timestamp),
  };
}

export function mapAntivirus(row: NinjaAntivirusRow): AntivirusRecord {
  return {
    deviceId: row.deviceId,
    productName: row.productName?.trim() || 'Unknown product',
    productState: row.productState ?? null,
    definitionStatus: row.definitionStatus ?? null,
    version: row.version ?? null,
    collectedAt: epochToMs(row.timestamp),
  };
}
