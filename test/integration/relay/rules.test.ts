import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RulesDocument } from '../../../src/shared/relay/rules';
import { startPsaSimulator, type PsaSimulator } from '../../../src/simulator/psa';
import { eventually } from '../../support/eventually';
import { activity, consoleCall, createToken, postWebhook } from '../../support/relay';
import { relayHarness, type Backend } from '../../support/relay-harness';
import {
  adminCall,
  decisions,
  rule,
  rulesRelayOptions,
  saveRules,
  settledDecision,
  ticketTargets,
} from '../../support/relay-rules';

const harness = relayHarness();
let psa: PsaSimulator;
let clientId: string;

beforeEach(async () => {
  psa = await startPsaSimulator({ organizationNames: ['Acme Corp', 'Globex'] });
  clientId = psa.control.reference().clients[0]!.id;
});
afterEach(async () => {
  await psa.close();
});

async function rulesRelay(backend: Backend, store = harness.store(backend)) {
  const { config, options } = rulesRelayOptions(psa);
  const relay = await harness.relay({ ...store, ...config }, options);
  const token = await createToken(relay.store, `console-${Math.random()}`);
  return { relay, token, store };
}

const ticketsFor = (series: string) =>
  psa.control
    .tickets()
    .filter((t) => (t.attributes as Record<string, unknown>)?.console_ticket_key === `alert:${series}`);

const majorTickets = rule(
  'r-major',
  'Major disk alerts',
  { severities: ['MAJOR', 'CRITICAL'], conditionPattern: 'disk*' },
  {
    type: 'ticket',
    boardId: null,
    priorityId: null,
  },
);

describe.each<Backend>(['sqlite', 'postgres'])('rules on %s', (backend) => {
  it('the first matching rule makes one ticket through the ledger, and says why', async () => {
    const { relay, token } = await rulesRelay(backend);
    await saveRules(
      relay,
      [rule('r-quiet', 'Quiet minor', { severities: ['MINOR'] }, { type: 'suppress' }), majorTickets],
      ticketTargets(psa, { '7': clientId }),
    );
    const trigger = activity(101);
    expect((await postWebhook(relay.url, trigger)).status).toBe(200);
    const minor = activity(102, { severity: 'MINOR', seriesUid: 'series-minor-102' });
    await postWebhook(relay.url, minor);

    const made = await settledDecision(relay, token, 101);
    expect(made).toMatchObject({
      action: 'ticket',
      state: 'done',
      notify: true,
      ruleId: 'r-major',
      reason: 'matched rule 2 "Major disk alerts": create a ticket',
      deviceId: 1042,
    });
    const tickets = ticketsFor(trigger.seriesUid as string);
    expect(tickets).toHaveLength(1);
    expect(made.outcome).toBe(`created ticket ${tickets[0]!.ticket_number as string}`);
    expect(tickets[0]).toMatchObject({
      client_id: clientId,
      title: '[NinjaOne] Disk free space < 10% on ACME-LT-0042',
    });
    const ledger = await consoleCall(relay.url, token, 'GET', `/v1/ledger/${trigger.seriesUid as string}`);
    expect(ledger.json()).toMatchObject({
      entry: { state: 'ticketed', ticket: { id: tickets[0]!.ticket_id, by: 'rule 2 "Major disk alerts"' } },
    });
    expect(await settledDecision(relay, token, 102)).toMatchObject({
      action: 'suppress',
      notify: false,
      reason: 'matched rule 1 "Quiet minor": suppress',
    });
    expect(psa.control.tickets()).toHaveLength(1);
  });
});

