import { userInfo } from 'node:os';
import { z } from 'zod';
import type { Cache } from '../cache/cache';

/**
 * The name this console signs its actions with (acknowledgements, ledger claims, audit rows): the
 * `profile.name` setting when the technician set one, else the OS account name.
 */
export function technicianName(cache: Cache): string {
  const fromSettings = cache.settings.get('profile.name', z.string().trim().min(1).max(100).nullable(), null);
  if (fromSettings) return fromSettings;
  try {
    return userInfo().username;
  } catch {
    return 'technician';
  }
}
