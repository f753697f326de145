import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { migrations } from '../../src/core/cache/migrations';
import type { AssetRow } from '../../src/shared/contract/assets';
import { alertRecord } from '../support/alert-records';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { searchSpecimens } from '../support/search-devices';
import { tempDir } from '../support/temp';

let cache: Cache;

/** Devices as a technician meets them, next to 2,000 generated ones. */
const fleet = fleetRecords(2000, 12);
const special = searchSpecimens(fleet.devices[0]!);

beforeAll(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  seedCache(cache, fleet);
  cache.devices.upsertMany(special);
});

afterAll(() => cache.close());

function search(text: string): AssetRow[] {
  return cache.devices.list({
    filter: { search: text },
    sort: { field: 'name', direction: 'asc' },
    limit: 5000,
  }).items;
}
const names = (text: string): string[] => search(text).map((d) => d.name);

describe('device search reads what a technician types', () => {
  it('treats straight and curly apostrophes, and upper and lower case, alike', () => {
    for (const typed of ["Grace's", 'grace’s', "GRACE'S MACBOOK", 'grace‘s air'])
      expect(names(typed), typed).toEqual(['Grace’s MacBook Air']);
  });

  it('requires every word, in any order', () => {
    expect(names('acme dc')).toEqual(['ACME-DC01', 'ACME-DC02', 'ACME-DC03']);
    expect(names('dc acme')).toEqual(names('ACME-DC'));
    expect(names('acme dc 02')).toEqual(['ACME-DC02']);
  });

  it('matches one- and two-letter words at the start of a word inside the name, not in the middle', () => {
    expect(names('dc')).toEqual(['ACME-DC01', 'ACME-DC02', 'ACME-DC03']);
    expect(names('ws1')).toContain('FJORDCREST-WS1');
    expect(names('f')).toContain('FJORDCREST-WS1');
    expect(names('cr')).not.toContain('FJORDCREST-WS1');
  });

  it('reads a dotted number as whole octets from the start of an address', () => {
    // A substring search would also find 17.17.2.1, 117.2.1.4 and 17.2.10.9.
    expect(names('17.2.1')).toEqual(['Grace’s MacBook Air']);
    expect(names('17.2.1.')).toEqual(['Grace’s MacBook Air']);
    expect(names('17.2')).toEqual(['ACME-DC03', 'Grace’s MacBook Air']);
    expect(names('117.2.1')).toEqual(['ACME-DC02']);
    expect(names('17.17.2.1')).toEqual(['ACME-DC01']);
    expect(names('172.16.')).toEqual(['Olivia’s MacBook Pro', 'PRINTER-3F']);
  });

  it('finds MAC addresses written with colons, dashes, dots or nothing, whole or in part', () => {
    for (const typed of [
      'a4:bb:6d:12:34:56',
      'A4-BB-6D-12-34-56',
      'a4bb.6d12.3456',
      'A4BB6D123456',
      '12:34:56',
    ])
      expect(names(typed), typed).toEqual(['Olivia’s MacBook Pro']);
    expect(names('3C:52:82:0A:0B:0C')).toEqual(['PRINTER-3F']);
    const generated = fleet.devices[1500]!;
    expect(search(generated.macAddresses[0]!.toLowerCase().replaceAll(':', '-')).map((d) => d.id)).toEqual([
      generated.id,
    ]);
  });

  it('says which field matched when the name does not show it', () => {
    const macbook = search('srv').find((d) => d.id === 900_006);
    expect(macbook).toMatchObject({
      name: 'Olivia’s MacBook Pro',
      match: { field: 'serial', value: 'C02SRV8Q1234' },
    });
    expect(search('17.2.1')[0]!.match).toEqual({ field: 'ip', value: '17.2.1.5' });
    expect(search('a4-bb-6d-12-34')[0]!.match).toEqual({ field: 'mac', value: 'A4:BB:6D:12:34:56' });
    expect(search('olivia pro')[0]!.match).toBeNull();
    expect(search('macbook olivia')[0]!.match).toBeNull();
    const withUser = fleet.devices.find((d) => d.lastUser)!;
    const user = withUser.lastUser!.split('\\')[1]!;
    expect(search(user).find((d) => d.id === withUser.id)!.match).toEqual({
      field: 'lastUser',
      value: withUser.lastUser,
    });
  });
});

describe('upgrading a cache from before the device search', () => {
  it('indexes the devices it held and gives its alerts one condition name', () => {
    const path = join(tempDir(), 'old.db');
    const old = Cache.open(path, { migrations: migrations.slice(0, 5) });
    seedCache(old, fleetRecords(50, 3));
    old.devices.upsertMany([special[0]!]);
    old.alerts.upsertMany([
      {
        ...alertRecord(special[0]!.id, 'MAJOR', 'Disk Free Space'),
        uid: 'a-1',
        sourceName: 'Disk free space < 10%',
        subject: 'Disk space low',
      },
    ]);
    old.close();
    const upgraded = Cache.open(path);
    try {
      expect(upgraded.schemaVersion).toBe(migrations.at(-1)!.version);
      const found = upgraded.devices.list({
        filter: { search: "grace's 17.2.1" },
        sort: { field: 'name', direction: 'asc' },
        limit: 10,
      });
      expect(found.items.map((d) => d.id)).toEqual([special[0]!.id]);
      expect(upgraded.alerts.get('a-1').conditionName).toBe('Disk free space < 10%');
    } finally {
      upgraded.close();
    }
  });
});
