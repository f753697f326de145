import { afterEach, describe, expect, it } from 'vitest';
import type { TicketEntry } from '../../src/shared/contract/tickets';
import { eventually } from '../support/eventually';
import { startPsaHarness, type PsaHarness } from '../support/psa-harness';

let h: PsaHarness;

afterEach(() => h?.close());

async function ready(options: Parameters<typeof startPsaHarness>[0] = {}): Promise<PsaHarness> {
  h = await startPsaHarness(options);
  await h.connect();
  await h.confirmSuggestions();
  return h;
}

/** Live tickets in the PSA carrying this outbox key. */
function ticketsWithKey(key: string): Record<string, unknown>[] {
  return h.sim.control
    .tickets()
    .filter((t) => (t.attributes as Record<string, unknown> | null)?.console_ticket_key === key);
}

async function sentEntry(id: number): Promise<TicketEntry> {
  return eventually(
    async () => {
      const entry = await h.client.call('tickets.get', { id });
      return entry.state === 'sent' ? entry : null;
    },
    20_000,
    `outbox entry ${id} to be sent`,
  );
}

describe('never lost, never doubled', () => {
  it('creates exactly one ticket when the PSA fails the create 50 times in a row, then recovers', async () => {
    await ready();
    const uid = h.addAlert(h.deviceIn('Acme Corp').id, 'CRITICAL', 'Disk failure predicted');
    h.sim.control.failNext('tickets.create', 50, { status: 503 });
    const first = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(first.outcome).toBe('queued');
    expect(first.entry!.lastError!.message).toContain('failed with HTTP 503');
    const entry = await sentEntry(first.entry!.id);
    expect(h.sim.control.requests('tickets.create')).toHaveLength(51);
    expect(ticketsWithKey(`alert:${uid}`)).toHaveLength(1);
    expect(entry.ticket!.id).toBe(ticketsWithKey(`alert:${uid}`)[0]!.ticket_id);
    expect(entry.attempts).toBe(51);
  });

  it('finds the ticket instead of creating it again when the PSA created it but answered 502 (50 times armed)', async () => {
    await ready();
    const uid = h.addAlert(h.deviceIn('Acme Corp').id, 'MAJOR', 'RAID degraded');
    h.sim.control.failNext('tickets.create', 50, { status: 502, afterAccept: true });
    const first = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(first.outcome).toBe('queued');
    const entry = await sentEntry(first.entry!.id);
    // One create reached the PSA; the retry searched (ticket list filtered by client and time) and found it.
    expect(h.sim.control.requests('tickets.create')).toHaveLength(1);
    expect(h.sim.control.requests('tickets.list').length).toBeGreaterThanOrEqual(1);
    expect(ticketsWithKey(`alert:${uid}`)).toHaveLength(1);
    expect(entry.ticket!.id).toBe(ticketsWithKey(`alert:${uid}`)[0]!.ticket_id);
    h.sim.control.clearFaults();
  });

  it('creates exactly one ticket when 50 creates in a row are slower than the client waits, then the PSA recovers', async () => {
    await ready({ psa: { client: { timeoutMs: 80, retry: { attempts: 2, baseMs: 1, maxMs: 2 } } } });
    const uid = h.addAlert(h.deviceIn('Cobalt Logistics').id, 'MAJOR', 'Agent offline');
    // Each create is held until the client gives up, then dropped (as a proxy drops an abandoned request).
    h.sim.control.delayNext('tickets.create', 50, 2_000, { dropIfClientGone: true });
    const first = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(first.outcome).toBe('queued');
    expect(first.entry!.lastError!.code).toBe('timeout');
    const entry = await sentEntry(first.entry!.id);
    expect(h.sim.control.requests('tickets.create')).toHaveLength(51);
    expect(ticketsWithKey(`alert:${uid}`)).toHaveLength(1);
    expect(entry.ticket!.id).toBe(ticketsWithKey(`alert:${uid}`)[0]!.ticket_id);
  }, 60_000);

  it('gives two simultaneous creates for the same alert series one ticket, and both callers get it', async () => {
    await ready();
    const uid = h.addAlert(h.deviceIn('Acme Corp').id, 'CRITICAL', 'Firewall down');
    // Slow the create so the second request certainly arrives while the first is in flight.
    h.sim.control.delayNext('tickets.create', 1, 200);
    const [a, b] = await Promise.all([
      h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } }),
      h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } }),
    ]);
    expect(a.ticket).not.toBeNull();
    expect(b.ticket).toEqual(a.ticket);
    expect([a.outcome, b.outcome].sort()).toEqual(['created', 'existing']);
    expect(h.sim.control.requests('tickets.create')).toHaveLength(1);
    expect(h.sim.control.tickets()).toHaveLength(1);
    expect((await h.client.call('tickets.list', { limit: 10 })).items).toHaveLength(1);
  });

  it('queues tickets while the PSA is unreachable, shows why, and sends each once when it is back', async () => {
    await ready();
    await h.sim.control.pause();
    const requests = [
      { kind: 'alert' as const, alertUid: h.addAlert(h.deviceIn('Acme Corp').id, 'CRITICAL', 'Disk full') },
      {
        kind: 'alert' as const,
        alertUid: h.addAlert(h.deviceIn('Cobalt Logistics').id, 'MAJOR', 'CPU high'),
      },
      {
        kind: 'alert' as const,
        alertUid: h.addAlert(h.deviceIn('Granite Bank').id, 'MINOR', 'Reboot pending'),
      },
      { kind: 'device' as const, deviceId: h.deviceIn('Evergreen Schools').id },
      { kind: 'device' as const, deviceId: h.deviceIn('Acme Corp').id },
    ];
    const queued = [];
    for (const source of requests) queued.push(await h.client.call('tickets.create', { source }));
    for (const q of queued) {
      expect(q.outcome).toBe('queued');
      expect(q.entry!.state).toBe('pending');
      expect(q.entry!.lastError!.code).toBe('upstream_unavailable');
      expect(q.entry!.lastError!.message).toContain(
        `Cannot reach Alga PSA at ${new URL(h.sim.baseUrl).host}`,
      );
    }
    const status = await h.client.call('psa.status', {});
    expect(status.health.state).toBe('unreachable');
    expect(status.outbox.pending).toBe(5);

    await h.sim.control.resume();
    for (const q of queued) await sentEntry(q.entry!.id);
    const created = h.sim.control.requests('tickets.create').filter((r) => r.status === 201);
    expect(created).toHaveLength(5);
    expect(h.sim.control.tickets()).toHaveLength(5);
    expect((await h.client.call('psa.status', {})).health.state).toBe('ok');
  });
});
