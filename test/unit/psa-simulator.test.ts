import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPsaSimulator, type PsaSimulator } from '../../src/simulator/psa';

let sim: PsaSimulator;

beforeAll(async () => {
  sim = await startPsaSimulator();
});
afterAll(() => sim.close());

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { 'x-api-key': sim.apiKey },
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const res = await fetch(sim.baseUrl + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined, text };
}

function ids(): {
  boardId: string;
  statusId: string;
  otherBoardStatusId: string;
  priorityId: string;
  clientId: string;
} {
  const ref = sim.control.reference();
  const board = ref.boards.find((b) => b.isDefault)!;
  const other = ref.boards.find((b) => !b.isDefault)!;
  return {
    boardId: board.id,
    statusId: board.statuses.find((s) => s.isDefault)!.id,
    otherBoardStatusId: other.statuses[0]!.id,
    priorityId: ref.priorities[0]!.id,
    clientId: ref.clients[0]!.id,
  };
}

async function newTicket(title = 'Disk full'): Promise<{ ticket_id: string; ticket_number: string }> {
  const { boardId, statusId, priorityId, clientId } = ids();
  const res = await api('POST', '/api/v1/tickets', {
    title,
    board_id: boardId,
    status_id: statusId,
    priority_id: priorityId,
    client_id: clientId,
  });
  expect(res.status).toBe(201);
  return (res.json as { data: { ticket_id: string; ticket_number: string } }).data;
}