describe('rules on several instances of one PostgreSQL', () => {
  it('decide each trigger once and make one ticket per series, whichever instance got it', async () => {
    const a = await rulesRelay('postgres');
    const { config, options } = rulesRelayOptions(psa);
    const b = await harness.relay({ ...a.store, ...config }, options);
    await saveRules(a.relay, [majorTickets], ticketTargets(psa, { '7': clientId }));
    // The same delivery to both instances, and a second series to each.
    const shared = activity(701, { seriesUid: 'series-both' });
    await Promise.all([postWebhook(a.relay.url, shared), postWebhook(b.url, shared)]);
    await postWebhook(a.relay.url, activity(702, { seriesUid: 'series-a', sourceName: 'Disk A' }));
    await postWebhook(b.url, activity(703, { seriesUid: 'series-b', sourceName: 'Disk B' }));
    for (const id of [701, 702, 703])
      expect(await settledDecision(a.relay, a.token, id)).toMatchObject({ state: 'done' });
    for (const series of ['series-both', 'series-a', 'series-b']) expect(ticketsFor(series)).toHaveLength(1);
    expect((await decisions(b, a.token)).filter((d) => d.activityId === 701)).toHaveLength(1);

    // The instance doing the work stops; the other carries on at once.
    await a.relay.close();
    await postWebhook(b.url, activity(704, { seriesUid: 'series-after', sourceName: 'Disk C' }));
    expect(await settledDecision(b, a.token, 704)).toMatchObject({ state: 'done', action: 'ticket' });
    expect(ticketsFor('series-after')).toHaveLength(1);
  });
});

