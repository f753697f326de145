import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPsaSimulator, type PsaSimulator } from '../../src/simulator/psa';

let sim: PsaSimulator;

beforeAll(async () => {
  sim = await startPsaSimulator({ organizationNames: ['Acme Corp', 'Globex'] });
});
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(sim.baseUrl + path, { headers: { 'x-api-key': sim.apiKey } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const acme = (): string => sim.control.reference().clients.find((c) => c.name === 'Acme Corp')!.id;

describe('PSA simulator: assets as Alga serves them, and as its NinjaOne sync makes them', () => {
  it("makes the asset Alga's sync makes: tagged by the system serial, BIOS serial kept, RMM columns set", () => {
    const bySerial = sim.control.syncNinjaDevice(
      {
        id: 4101,
        organizationId: 7,
        displayName: 'FRONT-DESK-01',
        nodeClass: 'WINDOWS_WORKSTATION',
        approvalStatus: 'APPROVED',
        offline: true,
        lastContact: 1_790_000_000,
        system: { serialNumber: 'CZC1234XYZ', biosSerialNumber: 'CZC1234XYZ' },
      },
      acme(),
    );
    expect(bySerial).toMatchObject({
      asset_tag: 'NINJA-CZC1234XYZ',
      serial_number: 'CZC1234XYZ',
      name: 'FRONT-DESK-01',
      asset_type: 'workstation',
      status: 'active',
      rmm_provider: 'ninjaone',
      rmm_device_id: '4101',
      rmm_organization_id: '7',
      agent_status: 'offline',
      last_seen_at: new Date(1_790_000_000_000).toISOString(),
    });
    const biosOnly = sim.control.syncNinjaDevice(
      { id: 4102, systemName: 'sql-02', nodeClass: 'WINDOWS_SERVER', system: { biosSerialNumber: 'VMW-77' } },
      acme(),
    );
    expect(biosOnly).toMatchObject({
      asset_tag: 'NINJA-4102',
      serial_number: 'VMW-77',
      name: 'sql-02',
      asset_type: 'server',
      status: 'pending',
    });
    const bare = sim.control.syncNinjaDevice({ id: 4103, nodeClass: 'NMS' }, acme());
    expect(bare).toMatchObject({ asset_tag: 'NINJA-4103', serial_number: '', name: 'Device-4103' });
  });

  it('filters asset_tag with ILIKE semantics: a substring, and _ or % in the value are wildcards', async () => {
    for (const tag of ['NINJA-AB_12', 'NINJA-ABX12', 'NINJA-AB_123'])
      sim.control.store.createAsset({
        client_id: acme(),
        asset_type: 'workstation',
        asset_tag: tag,
        name: tag,
        status: 'active',
      });
    const { json } = await get('/api/v1/assets?asset_tag=ninja-ab_12');
    const tags = (json.data as { asset_tag: string }[]).map((a) => a.asset_tag).sort();
    expect(tags).toEqual(['NINJA-ABX12', 'NINJA-AB_12', 'NINJA-AB_123']);
  });

  it('filters by warranty as Alga does; the total counts only the filters its COUNT applies', async () => {
    const day = 86_400_000;
    const when = (offset: number): string => new Date(Date.now() + offset).toISOString();
    const globex = sim.control
      .reference()
      .clients.find((c) => c.name !== 'Acme Corp' && c.organizationName)!.id;
    for (const [tag, end] of [
      ['W-EXPIRED', when(-day)],
      ['W-SOON', when(10 * day)],
      ['W-LONG', when(400 * day)],
      ['W-NONE', undefined],
    ] as const)
      sim.control.store.createAsset({
        client_id: globex,
        asset_type: 'server',
        asset_tag: tag,
        name: tag,
        status: 'active',
        warranty_end_date: end,
      });
    const tags = async (query: string): Promise<string[]> =>
      ((await get(`/api/v1/assets?client_id=${globex}&${query}`)).json.data as { asset_tag: string }[])
        .map((a) => a.asset_tag)
        .sort();
    expect(await tags('has_warranty=false')).toEqual(['W-NONE']);
    expect(await tags('warranty_expired=true')).toEqual(['W-EXPIRED']);
    expect(await tags(`warranty_end_from=${when(0)}&warranty_end_to=${when(30 * day)}`)).toEqual(['W-SOON']);
    const soon = await get(`/api/v1/assets?client_id=${globex}&asset_tag=W-SOON`);
    expect((soon.json.data as { warranty_status: string }[])[0]!.warranty_status).toBe('expiring_soon');
    expect(soon.json.pagination).toMatchObject({ total: 4 });
    expect(
      (await get(`/api/v1/assets?client_id=${globex}&warranty_expired=false`)).json.pagination,
    ).toMatchObject({
      total: 3,
    });
  });

  it('answers /assets/search in the nested shape, matching serials, and refuses its array filters', async () => {
    const { status, json } = await get('/api/v1/assets/search?query=czc1234&limit=10');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      success: true,
      data: { _links: { self: { href: '/api/v2/assets/search' } } },
      meta: { version: '1.0.0' },
    });
    const hits = (json.data as { data: { asset_tag: string }[] }).data;
    expect(hits.map((a) => a.asset_tag)).toEqual(['NINJA-CZC1234XYZ']);

    const filtered = await get(`/api/v1/assets/search?query=czc&client_ids=${acme()}`);
    expect(filtered.status).toBe(400);
    expect(filtered.json).toMatchObject({
      success: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid query parameters',
        details: [expect.objectContaining({ path: ['client_ids'], expected: 'array', received: 'string' })],
      },
    });
    expect((await get('/api/v1/assets/search?query=x&limit=101')).status).toBe(400);
  });

  it("lists an asset's tickets newest first, and an empty list (200) for an asset that does not exist", async () => {
    const asset = [...sim.control.store.assets.values()].find((a) => a.rmm_device_id === '4101')!;
    const older = sim.control.algaAlertTicket({
      assetId: asset.asset_id,
      condition: 'CPU high',
      severity: 'major',
    });
    const newer = sim.control.algaAlertTicket({
      assetId: asset.asset_id,
      condition: 'Disk low',
      severity: 'critical',
    });
    newer.updated_at = new Date(Date.parse(older.updated_at) + 1000).toISOString();
    const { json } = await get(`/api/v1/assets/${asset.asset_id}/tickets`);
    expect(json).toMatchObject({ success: true, meta: { version: '1.0.0' } });
    const rows = json.data as Record<string, unknown>[];
    expect(rows.map((r) => r.ticket_id)).toEqual([newer.ticket_id, older.ticket_id]);
    expect(rows[0]).toMatchObject({
      title: '[NinjaOne Alert] Disk low on FRONT-DESK-01',
      status_name: 'New',
      is_closed: false,
      relationship_type: 'related',
    });

    const missing = await get('/api/v1/assets/00000000-0000-4000-8000-000000000000/tickets');
    expect(missing).toEqual({ status: 200, json: expect.objectContaining({ success: true, data: [] }) });
  });
});
