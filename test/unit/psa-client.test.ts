import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PsaClient, normalizeBaseUrl } from '../../src/core/psa/client';
import { psaFailure } from '../../src/core/psa/errors';
import type { Timing } from '../../src/core/time/clock';
import { startPsaSimulator, type PsaSimulator } from '../../src/simulator/psa';
import { rejection } from '../support/errors';

const orgNames = Array.from({ length: 240 }, (_, i) => `Org ${String(i).padStart(3, '0')} Services`);
const clock = { t: Date.UTC(2026, 10, 1) };
const slept: number[] = [];
const timing: Timing = {
  now: () => clock.t,
  sleep: (ms) => {
    slept.push(ms);
    clock.t += ms;
    return Promise.resolve();
  },
  random: () => 0.5,
};

let sim: PsaSimulator;
let client: PsaClient;

beforeAll(async () => {
  sim = await startPsaSimulator({ organizationNames: orgNames, now: () => clock.t });
  client = new PsaClient({
    baseUrl: sim.baseUrl,
    apiKey: sim.apiKey,
    timing,
    retry: { attempts: 4, baseMs: 100, maxMs: 1_000 },
  });
});
afterAll(() => sim.close());

function ticketBody(): {
  title: string;
  board_id: string;
  status_id: string;
  priority_id: string;
  client_id: string;
} {
  const ref = sim.control.reference();
  const board = ref.boards.find((b) => b.isDefault)!;
  return {
    title: 'Backup failed',
    board_id: board.id,
    status_id: board.statuses[0]!.id,
    priority_id: ref.priorities[0]!.id,
    client_id: ref.clients[0]!.id,
  };
}

