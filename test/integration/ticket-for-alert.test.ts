import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../support/in-process-core';
import { startPsaHarness, type PsaHarness } from '../support/psa-harness';
import { rejection } from '../support/errors';

let h: PsaHarness;

beforeEach(async () => {
  h = await startPsaHarness();
  await h.connect();
  await h.confirmSuggestions();
});
afterEach(() => h.close());

describe('the ticket an alert already has (what "Open ticket" opens)', () => {
  it('is this console’s entry when this console made it', async () => {
    const uid = h.addAlert(h.deviceIn('Acme Corp').id, 'MAJOR');
    expect(await h.client.call('tickets.forAlert', { alertUid: uid })).toEqual({
      entryId: null,
      ticket: null,
    });
    expect((await rejection(h.client.call('tickets.openForAlert', { alertUid: uid }))).code).toBe(
      'not_found',
    );

    const created = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    const found = await h.client.call('tickets.forAlert', { alertUid: uid });
    expect(found.entryId).toBe(created.entry!.id);
    expect(found.ticket).toMatchObject({ id: created.ticket!.id, number: created.ticket!.number });
  });

  it('opens in Alga PSA when a relay rule or another console made it', async () => {
    const uid = h.addAlert(h.deviceIn('Acme Corp').id, 'CRITICAL');
    // What the shared ledger holds for a ticket made elsewhere.
    h.core.cache.db
      .prepare(
        `INSERT INTO alert_ticket_ledger (series_uid, state, ticket_id, ticket_number, claimed_by, claimed_at, recorded_at)
         VALUES (?, 'recorded', 'f00d0000-0000-4000-8000-000000000001', 'TIC004242', 'Bob (relay rule)', 1, 2)`,
      )
      .run(uid);
    const found = await h.client.call('tickets.forAlert', { alertUid: uid });
    expect(found).toEqual({
      entryId: null,
      ticket: expect.objectContaining({
        number: 'TIC004242',
        url: `${h.sim.baseUrl}/msp/tickets/f00d0000-0000-4000-8000-000000000001`,
      }),
    });
    const opened = recordEvents(h.client, 'shell.openExternal');
    expect(await h.client.call('tickets.openForAlert', { alertUid: uid })).toEqual({
      url: found.ticket!.url,
    });
    expect((await opened.next()).url).toBe(found.ticket!.url);
  });
});
