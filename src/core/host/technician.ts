import { userInfo } from 'node:os';
import { z } from 'zod';
import type { Cache } from '../cache/cache';

/**
 * The name this console signs its actions with (acknowledgements, ledger claims, audit rows): the
 * `profile.name` setting when the technician set one, else the OS account name.
 */
export function technicianName(cache: Cache): string {
  return technicianProfile(cache).name;
}

export function technicianProfile(cache: Cache): { name: string; fromSettings: boolean } {
  const fromSettings = cache.settings.get('profile.name', z.string().trim().min(1).max(100).nullable(), null);
  if (fromSettings) return { name: fromSettings, fromSettings: true };
  try {
    return { name: userInfo().username, fromSettings: false };
  } catch {
    return { name: 'technician', fromSettings: false };
  }
}

export function setTechnicianName(
  cache: Cache,
  name: string | null,
): { name: string; fromSettings: boolean } {
  if (name === null) cache.settings.delete('profile.name');
  else cache.settings.set('profile.name', name);
  return technicianProfile(cache);
}