describe('PSA client', () => {
  it('accepts a pasted /api/v1 suffix and refuses what is not an http(s) URL', () => {
    expect(normalizeBaseUrl('https://psa.example.com/api/v1/')).toBe('https://psa.example.com');
    expect(normalizeBaseUrl(' http://127.0.0.1:3000 ')).toBe('http://127.0.0.1:3000');
    expect(() => normalizeBaseUrl('ftp://psa')).toThrow(/https/);
    expect(() => normalizeBaseUrl('psa.example.com')).toThrow(/not a URL/);
  });

  it('pages through every client at the largest page size', async () => {
    const before = sim.control.requests('clients.list').length;
    const clients = await client.clients();
    expect(clients.length).toBe(sim.control.store.clients.size);
    expect(clients.length).toBeGreaterThan(100);
    const pages = sim.control.requests('clients.list').slice(before);
    expect(pages.map((r) => r.query.page)).toEqual(['1', '2']);
    expect(pages.every((r) => r.query.limit === '100')).toBe(true);
  });

  it('reads the asset envelope and stops on a short page although the asset total ignores the tag filter', async () => {
    const clientId = sim.control.reference().clients[0]!.id;
    for (let i = 0; i < 150; i++) {
      sim.control.store.createAsset({
        client_id: clientId,
        asset_type: 'workstation',
        asset_tag: `TAG-${i}`,
        name: `WS-${i}`,
        status: 'active',
      });
    }
    const before = sim.control.requests('assets.list').length;
    const found = [];
    for await (const page of client.assetTagPages('TAG-1', clientId)) found.push(...page);
    expect(found.length).toBe(61); // TAG-1, TAG-10..19, TAG-100..149
    const requests = sim.control.requests('assets.list').slice(before);
    expect(requests).toHaveLength(1);
  });

  it('also reads the nested asset shape the OpenAPI file describes', async () => {
    const nested = new PsaClient({
      baseUrl: 'https://psa.test',
      apiKey: 'k'.repeat(64),
      fetch: () =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              success: true,
              data: { data: { asset_id: 'a1', asset_tag: 'NINJA-1' } },
              meta: {},
            }),
            { status: 201 },
          ),
        ),
    });
    const asset = await nested.createAsset({
      client_id: 'c',
      asset_type: 'workstation',
      asset_tag: 'NINJA-1',
      name: 'x',
      status: 'active',
    });
    expect(asset.asset_id).toBe('a1');
  });

  it('waits out Retry-After on 429 and then succeeds', async () => {
    sim.control.setRateLimit({ enforce: true, burst: 1, refillPerMin: 60 });
    slept.length = 0;
    try {
      await client.boards();
      await client.boards();
      expect(slept.length).toBeGreaterThanOrEqual(1);
      expect(slept[0]).toBe(1000);
    } finally {
      sim.control.setRateLimit({ enforce: false, burst: 120 });
    }
  });

  it('retries a read on 5xx, but never repeats a create the PSA may have carried out', async () => {
    sim.control.failNext('boards.list', 2, { status: 503 });
    expect((await client.boards()).length).toBeGreaterThan(0);

    sim.control.failNext('tickets.create', 1, { status: 502, afterAccept: true });
    const before = sim.control.tickets().length;
    const error = await rejection(client.createTicket(ticketBody()));
    expect(error.code).toBe('upstream_error');
    expect(psaFailure(error)).toMatchObject({ status: 502, retryable: true, ambiguous: true });
    expect(sim.control.requests('tickets.create').slice(-1)[0]!.status).toBe(502);
    expect(sim.control.tickets().length).toBe(before + 1);
  });

  it('repeats a create that was rate limited (refused before it ran)', async () => {
    sim.control.failNext('tickets.create', 1, { status: 429 });
    const ticket = await client.createTicket(ticketBody());
    expect(ticket.ticket_number).toMatch(/^TIC/);
  });

  it('gives errors that name the PSA and quote its message', async () => {
    const wrongKey = new PsaClient({ baseUrl: sim.baseUrl, apiKey: 'f'.repeat(64), timing });
    const unauthorized = await rejection(wrongKey.probe());
    expect(unauthorized.code).toBe('unauthorized');
    expect(unauthorized.message).toContain(`Alga PSA at ${client.host} refused the API key`);
    expect(unauthorized.message).toContain('Invalid API key');

    const refused = await rejection(client.createTicket({ ...ticketBody(), board_id: undefined } as never));
    expect(refused.code).toBe('refused');
    expect(refused.message).toContain('refused to create the ticket (HTTP 400)');
    expect(refused.message).toContain('Validation failed: board_id: Required');
    expect(psaFailure(refused)).toMatchObject({ status: 400, psaCode: 'VALIDATION_ERROR', retryable: false });
  });

  it('reports an unreachable PSA without claiming anything happened, and a timeout as ambiguous', async () => {
    const down = await startPsaSimulator();
    const url = down.baseUrl;
    await down.close();
    const offline = new PsaClient({
      baseUrl: url,
      apiKey: 'k'.repeat(64),
      timing,
      retry: { attempts: 2, baseMs: 1, maxMs: 1 },
    });
    const unreachable = await rejection(offline.createTicket(ticketBody()));
    expect(unreachable.code).toBe('upstream_unavailable');
    expect(unreachable.message).toContain(`Cannot reach Alga PSA at ${new URL(url).host}`);
    expect(unreachable.message).toContain('ECONNREFUSED');
    expect(psaFailure(unreachable)).toMatchObject({ ambiguous: false, retryable: true });

    const slow = new PsaClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, timing, timeoutMs: 100 });
    sim.control.delayNext('tickets.create', 1, 400);
    const timeout = await rejection(slow.createTicket(ticketBody()));
    expect(timeout.code).toBe('timeout');
    expect(psaFailure(timeout)).toMatchObject({ ambiguous: true });
  });

  it('counts an existing ticket-asset link (409) as linked', async () => {
    const ticket = await client.createTicket(ticketBody());
    const asset = await client.createAsset({
      client_id: ticketBody().client_id,
      asset_type: 'server',
      asset_tag: 'NINJA-9001',
      name: 'SRV',
      status: 'active',
    });
    expect(await client.linkAsset(ticket.ticket_id, asset.asset_id)).toBe('linked');
    expect(await client.linkAsset(ticket.ticket_id, asset.asset_id)).toBe('already_linked');
  });
});