describe('PSA simulator: the real server behaviours of reference §8.4', () => {
  it('seeds clients from organization names: exact, near and missing ones', () => {
    const clients = sim.control.reference().clients;
    const byOrg = new Map(clients.map((c) => [c.organizationName, c]));
    expect(byOrg.get('Acme Corp')).toMatchObject({ name: 'Acme Corp', match: 'exact' });
    expect(byOrg.get('Birchwood Dental')).toMatchObject({ name: 'Birchwood Dental, Inc.', match: 'near' });
    expect(byOrg.has('Delta Legal')).toBe(false);
    expect(clients.some((c) => c.match === 'psa-only')).toBe(true);
  });

  it('refuses a missing key at the edge with a plain string error, and a wrong key with the error envelope', async () => {
    const missing = await api('GET', '/api/v1/tickets', undefined, {});
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: 'Unauthorized: API key missing' });
    const wrong = await api('GET', '/api/v1/tickets', undefined, { 'x-api-key': 'f'.repeat(64) });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } });
    const otherTenant = await api('GET', '/api/v1/tickets', undefined, {
      'x-api-key': sim.apiKey,
      'x-tenant-id': '00000000-0000-4000-8000-000000000000',
    });
    expect(otherTenant.status).toBe(401);
  });

  it('answers a ticket without board/client/status/priority with zod 3 style details (legacy names are dropped)', async () => {
    const res = await api('POST', '/api/v1/tickets', {
      title: 'x',
      channel_id: ids().boardId,
      company_id: ids().clientId,
    });
    expect(res.status).toBe(400);
    const error = (
      res.json as {
        error: {
          code: string;
          message: string;
          details: { path: string[]; message: string; code: string; received: string }[];
        };
      }
    ).error;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toBe('Validation failed');
    expect(error.details.map((d) => d.path[0])).toEqual([
      'board_id',
      'client_id',
      'status_id',
      'priority_id',
    ]);
    expect(error.details[0]).toMatchObject({
      code: 'invalid_type',
      expected: 'string',
      received: 'undefined',
      message: 'Required',
    });
  });

  it('refuses a status of another board and unknown ids as "Invalid reference"', async () => {
    const { boardId, otherBoardStatusId, priorityId, clientId, statusId } = ids();
    const wrongBoard = await api('POST', '/api/v1/tickets', {
      title: 'x',
      board_id: boardId,
      status_id: otherBoardStatusId,
      priority_id: priorityId,
      client_id: clientId,
    });
    expect(wrongBoard.status).toBe(400);
    expect(JSON.stringify(wrongBoard.json)).toContain(
      `status_id ${otherBoardStatusId} does not belong to board_id ${boardId}`,
    );
    const unknownClient = await api('POST', '/api/v1/tickets', {
      title: 'x',
      board_id: boardId,
      status_id: statusId,
      priority_id: priorityId,
      client_id: '0b0b0b0b-0000-0000-0000-000000000000',
    });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.json).toEqual({ error: { code: 'BAD_REQUEST', message: 'Invalid reference' } });
  });

  it('creates a ticket (201, TIC number, description kept only in attributes) and renders description_html on get', async () => {
    const { boardId, statusId, priorityId, clientId } = ids();
    const res = await api('POST', '/api/v1/tickets', {
      title: 'CPU high',
      board_id: boardId,
      status_id: statusId,
      priority_id: priorityId,
      client_id: clientId,
      description: 'ignored',
      attributes: { description: 'CPU at <100%>' },
    });
    expect(res.status).toBe(201);
    const row = (res.json as { data: Record<string, unknown> }).data;
    expect(row.ticket_number).toMatch(/^TIC\d{6}$/);
    expect(row).not.toHaveProperty('description');
    expect(row).not.toHaveProperty('status_name');
    const got = await api('GET', `/api/v1/tickets/${row.ticket_id as string}`);
    expect((got.json as { data: Record<string, unknown> }).data).toMatchObject({
      status_name: 'New',
      status_is_closed: false,
      description_html: '<p>CPU at &#60;100%&#62;</p>',
    });
  });

  it('serves users, contacts, ticket updates and comments as Alga does', async () => {
    const users = await api('GET', '/api/v1/users?user_type=internal');
    expect(
      (users.json as { data: { user_type: string }[] }).data.every((u) => u.user_type === 'internal'),
    ).toBe(true);
    const { clientId, boardId, otherBoardStatusId } = ids();
    const contacts = await api('GET', `/api/v1/clients/${clientId}/contacts`);
    expect((contacts.json as { data: { client_id: string }[] }).data[0]!.client_id).toBe(clientId);

    const ticket = await newTicket('Printer jam');
    const moved = await api('PUT', `/api/v1/tickets/${ticket.ticket_id}`, {
      board_id: boardId,
      title: 'Printer jam again',
    });
    expect(moved.status).toBe(200);
    expect((moved.json as { data: { title: string } }).data.title).toBe('Printer jam again');
    const wrongStatus = await api('PUT', `/api/v1/tickets/${ticket.ticket_id}/status`, {
      status_id: otherBoardStatusId,
    });
    expect(wrongStatus.status).toBe(400);

    const comment = await api('POST', `/api/v1/tickets/${ticket.ticket_id}/comments`, {
      comment_text: 'Checked the tray',
      is_internal: true,
    });
    expect(comment.status).toBe(201);
    expect((comment.json as { data: Record<string, unknown> }).data).toMatchObject({
      comment_text: 'Checked the tray',
      is_internal: true,
    });
    const empty = await api('POST', `/api/v1/tickets/${ticket.ticket_id}/comments`, { comment_text: '' });
    expect(empty.status).toBe(400);
    const list = await api('GET', `/api/v1/tickets/${ticket.ticket_id}/comments`);
    expect(list.json).toEqual({ data: [expect.objectContaining({ note: 'Checked the tray' })] });
    expect(list.json).not.toHaveProperty('pagination');
  });

  it('answers 404 with the error envelope and 400 for a malformed id', async () => {
    const missing = await api('GET', '/api/v1/tickets/0b0b0b0b-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 'NOT_FOUND', message: 'Ticket not found' } });
    const malformed = await api('GET', '/api/v1/tickets/42');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({
      error: { code: 'VALIDATION_ERROR', message: 'Invalid ticket ID format' },
    });
  });

  it('refuses limit above 100 and ignores unknown query keys', async () => {
    const big = await api('GET', '/api/v1/clients?limit=101');
    expect(big.status).toBe(400);
    expect((big.json as { error: { message: string; details: { path: string[] }[] } }).error).toMatchObject({
      message: 'Query validation failed',
      details: [{ path: ['limit'] }],
    });
    const unknown = await api('GET', '/api/v1/clients?limit=2&frobnicate=yes');
    expect(unknown.status).toBe(200);
    expect((unknown.json as { pagination: unknown }).pagination).toMatchObject({
      page: 1,
      limit: 2,
      hasNext: true,
      hasPrev: false,
    });
  });

  it('requires board_id for ticket statuses and scopes them per board', async () => {
    const res = await api('GET', '/api/v1/statuses?type=ticket');
    expect(res.status).toBe(400);
    expect(res.text).toContain('board_id is required when querying ticket statuses');
    const { boardId } = ids();
    const scoped = await api('GET', `/api/v1/tickets/statuses?board_id=${boardId}`);
    const rows = (scoped.json as { data: { board_id: string }[] }).data;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.board_id === boardId)).toBe(true);
  });

  it('uses the asset envelope, answers 409 on a duplicate link and 204 on DELETE', async () => {
    const ticket = await newTicket();
    const created = await api('POST', '/api/v1/assets', {
      client_id: ids().clientId,
      asset_type: 'workstation',
      asset_tag: 'NINJA-77',
      name: 'WS-77',
      status: 'active',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      success: true,
      data: { asset_tag: 'NINJA-77' },
      meta: { version: '1.0.0' },
    });
    const assetId = (created.json as { data: { asset_id: string } }).data.asset_id;
    const list = await api('GET', '/api/v1/assets?asset_tag=ninja-77');
    expect(list.json).toMatchObject({ success: true, pagination: { page: 1, limit: 25 } });
    expect((list.json as { pagination: Record<string, unknown> }).pagination).not.toHaveProperty('hasNext');
    const badAsset = await api('POST', '/api/v1/assets', { client_id: ids().clientId });
    expect(badAsset.json).toMatchObject({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: 'Invalid request data' },
    });

    expect(
      (await api('POST', `/api/v1/tickets/${ticket.ticket_id}/assets`, { asset_id: assetId })).status,
    ).toBe(201);
    const again = await api('POST', `/api/v1/tickets/${ticket.ticket_id}/assets`, { asset_id: assetId });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      error: { code: 'CONFLICT', message: 'Asset is already linked to this ticket' },
    });
    const del = await api('DELETE', `/api/v1/tickets/${ticket.ticket_id}/assets/${assetId}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await api('DELETE', `/api/v1/tickets/${ticket.ticket_id}`)).status).toBe(204);
  });

  it('enforces the rate limit with 429, Retry-After and the RATE_LIMITED envelope when switched on', async () => {
    sim.control.setRateLimit({ enforce: true, burst: 2, refillPerMin: 60 });
    try {
      const answers = [
        await api('GET', '/api/v1/boards'),
        await api('GET', '/api/v1/boards'),
        await api('GET', '/api/v1/boards'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
      expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe('2');
      const limited = answers[2]!;
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get('x-ratelimit-reset')).toMatch(/Z$/);
      expect(limited.json).toMatchObject({ error: { code: 'RATE_LIMITED', details: { remaining: 0 } } });
    } finally {
      sim.control.setRateLimit({ enforce: false, burst: 120 });
    }
  });

  it('lets tests fail, delay and watch requests, in process and over /_sim', async () => {
    sim.control.failNext('tickets.create', 2, { status: 503 });
    const { boardId, statusId, priorityId, clientId } = ids();
    const body = {
      title: 'x',
      board_id: boardId,
      status_id: statusId,
      priority_id: priorityId,
      client_id: clientId,
    };
    expect((await api('POST', '/api/v1/tickets', body)).status).toBe(503);
    expect((await api('POST', '/api/v1/tickets', body)).status).toBe(503);
    const accepted = sim.control.nextAccepted('tickets.create');
    expect((await api('POST', '/api/v1/tickets', body)).status).toBe(201);
    expect((await accepted).route).toBe('tickets.create');

    // Accepted, then answered with 502: the ticket exists although the client saw a failure.
    const before = sim.control.tickets().length;
    await fetch(`${sim.baseUrl}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'tickets.create', times: 1, status: 502, afterAccept: true }),
    });
    expect((await api('POST', '/api/v1/tickets', body)).status).toBe(502);
    expect(sim.control.tickets().length).toBe(before + 1);
    const state = (await (await fetch(`${sim.baseUrl}/_sim/state`)).json()) as { tickets: number };
    expect(state.tickets).toBe(before + 1);
    expect(sim.control.requests('tickets.create').slice(-1)[0]).toMatchObject({
      status: 502,
      headers: { apiKey: true },
    });
  });

  it('stops answering while paused and serves the same data after resume', async () => {
    const before = sim.control.tickets().length;
    await sim.control.pause();
    await expect(
      fetch(`${sim.baseUrl}/api/v1/boards`, { headers: { 'x-api-key': sim.apiKey } }),
    ).rejects.toThrow();
    await sim.control.resume();
    expect((await api('GET', '/api/v1/boards')).status).toBe(200);
    expect(sim.control.tickets().length).toBe(before);
  });
});
