import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { refreshMappingSuggestions } from '../../src/core/psa';
import { nameSimilarity, normalizeName, prepareName } from '../../src/core/psa/mapping/normalize';
import { OrgClientMapRepository } from '../../src/core/psa/mapping/repository';
import { ReferenceDataRepository } from '../../src/core/psa/reference-data';
import { tempDir } from '../support/temp';

let cache: Cache;
let mapping: OrgClientMapRepository;

const orgs = [
  'Acme Corp',
  'Birchwood Dental',
  'Cobalt Logistics',
  'Delta Legal',
  'Harbor Clinic',
  'Smith & Sons',
  'Twin Co',
];
const clients = [
  { client_id: 'c-acme', client_name: 'ACME Corporation' },
  { client_id: 'c-birch', client_name: 'Birchwood Dental, Inc.' },
  { client_id: 'c-cobalt', client_name: 'Cobalt Logistics' },
  { client_id: 'c-harbour', client_name: 'Harbour Clinic LLC' },
  { client_id: 'c-smith', client_name: 'Smith and Sons GmbH' },
  { client_id: 'c-twin-1', client_name: 'Twin Company' },
  { client_id: 'c-twin-2', client_name: 'TWIN Inc.' },
  { client_id: 'c-old', client_name: 'Delta Legal', is_inactive: true },
];

beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  cache.organizations.upsertOrganizations(
    orgs.map((name, i) => ({ id: i + 1, name, description: null, nodeApprovalMode: null, raw: null })),
  );
  new ReferenceDataRepository(cache.db).replace({ clients, boards: [], statuses: [], priorities: [] }, 1);
  mapping = new OrgClientMapRepository(cache.db);
});
afterEach(() => cache.close());

const byName = (name: string) => mapping.list({ filter: { search: name }, limit: 10 }).items[0]!;

describe('organization names', () => {
  it('normalize case, punctuation, "&"/"and", a leading "The" and legal suffixes away', () => {
    expect(normalizeName('ACME Corporation')).toBe(normalizeName('Acme Corp.'));
    expect(normalizeName('The Acme Co')).toBe('acme');
    expect(normalizeName('Smith & Sons GmbH')).toBe('smith and sons');
    expect(normalizeName('Smith L.L.C.')).toBe('smith');
    expect(normalizeName('Café Müller Ltd')).toBe('cafe muller');
    expect(nameSimilarity(prepareName('Harbor Clinic'), prepareName('Harbour Clinic'))).toBeGreaterThan(0.8);
    expect(nameSimilarity(prepareName('Delta Legal'), prepareName('Delta Logistics'))).toBeLessThan(0.6);
  });
});

describe('organization-to-client mapping', () => {
  it('suggests exact and near matches, none for missing, ambiguous or inactive clients', () => {
    expect(refreshMappingSuggestions(cache)).toEqual({ organizations: 7, suggested: 5 });
    expect(byName('Acme').suggestion).toMatchObject({ id: 'c-acme', exact: true, score: 1 });
    expect(byName('Harbor').suggestion).toMatchObject({ id: 'c-harbour', exact: false });
    expect(byName('Smith').suggestion).toMatchObject({ id: 'c-smith', exact: true });
    expect(byName('Twin').suggestion).toBeNull();
    expect(byName('Delta').suggestion).toBeNull();
    expect(byName('Acme').state).toBe('suggested');
    expect(mapping.clientOf(1)).toBeNull();
  });

  it('confirms one or many, changes, clears, and keeps choices when suggestions are refreshed', () => {
    mapping.refreshSuggestions();
    expect(mapping.confirm([1, 2, 4])).toEqual({ confirmed: [1, 2], skipped: [4] });
    expect(mapping.clientOf(1)).toEqual({ clientId: 'c-acme', clientName: 'ACME Corporation' });
    expect(mapping.change(4, 'c-old').client).toEqual({ id: 'c-old', name: 'Delta Legal', exists: true });
    expect(() => mapping.change(4, 'c-nope')).toThrow(/not in the reference data/);
    mapping.refreshSuggestions();
    expect(mapping.clientOf(4)?.clientId).toBe('c-old');
    expect(mapping.clear([1, 3])).toBe(1);
    expect(mapping.clientOf(1)).toBeNull();
    expect(byName('Acme').suggestion?.id).toBe('c-acme');

    // The mapped client vanished from the PSA: the row says so instead of hiding it.
    new ReferenceDataRepository(cache.db).replace(
      { clients: clients.filter((c) => c.client_id !== 'c-old'), boards: [], statuses: [], priorities: [] },
      2,
    );
    expect(byName('Delta').client).toEqual({ id: 'c-old', name: 'Delta Legal', exists: false });
  });

  it('lists by state, keyset-paged by organization name', () => {
    mapping.refreshSuggestions();
    mapping.confirm([1]);
    const states = (s: ('mapped' | 'suggested' | 'unmapped')[]) =>
      mapping.list({ filter: { states: s }, limit: 50 }).items.map((r) => r.organizationName);
    expect(states(['mapped'])).toEqual(['Acme Corp']);
    expect(states(['unmapped'])).toEqual(['Delta Legal', 'Twin Co']);
    expect(states(['suggested'])).toHaveLength(4);
    const first = mapping.list({ filter: {}, limit: 3 });
    const second = mapping.list({ filter: {}, cursor: first.nextCursor, limit: 3 });
    const third = mapping.list({ filter: {}, cursor: second.nextCursor, limit: 3 });
    expect([...first.items, ...second.items, ...third.items].map((r) => r.organizationName)).toEqual(
      [...orgs].sort(),
    );
    expect(third.nextCursor).toBeNull();
  });

  it('holds suggestions only until a PSA is connected (no clients, no suggestions)', () => {
    new ReferenceDataRepository(cache.db).replace(
      { clients: [], boards: [], statuses: [], priorities: [] },
      3,
    );
    expect(refreshMappingSuggestions(cache)).toEqual({ organizations: 7, suggested: 0 });
    expect(mapping.list({ filter: { states: ['unmapped'] }, limit: 50 }).items).toHaveLength(7);
  });
});
