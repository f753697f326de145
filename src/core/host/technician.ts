import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { z } from 'zod';
import type { Cache } from '../cache/cache';

/**
 * The name this console signs its actions with (acknowledgements, ledger claims, audit rows): the
 * `profile.name` setting once the technician confirmed one (the console asks at first run), else the
 * OS account's full name, else its login name.
 */
export function technicianName(cache: Cache): string {
  return technicianProfile(cache).name;
}

export function technicianProfile(cache: Cache): { name: string; fromSettings: boolean } {
  const fromSettings = cache.settings.get('profile.name', z.string().trim().min(1).max(100).nullable(), null);
  if (fromSettings) return { name: fromSettings, fromSettings: true };
  return { name: osAccountName(), fromSettings: false };
}

export function setTechnicianName(
  cache: Cache,
  name: string | null,
): { name: string; fromSettings: boolean } {
  if (name === null) cache.settings.delete('profile.name');
  else cache.settings.set('profile.name', name);
  return technicianProfile(cache);
}

let accountName: string | null = null;

/** The OS account's full name ("Alice Martin"), or its login name when it has none. */
export function osAccountName(): string {
  accountName ??= readAccountName();
  return accountName;
}

function readAccountName(): string {
  let login: string;
  try {
    login = userInfo().username;
  } catch {
    return 'technician';
  }
  try {
    return fullNameOf(login, process.platform)?.trim().slice(0, 100) || login;
  } catch {
    return login;
  }
}

/** Where each platform keeps an account's full name: the GECOS field, Directory Services, `net user`. */
function fullNameOf(login: string, platform: NodeJS.Platform): string | null {
  const run = (file: string, args: string[]): string =>
    execFileSync(file, args, { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
  if (platform === 'darwin') return run('id', ['-F', login]);
  if (platform === 'win32') return /^Full Name\s+(.+)$/m.exec(run('net', ['user', login]))?.[1] ?? null;
  return gecosName(readFileSync('/etc/passwd', 'utf8'), login);
}

/** The full name in an /etc/passwd entry: the first comma-separated part of its fifth field. */
export function gecosName(passwd: string, login: string): string | null {
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === login) return fields[4]?.split(',')[0]?.trim() || null;
  }
  return null;
}
