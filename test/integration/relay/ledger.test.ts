import { describe, expect, it } from 'vitest';
import type { LedgerAnswer } from '../../../src/shared/relay/ledger';
import { consoleCall, createToken } from '../../support/relay';
import { relayHarness, type Backend } from '../../support/relay-harness';

const harness = relayHarness();

/** `count` relay instances on one store (PostgreSQL only allows more than one). */
async function relaysOn(backend: Backend, count: number, options: { now?: () => number } = {}) {
  const store = harness.store(backend);
  const started = [];
  for (let i = 0; i < count; i++) started.push(await harness.relay(store, options));
  return started;
}

const answer = (a: { status: number; json(): unknown }) => ({
  status: a.status,
  ...(a.json() as LedgerAnswer),
});

describe.each<Backend>(['sqlite', 'postgres'])('alert-to-ticket ledger on %s', (backend) => {
  it('claim, held by someone else, ticket recorded, later claims see the ticket, all streamed', async () => {
    const [relay] = await relaysOn(backend, 1);
    const r = relay!;
    const alice = await createToken(r.store, 'alice-laptop');
    const bob = await createToken(r.store, 'bob-desktop');
    const bobStream = await harness.stream(r.url, bob, {});
    const series = '0b5e7a3c-1f2d-4c7e-9a11-5d6e7f8091a2';

    const claimed = answer(
      await consoleCall(r.url, alice, 'POST', `/v1/ledger/${series}/claim`, { by: 'Alice' }),
    );
    expect(claimed).toMatchObject({
      status: 200,
      outcome: 'claimed',
      entry: { seriesUid: series, state: 'claimed', claim: { by: 'Alice', via: 'alice-laptop' } },
    });
    expect(claimed.claimKey).toEqual(expect.any(String));

    const held = answer(await consoleCall(r.url, bob, 'POST', `/v1/ledger/${series}/claim`, { by: 'Bob' }));
    expect(held).toMatchObject({ status: 409, outcome: 'held', entry: { claim: { by: 'Alice' } } });
    expect(held.claimKey).toBeUndefined();

    // Bob cannot record a ticket over Alice's live claim.
    const sneaky = await consoleCall(r.url, bob, 'PUT', `/v1/ledger/${series}`, {
      by: 'Bob',
      ticket: { id: 't-9' },
    });
    expect(answer(sneaky)).toMatchObject({ status: 409, outcome: 'held' });

    const recorded = answer(
      await consoleCall(r.url, alice, 'PUT', `/v1/ledger/${series}`, {
        by: 'Alice',
        claimKey: claimed.claimKey,
        ticket: { id: 'c0ffee-1', number: 'T-1042' },
      }),
    );
    expect(recorded).toMatchObject({
      status: 200,
      outcome: 'recorded',
      entry: { state: 'ticketed', claim: null, ticket: { id: 'c0ffee-1', number: 'T-1042', by: 'Alice' } },
    });
    // A retry of the same record is fine; a second ticket is not.
    const retry = await consoleCall(r.url, alice, 'PUT', `/v1/ledger/${series}`, {
      by: 'Alice',
      claimKey: claimed.claimKey,
      ticket: { id: 'c0ffee-1', number: 'T-1042' },
    });
    expect(answer(retry)).toMatchObject({ status: 200, outcome: 'recorded' });
    const later = answer(await consoleCall(r.url, bob, 'POST', `/v1/ledger/${series}/claim`, { by: 'Bob' }));
    expect(later).toMatchObject({
      status: 409,
      outcome: 'ticketed',
      entry: { ticket: { number: 'T-1042', by: 'Alice' } },
    });

    await bobStream.until((e) => e.length === 2, 10_000, 'claim and ticket events');
    expect(bobStream.events.map((e) => [e.event, (e.data.entry as { state: string }).state])).toEqual([
      ['ledger', 'claimed'],
      ['ledger', 'ticketed'],
    ]);
    const entry = await consoleCall(r.url, bob, 'GET', `/v1/ledger/${series}`);
    expect(entry.json()).toMatchObject({ entry: { ticket: { id: 'c0ffee-1' }, version: 2 } });
    const list = await consoleCall(r.url, bob, 'GET', '/v1/ledger?after=0');
    expect(list.json()).toMatchObject({ entries: [{ entry: { seriesUid: series } }], next: null });
  });

  it('many consoles claiming one series at once: exactly one wins', async () => {
    const instances = await relaysOn(backend, backend === 'postgres' ? 2 : 1);
    const tokens = await Promise.all(
      Array.from({ length: 16 }, (_, i) => createToken(instances[0]!.store, `console-${i}`)),
    );
    for (let round = 0; round < 5; round++) {
      const series = `race-${round}`;
      const answers = await Promise.all(
        tokens.map((token, i) =>
          consoleCall(instances[i % instances.length]!.url, token, 'POST', `/v1/ledger/${series}/claim`, {
            by: `Tech ${i}`,
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(tokens.length - 1);
      const winner = answers.find((a) => a.status === 200)!.json<LedgerAnswer>();
      for (const a of answers.filter((x) => x.status === 409))
        expect(a.json()).toMatchObject({
          outcome: 'held',
          entry: { claim: { by: winner.entry!.claim!.by } },
        });
    }
  });

  it('a claim whose holder went quiet expires and can be taken over; the old holder then loses', async () => {
    let clock = Date.UTC(2026, 10, 1, 9);
    const [relay] = await relaysOn(backend, 1, { now: () => clock });
    const r = relay!;
    const alice = await createToken(r.store, 'alice');
    const bob = await createToken(r.store, 'bob');
    const first = answer(
      await consoleCall(r.url, alice, 'POST', '/v1/ledger/s-1/claim', { by: 'Alice', ttlSeconds: 60 }),
    );
    expect(first.outcome).toBe('claimed');
    // Renewing with the own key extends the claim (and survives a lost answer).
    clock += 50_000;
    const renewed = answer(
      await consoleCall(r.url, alice, 'POST', '/v1/ledger/s-1/claim', {
        by: 'Alice',
        ttlSeconds: 60,
        claimKey: first.claimKey,
      }),
    );
    expect(renewed).toMatchObject({ status: 200, outcome: 'claimed', claimKey: first.claimKey });
    clock += 50_000;
    expect(answer(await consoleCall(r.url, bob, 'POST', '/v1/ledger/s-1/claim', { by: 'Bob' })).outcome).toBe(
      'held',
    );
    clock += 20_000;
    const takeover = answer(await consoleCall(r.url, bob, 'POST', '/v1/ledger/s-1/claim', { by: 'Bob' }));
    expect(takeover).toMatchObject({ status: 200, outcome: 'claimed', entry: { claim: { by: 'Bob' } } });
    const late = await consoleCall(r.url, alice, 'PUT', '/v1/ledger/s-1', {
      by: 'Alice',
      claimKey: first.claimKey,
      ticket: { id: 'dup' },
    });
    expect(answer(late)).toMatchObject({ status: 409, outcome: 'held', entry: { claim: { by: 'Bob' } } });
  });

  it('a released claim lets the next console claim at once', async () => {
    const [relay] = await relaysOn(backend, 1);
    const r = relay!;
    const alice = await createToken(r.store, 'alice');
    const bob = await createToken(r.store, 'bob');
    const claimed = answer(await consoleCall(r.url, alice, 'POST', '/v1/ledger/s-2/claim', { by: 'Alice' }));
    const wrongKey = await consoleCall(r.url, bob, 'POST', '/v1/ledger/s-2/release', {
      claimKey: 'not-the-key',
    });
    expect(answer(wrongKey)).toMatchObject({ status: 409, outcome: 'not_holder' });
    const released = await consoleCall(r.url, alice, 'POST', '/v1/ledger/s-2/release', {
      claimKey: claimed.claimKey,
    });
    expect(answer(released)).toMatchObject({
      status: 200,
      outcome: 'released',
      entry: { state: 'open', claim: null },
    });
    expect(answer(await consoleCall(r.url, bob, 'POST', '/v1/ledger/s-2/claim', { by: 'Bob' })).outcome).toBe(
      'claimed',
    );
  });

  it('refuses bad input and missing tokens', async () => {
    const [relay] = await relaysOn(backend, 1);
    const r = relay!;
    const alice = await createToken(r.store, 'alice');
    expect(
      (await consoleCall(r.url, 'alga_relay_wrong-token-123456', 'POST', '/v1/ledger/s/claim', { by: 'A' }))
        .status,
    ).toBe(401);
    expect((await consoleCall(r.url, alice, 'POST', '/v1/ledger/s/claim', { by: '' })).status).toBe(400);
    expect((await consoleCall(r.url, alice, 'POST', '/v1/ledger/bad%20uid/claim', { by: 'A' })).status).toBe(
      400,
    );
    expect((await consoleCall(r.url, alice, 'PUT', '/v1/ledger/s', { by: 'A', ticket: {} })).status).toBe(
      400,
    );
    expect((await consoleCall(r.url, alice, 'GET', '/v1/ledger/unknown')).status).toBe(404);
    expect((await consoleCall(r.url, alice, 'PATCH', '/v1/ledger/s')).status).toBe(405);
  });
});
