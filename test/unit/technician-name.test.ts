import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import {
  gecosName,
  osAccountName,
  setTechnicianName,
  technicianProfile,
} from '../../src/core/host/technician';
import { tempDir } from '../support/temp';

const passwd = [
  'root:x:0:0:root:/root:/bin/bash',
  'alice:x:1000:1000:Alice Martin,Room 4,555-0100,,:/home/alice:/bin/bash',
  'svc:x:998:998::/var/lib/svc:/usr/sbin/nologin',
].join('\n');

describe('the name a console signs with', () => {
  it('reads the full name from the account database, not the login', () => {
    expect(gecosName(passwd, 'alice')).toBe('Alice Martin');
    expect(gecosName(passwd, 'svc')).toBeNull();
    expect(gecosName(passwd, 'nobody')).toBeNull();
  });

  it('offers the OS account name until the technician confirms one', () => {
    const cache = Cache.open(join(tempDir(), 'cache.db'));
    try {
      expect(technicianProfile(cache)).toEqual({ name: osAccountName(), fromSettings: false });
      expect(setTechnicianName(cache, 'Alice Martin')).toEqual({ name: 'Alice Martin', fromSettings: true });
      expect(setTechnicianName(cache, null)).toEqual({ name: osAccountName(), fromSettings: false });
    } finally {
      cache.close();
    }
  });
});