describe('rules', () => {
  it('a flapping condition adds a comment to its ticket instead of a second ticket', async () => {
    const { relay, token } = await rulesRelay('sqlite');
    await saveRules(relay, [majorTickets], ticketTargets(psa, { '7': clientId }), {
      flappingWindowMinutes: 30,
    });
    const first = activity(201, { seriesUid: 'series-flap-1' });
    await postWebhook(relay.url, first);
    const made = await settledDecision(relay, token, 201);
    await postWebhook(
      relay.url,
      activity(202, { seriesUid: 'series-flap-1', statusCode: 'RESET', status: 'Reset' }),
    );
    await postWebhook(relay.url, activity(203, { seriesUid: 'series-flap-2' }));

    const again = await settledDecision(relay, token, 203);
    expect(again).toMatchObject({ action: 'comment', notify: false, state: 'done', ticket: made.ticket });
    expect(again.reason).toMatch(
      /^suppressed: flapping \(the condition triggered again within 30 min; matched rule 1/,
    );
    expect(psa.control.tickets()).toHaveLength(1);
    expect(psa.control.comments(made.ticket!.id).map((c) => c.note)).toEqual([
      expect.stringMatching(/^NinjaOne reset the alert/),
      expect.stringMatching(/triggered again .* It is flapping, so no new ticket was made\.$/),
    ]);
  });

  it('a device a technician silenced gets no ticket, and the decision says who silenced it until when', async () => {
    const { relay, token } = await rulesRelay('sqlite');
    await saveRules(relay, [majorTickets], ticketTargets(psa, { '7': clientId }));
    const until = Date.UTC(2031, 0, 2, 14, 0);
    const silenced = await consoleCall(relay.url, token, 'PUT', '/v1/silences/1042', {
      until,
      by: 'Bob',
      reason: 'disk being replaced',
    });
    expect(silenced.status).toBe(200);
    await postWebhook(relay.url, activity(301));
    expect(await settledDecision(relay, token, 301)).toMatchObject({
      action: 'suppress',
      notify: false,
      reason: 'device silenced by Bob until 2031-01-02 14:00:00 UTC (disk being replaced)',
    });
    expect(psa.control.tickets()).toHaveLength(0);

    expect((await consoleCall(relay.url, token, 'DELETE', '/v1/silences/1042')).status).toBe(200);
    await postWebhook(relay.url, activity(302, { seriesUid: 'series-after-silence' }));
    expect(await settledDecision(relay, token, 302)).toMatchObject({ action: 'ticket', state: 'done' });
    expect(psa.control.tickets()).toHaveLength(1);
  });

  it('a reset comments on the rule-made ticket, and closes it when the settings say so', async () => {
    const { relay, token } = await rulesRelay('sqlite');
    await saveRules(relay, [majorTickets], ticketTargets(psa, { '7': clientId }), {
      onReset: { comment: true, close: true },
    });
    await postWebhook(relay.url, activity(401, { seriesUid: 'series-reset' }));
    const made = await settledDecision(relay, token, 401);
    await postWebhook(
      relay.url,
      activity(402, { seriesUid: 'series-reset', statusCode: 'RESET', status: 'Reset' }),
    );
    const reset = await settledDecision(relay, token, 402);
    expect(reset).toMatchObject({
      kind: 'reset',
      action: 'comment',
      reason: `series reset: comment on and close ticket ${made.ticket!.number}`,
      outcome: `commented on and closed ticket ${made.ticket!.number}`,
    });
    expect(psa.control.comments(made.ticket!.id).map((c) => c.note)).toEqual([
      expect.stringMatching(/^NinjaOne reset the alert "Disk free space < 10%" on ACME-LT-0042 at /),
    ]);
    expect(psa.control.ticket(made.ticket!.id)!.closed_at).not.toBeNull();
  });

  it('a relay that died after Alga PSA created the ticket finds that ticket after a restart instead of making another', async () => {
    const store = harness.store('sqlite');
    const first = await rulesRelay('sqlite', store);
    await saveRules(first.relay, [majorTickets], ticketTargets(psa, { '7': clientId }));
    // Alga creates the ticket but the answer never arrives; the relay keeps waiting to retry.
    psa.control.fault({ route: 'tickets.create', status: 502, afterAccept: true, times: 1 });
    const created = psa.control.nextAccepted('tickets.create');
    await postWebhook(first.relay.url, activity(501, { seriesUid: 'series-crash' }));
    await created;
    await eventually(
      async () =>
        (await decisions(first.relay, first.token)).find(
          (d) => d.activityId === 501 && /retry/.test(d.outcome ?? ''),
        ),
      10_000,
      'the failed attempt',
    );
    await first.relay.close();

    const { config, options } = rulesRelayOptions(psa);
    const second = await harness.relay({ ...store, ...config }, options);
    const made = await settledDecision(second, first.token, 501);
    expect(made).toMatchObject({ state: 'done', action: 'ticket' });
    expect(ticketsFor('series-crash')).toHaveLength(1);
    expect(psa.control.requests('tickets.create')).toHaveLength(1);
    expect(made.ticket!.id).toBe(ticketsFor('series-crash')[0]!.ticket_id);
  });

  it('rules are read and written only with the admin token; a stale save is refused', async () => {
    const { relay, token } = await rulesRelay('sqlite');
    expect((await adminCall(relay, 'GET', '/v1/admin/rules', undefined, token)).status).toBe(401);
    const empty = (await adminCall(relay, 'GET', '/v1/admin/rules')).json<RulesDocument>();
    expect(empty).toMatchObject({ version: 0, rules: [] });
    expect((await consoleCall(relay.url, token, 'GET', '/v1/rules/state')).json()).toEqual({
      active: false,
      version: 0,
    });
    const saved = await saveRules(relay, [majorTickets], null);
    expect(saved).toMatchObject({ version: 1, updatedBy: 'Admin' });
    const stale = await adminCall(relay, 'PUT', '/v1/admin/rules', {
      expectedVersion: 0,
      by: 'Carol',
      rules: [],
      tickets: null,
      settings: { flappingWindowMinutes: 5, onReset: { comment: false, close: false } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'conflict', document: { version: 1 } });
    const invalid = await adminCall(relay, 'PUT', '/v1/admin/rules', {
      expectedVersion: 1,
      by: 'Carol',
      rules: [{ ...majorTickets, action: { type: 'explode' } }],
      tickets: null,
      settings: {},
    });
    expect(invalid.status).toBe(400);
    expect((await consoleCall(relay.url, token, 'GET', '/v1/rules/state')).json()).toEqual({
      active: true,
      version: 1,
    });

    // Without a ticket target, a matching rule fails with a reason instead of guessing.
    await postWebhook(relay.url, activity(601));
    expect(await settledDecision(relay, token, 601)).toMatchObject({
      state: 'failed',
      outcome: expect.stringContaining('No ticket targets were published'),
    });

    const locked = await harness.relay(harness.store('sqlite'));
    expect((await adminCall(locked, 'GET', '/v1/admin/rules')).status).toBe(403);
  });
});
