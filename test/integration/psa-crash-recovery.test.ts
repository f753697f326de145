import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { TicketEntry } from '../../src/shared/contract/tickets';
import { startPsaSimulator, type PsaSimulator } from '../../src/simulator/psa';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { alertRecord } from '../support/alert-records';
import { eventually } from '../support/eventually';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { tempDir } from '../support/temp';
import { startWebProcess, type WebProcess } from '../support/web-process';

let sim: PsaSimulator;
let cachePath: string;
let alertUid: string;
const started: WebProcess[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  const fleet = fleetRecords(30, 11);
  sim = await startPsaSimulator({ organizationNames: fleet.organizations.map((o) => o.name) });
  cachePath = join(tempDir('alga-psa-crash-'), 'cache.db');
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  const acme = fleet.organizations.find((o) => o.name === 'Acme Corp')!;
  const alert = alertRecord(
    fleet.devices.find((d) => d.organizationId === acme.id)!.id,
    'CRITICAL',
    'Disk failure predicted',
  );
  cache.alerts.upsertMany([alert]);
  alertUid = alert.uid;
  cache.close();
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const w of started) await w.stop();
  await sim.close();
});

/** The core as a child process (npm run web) whose keychain is the test's memory (ALGA_CONSOLE_TEST_SECRETS). */
async function startConsole(
  secrets: Record<string, string>,
): Promise<{ web: WebProcess; client: TestClient }> {
  const web = await startWebProcess(['--db', cachePath, '--no-build'], {
    ALGA_CONSOLE_TEST_SECRETS: JSON.stringify(secrets),
  });
  started.push(web);
  const client = await connectClient(web.origin, web.token);
  clients.push(client);
  return { web, client };
}

describe('a crash between the PSA accepting a create and the outbox recording it', () => {
  it('still ends with one ticket after a restart (the retry finds it instead of creating again)', async () => {
    const first = await startConsole({});
    await first.client.call('psa.connect', { baseUrl: sim.baseUrl, apiKey: sim.apiKey });
    const suggested = await first.client.call('mapping.list', {
      filter: { states: ['suggested'] },
      limit: 100,
    });
    await first.client.call('mapping.confirm', {
      organizationIds: suggested.items.map((r) => r.organizationId),
    });

    // The PSA commits the ticket, then holds its answer: the console is killed while it waits.
    sim.control.fault({ route: 'tickets.create', holdResponseMs: 60_000 });
    const accepted = sim.control.nextAccepted('tickets.create');
    void first.client.call('tickets.create', { source: { kind: 'alert', alertUid } }).catch(() => undefined);
    const event = await accepted;
    const exited = new Promise((resolve) => first.web.child.once('exit', resolve));
    first.web.child.kill('SIGKILL');
    await exited;
    const ticketId = (event.body as { data: { ticket_id: string } }).data.ticket_id;

    // The outbox knew it was sending, but not the ticket.
    const cache = Cache.open(cachePath);
    const row = cache.db.prepare('SELECT state, psa_ticket_id FROM ticket_outbox').get() as {
      state: string;
      psa_ticket_id: string | null;
    };
    cache.close();
    expect(row).toEqual({ state: 'sending', psa_ticket_id: null });

    const second = await startConsole({ 'psa:api-key': sim.apiKey });
    const entry = (await eventually(
      async () => {
        const page = await second.client.call('tickets.list', { limit: 10 });
        return page.items[0]?.state === 'sent' ? page.items[0] : null;
      },
      30_000,
      'the restarted console to record the ticket',
    )) as TicketEntry;
    expect(entry.ticket!.id).toBe(ticketId);
    expect(sim.control.requests('tickets.create')).toHaveLength(1);
    expect(sim.control.tickets()).toHaveLength(1);

    const again = await second.client.call('tickets.create', { source: { kind: 'alert', alertUid } });
    expect(again).toMatchObject({ outcome: 'existing', ticket: { id: ticketId } });
    expect(sim.control.tickets()).toHaveLength(1);
  }, 120_000);
});
