import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/simulator/psa';
import { eventually } from '../support/eventually';
import { startPsaHarness, type PsaHarness } from '../support/psa-harness';
import { repoRoot } from '../support/web-process';

/**
 * Every request the console's PSA client sent during a full session is checked against the Alga
 * OpenAPI file (path, method, auth header, parameters, body schema) and against the stricter rules
 * of the reference (required ticket fields, no top-level description or legacy names, board-scoped
 * statuses, page size, documented filters only).
 */
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  security?: Record<string, unknown>[];
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
  security?: Record<string, unknown>[];
}

const spec = JSON.parse(
  readFileSync(join(repoRoot, 'test', 'contracts', 'alga-psa', 'alga-openapi.ee.json'), 'utf8'),
) as Spec;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'alga', components: spec.components });

/** Query filters the reference documents from the zod schemas where the OpenAPI file lists none (§2.3, §4). */
const documentedFilters: Record<string, string[]> = {
  'GET /api/v1/tickets': [
    'board_id',
    'client_id',
    'location_id',
    'contact_name_id',
    'status_id',
    'category_id',
    'subcategory_id',
    'entered_by',
    'assigned_to',
    'priority_id',
    'status_ids',
    'title',
    'ticket_number',
    'is_open',
    'is_closed',
    'has_assignment',
    'entered_from',
    'entered_to',
    'closed_from',
    'closed_to',
    'client_name',
    'contact_name',
    'status_name',
    'priority_name',
    'category_name',
    'board_name',
    'tags',
  ],
  'GET /api/v1/boards': ['page', 'limit', 'sort', 'order', 'search', 'include_inactive'],
  'GET /api/v1/priorities': ['item_type', 'search'],
  'GET /api/v1/statuses': ['page', 'limit', 'type', 'board_id'],
};
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  params: (template.match(/\{/g) ?? []).length,
  re: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
}));

function operationFor(
  method: string,
  path: string,
): { template: string; op: Operation; pathValues: string[] } | null {
  const matches = templates
    .filter((t) => t.re.test(path) && spec.paths[t.template]![method.toLowerCase()])
    .sort((a, b) => a.params - b.params);
  const best = matches[0];
  if (!best) return null;
  return {
    template: best.template,
    op: spec.paths[best.template]![method.toLowerCase()]!,
    pathValues: best.re.exec(path)!.slice(1),
  };
}

