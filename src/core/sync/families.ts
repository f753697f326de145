import type { SyncWarning } from '../../shared/contract/sync';
import { isAppError } from '../../shared/rpc/errors';
import { isCursorExpiry, type NinjaOneErrorDetails } from '../ninjaone';

/**
 * The NinjaOne endpoint families a sync reads. One a token may not read (403: a scope the app lacks,
 * or a permission the technician's role lacks) or an instance does not have (404) is skipped with a
 * warning that says which and what it needs; the rest of the sync goes on and sweeps only what it
 * read. A family that fails for a while (5xx after retries, a timeout, cursors that keep expiring)
 * is skipped the same way: the inventory families are owed to the next sync (`owed-families.ts`),
 * the alerts are read by every sync, the rest waits for the next full one.
 */
interface Family {
  /** What a technician calls it. */
  label: string;
  path: string;
  /** The permission a technician's role needs to read it. */
  needs: string;
  /** What its absence means beyond itself. */
  note?: string;
  /** Failing for now, it is read again by the next sync of any kind (else by the next full one). */
  everySync?: boolean;
}

export const families = {
  organizations: {
    label: 'organizations and locations',
    path: '/v2/organizations-detailed',
    needs: 'view organizations',
  },
  devices: { label: 'devices', path: '/v2/devices-detailed', needs: 'view devices' },
  alerts: { label: 'active alerts', path: '/v2/alerts', needs: 'view alerts (conditions)', everySync: true },
  activities: {
    label: 'the activity log',
    path: '/v2/activities',
    needs: 'view activities',
    note: 'Without it the console sees changes only at each full sync.',
  },
  software: {
    label: 'software inventory',
    path: '/v2/queries/software',
    needs: 'view software inventory',
    everySync: true,
  },
  'os-patches': {
    label: 'pending OS patches',
    path: '/v2/queries/os-patches',
    needs: 'view OS patch management',
    everySync: true,
  },
  'os-patch-installs': {
    label: 'OS patch history',
    path: '/v2/queries/os-patch-installs',
    needs: 'view OS patch management',
    everySync: true,
  },
  'software-patches': {
    label: 'pending third-party patches',
    path: '/v2/queries/software-patches',
    needs: 'view software patch management',
    everySync: true,
  },
  'software-patch-installs': {
    label: 'third-party patch history',
    path: '/v2/queries/software-patch-installs',
    needs: 'view software patch management',
    everySync: true,
  },
  antivirus: {
    label: 'antivirus status',
    path: '/v2/queries/antivirus-status',
    needs: 'view antivirus',
    everySync: true,
  },
} as const satisfies Record<string, Family>;

export type FamilyName = keyof typeof families;

/** Why a family was skipped; `null` for an error that must fail the whole run (cancelled, offline, 401...). */
export function skipReason(
  error: unknown,
): { code: 'refused' | 'missing' | 'failed'; status: number | null } | null {
  if (!isAppError(error)) return null;
  const status = (error.details as Partial<NinjaOneErrorDetails> | undefined)?.status ?? null;
  if (error.code === 'forbidden') return { code: 'refused', status: status ?? 403 };
  if (error.code === 'not_found') return { code: 'missing', status: status ?? 404 };
  // A 5xx NinjaOne kept answering one endpoint; no status means the host itself is unreachable.
  if (error.code === 'upstream_unavailable' && status !== null && status >= 500)
    return { code: 'failed', status };
  if (error.code === 'timeout') return { code: 'failed', status: null };
  if (isCursorExpiry(error)) return { code: 'failed', status: null };
  return null;
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The warning a skipped family leaves in the run, in words a technician can act on. */
export function skipWarning(
  family: FamilyName,
  reason: { code: 'refused' | 'missing' | 'failed'; status: number | null },
  host: string,
  error: unknown,
): SyncWarning {
  const { label, path, needs, note, everySync }: Family = families[family];
  const call = `GET ${path}`;
  const message =
    reason.code === 'refused'
      ? `NinjaOne at ${host} refused ${label} (${call}, HTTP ${reason.status}): the API app needs the monitoring scope and the technician's role the permission to ${needs}. Skipped; read again at the next full sync.`
      : reason.code === 'missing'
        ? `NinjaOne at ${host} has no ${call} (HTTP ${reason.status}): this instance does not offer ${label}. Skipped; tried again at the next full sync.`
        : `${isAppError(error) ? error.message : `NinjaOne at ${host} did not deliver ${label}.`} ${capitalized(label)} skipped: what the cache had is kept, read again at the next ${everySync ? '' : 'full '}sync.`;
  return { family, code: reason.code, status: reason.status, message: note ? `${message} ${note}` : message };
}
