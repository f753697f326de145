import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Severity } from '../../src/shared/contract/domain';
import type { TicketEntry } from '../../src/shared/contract/tickets';
import { recordEvents } from '../support/in-process-core';
import { eventually } from '../support/eventually';
import { startPsaHarness, type PsaHarness } from '../support/psa-harness';
import { rejection } from '../support/errors';

let h: PsaHarness;

beforeEach(async () => {
  h = await startPsaHarness();
  await h.connect();
  await h.confirmSuggestions();
});
afterEach(() => h.close());

function simTicket(id: string): Record<string, unknown> & { attributes: Record<string, unknown> } {
  return h.sim.control.tickets().find((t) => t.ticket_id === id) as Record<string, unknown> & {
    attributes: Record<string, unknown>;
  };
}

describe('tickets from alerts and devices (real HTTP to the PSA simulator, real SQLite)', () => {
  it('creates a ticket from an alert, describes it fully and links the device asset (created when missing)', async () => {
    h.core.cache.settings.set('profile.name', 'Alice Tech');
    const device = h.deviceIn('Acme Corp');
    const uid = h.addAlert(device.id, 'CRITICAL', 'Disk space low');
    const changes: TicketEntry[] = [];
    h.client.on('tickets.changed', (entry) => changes.push(entry));

    const preview = await h.client.call('tickets.preview', { source: { kind: 'alert', alertUid: uid } });
    expect(preview.problems).toEqual([]);
    expect(preview.draft.title).toBe(`[NinjaOne] Disk space low on ${device.name}`);
    expect(preview.names).toEqual({
      board: 'Service Desk',
      status: 'New',
      priority: 'Urgent',
      client: 'Acme Corp',
    });

    const result = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(result.outcome).toBe('created');
    expect(result.ticket?.number).toMatch(/^TIC\d{6}$/);
    expect(result.ticket?.url).toBe(`${h.sim.baseUrl}/msp/tickets/${result.ticket!.id}`);
    expect(result.entry).toMatchObject({ state: 'sent', asset: { state: 'linked' } });
    // Alga's own sync tags by the system serial: the console creates the asset the same way.
    expect(result.entry!.asset.message).toContain(`Created asset NINJA-${device.serial}`);

    const ticket = simTicket(result.ticket!.id);
    expect(ticket).toMatchObject({
      title: preview.draft.title,
      client_name: 'Acme Corp',
      priority_name: 'Urgent',
      status_name: 'New',
    });
    const description = ticket.attributes.description as string;
    for (const line of [
      'Severity: CRITICAL',
      'Condition: Disk space low',
      'Message: Disk space low: C: has 3% free',
      'Triggered: 2026-11-01 09:30',
      `Device: ${device.name}`,
      'Organization: Acme Corp',
      `OS: ${device.osName}`,
      `IP addresses: ${device.ipAddresses[0]}`,
      `Last user: ${device.lastUser ?? 'unknown'}`,
      `NinjaOne: https://app.ninjarmm.com/#/deviceDashboard/${device.id}/overview`,
    ])
      expect(description).toContain(line);
    expect(ticket.attributes.source_reference).toBe(uid);

    const asset = [...h.sim.control.store.assets.values()].find(
      (a) => a.asset_tag === `NINJA-${device.serial}`,
    )!;
    expect(asset).toMatchObject({
      name: device.name,
      client_id: ticket.client_id,
      serial_number: device.serial,
    });
    expect(h.sim.control.store.associations).toEqual([
      expect.objectContaining({ asset_id: asset.asset_id, entity_id: result.ticket!.id }),
    ]);

    const alert = await h.client.call('alerts.get', { uid });
    expect(alert.ticket).toMatchObject({
      id: result.ticket!.id,
      number: result.ticket!.number,
      state: 'recorded',
    });
    await eventually(() => changes.some((c) => c.state === 'sent'), 5_000, 'a tickets.changed event');
  });

  it("links the PSA's existing asset found by rmm_device_id instead of creating one", async () => {
    const device = h.deviceIn('Cobalt Logistics');
    const clientId = h.sim.control
      .reference()
      .clients.find((c) => c.organizationName === 'Cobalt Logistics')!.id;
    const existing = h.sim.control.store.createAsset({
      client_id: clientId,
      asset_type: 'workstation',
      asset_tag: `NINJA-${device.serial}`,
      name: device.name,
      status: 'active',
      rmm: { device_id: String(device.id) },
    });
    const result = await h.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
    expect(result.entry?.asset.state).toBe('linked');
    expect(h.sim.control.store.assets.size).toBe(1);
    expect(h.sim.control.store.associations[0]).toMatchObject({ asset_id: existing.asset_id });
  });

  it('counts a 409 on linking (the link landed but its answer was lost) as linked', async () => {
    const device = h.deviceIn('Acme Corp');
    h.sim.control.fault({ route: 'tickets.assets.link', status: 502, afterAccept: true });
    const result = await h.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
    expect(result.entry?.asset).toEqual({
      state: 'linked',
      message: expect.stringContaining('Created asset'),
    });
    expect(h.sim.control.requests('tickets.assets.link').map((r) => r.status)).toEqual([502, 409]);
    expect(h.sim.control.store.associations).toHaveLength(1);
  });

  it('refuses an unmapped organization with a message naming it, before anything is queued or sent', async () => {
    const missing = h.deviceIn('Delta Legal');
    const preview = await h.client.call('tickets.preview', {
      source: { kind: 'device', deviceId: missing.id },
    });
    expect(preview.problems.map((p) => p.code)).toEqual(['unmapped_organization']);
    const error = await rejection(
      h.client.call('tickets.create', { source: { kind: 'device', deviceId: missing.id } }),
    );
    expect(error.code).toBe('unmapped_organization');
    expect(error.message).toContain('Organization "Delta Legal"');
    expect(error.message).toContain('Settings → PSA mapping');

    const birchwood = h.fleet.organizations.find((o) => o.name === 'Birchwood Dental')!;
    await h.client.call('mapping.clear', { organizationIds: [birchwood.id] });
    const uid = h.addAlert(h.deviceIn('Birchwood Dental').id, 'MAJOR');
    const suggested = await rejection(
      h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } }),
    );
    expect(suggested.message).toContain('Confirm the suggested client "Birchwood Dental, Inc."');

    expect((await h.client.call('tickets.list', { limit: 10 })).items).toEqual([]);
    expect(h.sim.control.requests('tickets.create')).toEqual([]);
  });

  it('maps severity to priority by name (critical→urgent, major→high, moderate→medium, minor/none→low), overridable', async () => {
    const device = h.deviceIn('Granite Bank');
    const priorityOf = async (severity: Severity): Promise<string | null> => {
      const uid = h.addAlert(device.id, severity, `Check ${severity}`);
      return (await h.client.call('tickets.preview', { source: { kind: 'alert', alertUid: uid } })).names
        .priority;
    };
    expect(await priorityOf('CRITICAL')).toBe('Urgent');
    expect(await priorityOf('MAJOR')).toBe('High');
    expect(await priorityOf('MODERATE')).toBe('Medium');
    expect(await priorityOf('MINOR')).toBe('Low');
    expect(await priorityOf('NONE')).toBe('Low');

    const urgent = h.sim.control.reference().priorities.find((p) => p.name === 'Urgent')!;
    const typo = await rejection(
      h.client.call('tickets.saveSettings', { priorityBySeverity: { MAJOR: 'no-such-id' } }),
    );
    expect(typo.message).toContain('Priority no-such-id is not in the Alga PSA reference data');
    await h.client.call('tickets.saveSettings', { priorityBySeverity: { MAJOR: urgent.id } });
    expect(await priorityOf('MAJOR')).toBe('Urgent');
    const uid = h.addAlert(device.id, 'MAJOR', 'Service stopped');
    const result = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(simTicket(result.ticket!.id).priority_id).toBe(urgent.id);
  });

  it('creates a device ticket without an alert; one per request, the same one for a repeated request id', async () => {
    const device = h.deviceIn('Evergreen Schools');
    const first = await h.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
    expect(first.outcome).toBe('created');
    const ticket = simTicket(first.ticket!.id);
    expect(ticket.title).toBe(`[NinjaOne] ${device.name}`);
    expect(ticket.priority_name).toBe('Low');
    expect(ticket.attributes.description).toContain(`Ticket for NinjaOne device ${device.name}`);
    expect(ticket.attributes.description).not.toContain('Severity:');

    const second = await h.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
    expect(second.ticket!.id).not.toBe(first.ticket!.id);
    const requestId = 'click-7f3a9c21';
    const a = await h.client.call('tickets.create', {
      source: { kind: 'device', deviceId: device.id },
      requestId,
    });
    const b = await h.client.call('tickets.create', {
      source: { kind: 'device', deviceId: device.id },
      requestId,
    });
    expect(b).toMatchObject({ outcome: 'existing', ticket: { id: a.ticket!.id } });
    expect(h.sim.control.tickets()).toHaveLength(3);
  });

  it('sends the title, description, board and priority a technician edited (the board brings its opening status)', async () => {
    const device = h.deviceIn('Acme Corp');
    const uid = h.addAlert(device.id, 'MINOR', 'Patch missing');
    const ref = await h.client.call('psa.referenceData', {});
    const monitoring = ref.boards.find((b) => b.name === 'Monitoring')!;
    const high = ref.priorities.find((p) => p.name === 'High')!;
    const edits = {
      title: 'Patch KB5031234 missing on front desk PC',
      description: 'Call Anna before patching.',
      boardId: monitoring.id,
      priorityId: high.id,
    };
    const preview = await h.client.call('tickets.preview', {
      source: { kind: 'alert', alertUid: uid },
      edits,
    });
    expect(preview.names).toMatchObject({ board: 'Monitoring', status: 'Triage', priority: 'High' });
    const result = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid }, edits });
    const ticket = simTicket(result.ticket!.id);
    expect(ticket).toMatchObject({
      title: edits.title,
      board_name: 'Monitoring',
      status_name: 'Triage',
      priority_name: 'High',
    });
    expect(ticket.attributes.description).toBe(edits.description);
  });

  it("shows the PSA's validation message on a refused ticket; after editing, the resend goes through", async () => {
    const device = h.deviceIn('Acme Corp');
    const uid = h.addAlert(device.id, 'MAJOR', 'Backup failed');
    // An Alga admin moved the "New" status to another board after the console cached the reference data.
    const ref = h.sim.control.reference();
    const serviceDesk = ref.boards.find((b) => b.name === 'Service Desk')!;
    const newStatus = serviceDesk.statuses.find((s) => s.name === 'New')!;
    h.sim.control.store.statuses.get(newStatus.id)!.board_id = ref.boards.find(
      (b) => b.name === 'Monitoring',
    )!.id;

    const result = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(result.outcome).toBe('failed');
    expect(result.entry!.state).toBe('failed');
    expect(result.entry!.lastError!.code).toBe('refused');
    expect(result.entry!.lastError!.message).toContain('Alga PSA at 127.0.0.1');
    expect(result.entry!.lastError!.message).toContain(
      `status_id: status_id ${newStatus.id} does not belong to board_id ${serviceDesk.id}`,
    );

    // The refusal refreshed the reference data: the board's opening status is now "In Progress".
    await eventually(async () => {
      const data = await h.client.call('psa.referenceData', {});
      return !data.boards.find((b) => b.id === serviceDesk.id)!.statuses.some((s) => s.id === newStatus.id);
    });
    const edited = await h.client.call('tickets.update', {
      id: result.entry!.id,
      edits: { boardId: serviceDesk.id, title: 'Backup failed twice' },
    });
    expect(edited.draft.statusId).not.toBe(newStatus.id);
    const resent = await h.client.call('tickets.resend', { id: result.entry!.id });
    expect(resent.outcome).toBe('created');
    expect(simTicket(resent.ticket!.id)).toMatchObject({
      title: 'Backup failed twice',
      status_name: 'In Progress',
    });
  });

  it('opens the existing ticket on a second create for the same alert series', async () => {
    const uid = h.addAlert(h.deviceIn('Acme Corp').id, 'MODERATE', 'CPU high');
    const first = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    const again = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(again).toMatchObject({
      outcome: 'existing',
      ticket: { id: first.ticket!.id, number: first.ticket!.number },
    });
    const preview = await h.client.call('tickets.preview', { source: { kind: 'alert', alertUid: uid } });
    expect(preview.existing?.id).toBe(first.ticket!.id);
    expect(h.sim.control.tickets()).toHaveLength(1);
  });

  it('follows up: a ticket closed in Alga resets its NinjaOne alert when the setting is on', async () => {
    const resets: string[] = [];
    h.core.psa.setAlertResetter({ reset: (uid) => (resets.push(uid), Promise.resolve()) });
    const device = h.deviceIn('Acme Corp');
    const keep = h.addAlert(device.id, 'MAJOR', 'Memory high');
    const reset = h.addAlert(device.id, 'MAJOR', 'Service down');
    const kept = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: keep } });
    h.sim.control.setTicketStatus(kept.ticket!.id, 'Closed');
    const statusEvents: string[] = [];
    h.client.on('tickets.statusChanged', (e) => statusEvents.push(`${e.number}:${e.statusName}`));
    await h.core.psa.followUp.run();
    expect(resets).toEqual([]); // off by default
    expect((await h.client.call('tickets.get', { id: kept.entry!.id })).ticket).toMatchObject({
      statusName: 'Closed',
      isClosed: true,
    });
    await eventually(() => statusEvents.includes(`${kept.ticket!.number}:Closed`));

    await h.client.call('tickets.saveSettings', { resetAlertOnClose: true });
    const closed = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: reset } });
    h.sim.control.setTicketStatus(closed.ticket!.id, 'Closed');
    await h.core.psa.followUp.run();
    expect(resets).toEqual([reset]);
    expect((await h.client.call('alerts.get', { uid: reset })).state).toBe('reset');
    expect((await h.client.call('alerts.get', { uid: keep })).state).toBe('open');
  });

  it('follows up: when NinjaOne resets the alert first, the open ticket gets one internal comment', async () => {
    const device = h.deviceIn('Acme Corp');
    const uid = h.addAlert(device.id, 'MAJOR', 'Printer offline');
    const result = await h.client.call('tickets.create', { source: { kind: 'alert', alertUid: uid } });
    expect(h.core.psa.alertsReset([uid])).toEqual([uid]);
    const comments = await eventually(() => {
      const list = h.sim.control.comments(result.ticket!.id);
      return list.length ? list : null;
    });
    expect(comments[0]).toMatchObject({ is_internal: true });
    expect(comments[0]!.note).toContain(`NinjaOne reset the alert "Printer offline" on ${device.name}`);
    expect(h.core.psa.alertsReset([uid])).toEqual([]);
    await h.core.psa.followUp.run();
    expect(h.sim.control.comments(result.ticket!.id)).toHaveLength(1);
  });
});

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