function schemaCheck(schema: Record<string, unknown>, value: unknown): string | null {
  const resolved = typeof schema.$ref === 'string' ? { $ref: `alga${schema.$ref}` } : schema;
  const validate = ajv.compile(resolved);
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

export function requestProblems(r: RequestRecord, h: PsaHarness): string[] {
  const problems: string[] = [];
  const where = `${r.method} ${r.path}`;
  const found = operationFor(r.method, r.path);
  if (!found) return [`${where}: no such operation in the OpenAPI file`];
  const { template, op, pathValues } = found;
  const key = `${r.method} ${template}`;
  const security = op.security ?? spec.security ?? [];
  if (security.some((s) => 'ApiKeyAuth' in s) && !r.headers.apiKey)
    problems.push(`${where}: no x-api-key header`);
  const params = op.parameters ?? [];
  params
    .filter((p) => p.in === 'path')
    .forEach((p, i) => {
      const problem = p.schema ? schemaCheck(p.schema, pathValues[i]) : null;
      if (problem) problems.push(`${where}: path parameter ${p.name}: ${problem}`);
    });
  for (const [name, value] of Object.entries(r.query)) {
    const declared = params.find((p) => p.in === 'query' && p.name === name);
    if (declared?.schema) {
      const typed =
        declared.schema.type === 'integer' || declared.schema.type === 'number' ? Number(value) : value;
      const problem = schemaCheck(declared.schema, typed);
      if (problem) problems.push(`${where}: query ${name}=${value}: ${problem}`);
    } else if (!documentedFilters[key]?.includes(name))
      problems.push(`${where}: query parameter ${name} is neither in the OpenAPI file nor documented`);
  }
  for (const p of params.filter((p) => p.in === 'query' && p.required)) {
    if (!(p.name in r.query)) problems.push(`${where}: required query parameter ${p.name} missing`);
  }
  if ('limit' in r.query && Number(r.query.limit) > 100) problems.push(`${where}: limit above 100`);
  if (op.requestBody) {
    const schema = op.requestBody.content['application/json']?.schema;
    if (r.body === undefined && op.requestBody.required) problems.push(`${where}: body required`);
    if (r.body !== undefined && r.headers.contentType !== 'application/json')
      problems.push(`${where}: body without application/json`);
    if (r.body !== undefined && schema) {
      const problem = schemaCheck(schema, r.body);
      if (problem) problems.push(`${where}: body: ${problem}`);
    }
  } else if (r.body !== undefined) problems.push(`${where}: a body where the operation takes none`);

  // The reference's stricter rules.
  const body = (r.body ?? {}) as Record<string, unknown>;
  const store = h.sim.control.store;
  if (key === 'POST /api/v1/tickets') {
    for (const field of ['board_id', 'client_id', 'status_id', 'priority_id']) {
      if (typeof body[field] !== 'string' || !uuid.test(body[field] as string))
        problems.push(`${where}: ${field} must be a uuid`);
    }
    if (typeof body.title !== 'string' || body.title.length < 1 || body.title.length > 255)
      problems.push(`${where}: title must be 1..255 characters`);
    for (const dropped of ['description', 'channel_id', 'company_id', 'summary', 'asset_id']) {
      if (dropped in body) problems.push(`${where}: ${dropped} is silently dropped by Alga; do not send it`);
    }
    const attributes = body.attributes as Record<string, unknown> | undefined;
    if (attributes !== undefined && typeof attributes.description !== 'string')
      problems.push(`${where}: the description belongs in attributes.description`);
    if (store.statuses.get(body.status_id as string)?.board_id !== body.board_id)
      problems.push(`${where}: status_id is not a status of board_id`);
  }
  if (key === 'PUT /api/v1/tickets/{id}/status') {
    const ticket = store.tickets.get(pathValues[0]!);
    if (!ticket || store.statuses.get(body.status_id as string)?.board_id !== ticket.board_id)
      problems.push(`${where}: status_id is not a status of the ticket's board`);
  }
  if (key === 'GET /api/v1/statuses' && r.query.type === 'ticket' && !r.query.board_id)
    problems.push(`${where}: ticket statuses need board_id`);
  return problems;
}

let h: PsaHarness;

beforeAll(async () => {
  h = await startPsaHarness();
});
afterAll(() => h.close());

describe('every request the PSA client sends', () => {
  it('follows the Alga OpenAPI file and the stricter rules of the reference', async () => {
    await h.connect();
    await h.confirmSuggestions();
    expect((await h.client.call('psa.testConnection', {})).ok).toBe(true);
    await h.client.call('psa.refreshReferenceData', {});

    const acme = h.deviceIn('Acme Corp');
    const alertUid = h.addAlert(acme.id, 'CRITICAL', 'Disk space low');
    const fromAlert = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid } });
    expect(fromAlert.outcome).toBe('created');

    const cobalt = h.deviceIn('Cobalt Logistics');
    h.sim.control.store.createAsset({
      client_id: h.sim.control.reference().clients.find((c) => c.organizationName === 'Cobalt Logistics')!.id,
      asset_type: 'server',
      asset_tag: `NINJA-${cobalt.serial}`,
      name: cobalt.name,
      status: 'active',
      rmm: { device_id: String(cobalt.id) },
    });
    const monitoring = (await h.client.call('psa.referenceData', {})).boards.find(
      (b) => b.name === 'Monitoring',
    )!;
    await h.client.call('tickets.create', {
      source: { kind: 'device', deviceId: cobalt.id },
      edits: { boardId: monitoring.id },
    });

    // A create the PSA carried out but answered with 502: the retry searches the ticket list first.
    const second = h.addAlert(acme.id, 'MAJOR', 'Backup failed');
    h.sim.control.failNext('tickets.create', 1, { status: 502, afterAccept: true });
    const recovered = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: second } });
    await eventually(
      async () => (await h.client.call('tickets.get', { id: recovered.entry!.id })).state === 'sent',
    );

    // The device detail reads the device's tickets through its asset.
    const side = await h.client.call('psaTickets.refreshDevice', { deviceId: cobalt.id });
    expect(side.error).toBeNull();

    h.sim.control.setTicketStatus(fromAlert.ticket!.id, 'In Progress');
    await h.core.psa.followUp.run();
    h.core.psa.alertsReset([alertUid]);
    await eventually(() => h.sim.control.comments(fromAlert.ticket!.id).length === 1);

    const requests = h.sim.control.requests();
    const seen = new Set(
      requests.map((r) => `${r.method} ${operationFor(r.method, r.path)?.template ?? r.path}`),
    );
    for (const expected of [
      'GET /api/v1/tickets',
      'POST /api/v1/tickets',
      'GET /api/v1/tickets/{id}',
      'POST /api/v1/tickets/{id}/comments',
      'POST /api/v1/tickets/{id}/assets',
      'GET /api/v1/assets/search',
      'GET /api/v1/assets/{id}/tickets',
      'POST /api/v1/assets',
      'GET /api/v1/clients',
      'GET /api/v1/boards',
      'GET /api/v1/priorities',
      'GET /api/v1/tickets/statuses',
    ])
      expect(seen).toContain(expected);
    expect(
      requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/tickets' && r.query.entered_from)
        .length,
    ).toBeGreaterThan(0);

    const problems = requests.flatMap((r) => requestProblems(r, h));
    expect(problems).toEqual([]);
  });

  it('catches a request that breaks the rules (the check itself can fail)', () => {
    const board = h.sim.control.reference().boards[0]!;
    const otherStatus = h.sim.control.reference().boards[1]!.statuses[0]!.id;
    const bad: RequestRecord = {
      at: 0,
      method: 'POST',
      path: '/api/v1/tickets',
      query: { limit: '500' },
      body: {
        title: 'x',
        board_id: board.id,
        status_id: otherStatus,
        client_id: 'nope',
        description: 'top level',
      },
      headers: { apiKey: false, tenantId: null, contentType: 'application/json' },
      route: 'tickets.create',
      status: 400,
    };
    const problems = requestProblems(bad, h).join('\n');
    expect(problems).toContain('no x-api-key header');
    expect(problems).toContain('limit above 100');
    expect(problems).toContain('client_id must be a uuid');
    expect(problems).toContain('priority_id must be a uuid');
    expect(problems).toContain('description is silently dropped');
    expect(problems).toContain('status_id is not a status of board_id');
    expect(problems).toContain('body: data/client_id must match format "uuid"');
  });
});
