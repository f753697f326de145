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

export function mapOsPatch(row: NinjaOsPatchRow, source: PatchSource): PatchRecord {
  const name = row.name ?? row.kbNumber ?? row.id;
  return patch(row, 'os', source, name, row.kbNumber ?? null, null, row.severity ?? null);
}

export function mapSoftwarePatch(row: NinjaSoftwarePatchRow, source: PatchSource): PatchRecord {
  const name = row.title ?? row.productIdentifier ?? row.id;
  return patch(row, 'software', source, name, null, row.productIdentifier ?? null, row.impact ?? null);
}

function patch(
  row: NinjaOsPatchRow | NinjaSoftwarePatchRow,
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
    patchId: row.id,
    name,
    kbNumber,
    productIdentifier,
    severity,
    patchType: row.type ?? null,
    status: row.status ?? 'UNKNOWN',
    state: patchStateOf(row.status, source),
    installedAt: epochToMs(row.installedAt),
    collectedAt: epochToMs(row.timestamp),
    history: source === 'installs',
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
