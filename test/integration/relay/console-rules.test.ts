import { afterEach, expect, it } from 'vitest';
import type { RuleDecision } from '../../../src/shared/relay/rules';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../../src/simulator/ninjaone';
import { startPsaSimulator, type PsaSimulator } from '../../../src/simulator/psa';
import { freeLoopbackPort } from '../../../src/core/host/loopback-port';
import { eventually } from '../../support/eventually';
import { createToken, registerWebhook } from '../../support/relay';
import { consoleCores, type TestConsole } from '../../support/relay-console';
import { relayHarness } from '../../support/relay-harness';
import { ADMIN_TOKEN, rule, rulesRelayOptions } from '../../support/relay-rules';

const harness = relayHarness();
const consoles = consoleCores();
let sim: NinjaOneSimulator | null = null;
let psa: PsaSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  await psa?.close();
  sim = psa = null;
});

/** Two technicians' consoles on one relay with rules, both connected to Alga PSA with the mapping confirmed. */
async function team() {
  const ports = [await freeLoopbackPort(), await freeLoopbackPort()];
  sim = await startNinjaOneSimulator({
    devices: 30,
    seed: 41,
    redirectUris: ports.map((p) => `http://127.0.0.1:${p}/callback`),
  });
  psa = await startPsaSimulator({
    organizationNames: sim.truth.organizations().map((o) => o.name as string),
  });
  const { config, options } = rulesRelayOptions(psa);
  const relay = await harness.relay({ ...harness.store('sqlite'), ...config }, options);
  await registerWebhook(sim, relay.url);
  const members: TestConsole[] = [];
  for (const [i, name] of ['Alice', 'Bob'].entries()) {
    const member = await consoles(sim, ports[i]!, { decisionWaitMs: 10_000 });
    await member.rpc.call('profile.set', { name });
    await member.rpc.call('psa.connect', { baseUrl: psa.baseUrl, apiKey: psa.apiKey });
    const suggested = await member.rpc.call('mapping.list', {
      filter: { states: ['suggested'] },
      limit: 500,
    });
    await member.rpc.call('mapping.confirm', {
      organizationIds: suggested.items.map((r) => r.organizationId),
    });
    await member.rpc.call('relay.connect', { url: relay.url, token: await createToken(relay.store, name) });
    members.push(member);
  }
  const [alice, bob] = members as [TestConsole, TestConsole];
  await alice.rpc.call('relay.setAdminToken', { token: ADMIN_TOKEN });
  return { relay, alice, bob };
}

async function decisionOf(console: TestConsole, seriesUid: string, settled = true): Promise<RuleDecision> {
  return eventually(
    async () =>
      (await console.rpc.call('relay.decisions', { limit: 100 })).items.find(
        (d) => d.seriesUid === seriesUid && (!settled || d.state !== 'pending'),
      ),
    15_000,
    `the decision for ${seriesUid}`,
  );
}

const alertTicket = (console: TestConsole, uid: string) =>
  console.rpc.call('alerts.get', { uid }).then(
    (a) => a.ticket,
    () => null,
  );

it(
  'two consoles and a rule racing on one alert series make exactly one ticket, and both consoles show it',
  {
    timeout: 90_000,
  },
  async () => {
    const { alice, bob } = await team();
    const saved = await alice.rpc.call('relay.rules.save', {
      expectedVersion: 0,
      rules: [
        rule(
          'critical',
          'Critical alerts',
          { severities: ['CRITICAL'] },
          { type: 'ticket', boardId: null, priorityId: null },
        ),
      ],
      settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false } },
    });
    expect(saved).toMatchObject({ version: 1, updatedBy: 'Alice', tickets: { boardId: expect.any(String) } });
    expect(Object.keys(saved.tickets!.clients).length).toBeGreaterThan(0);
    await eventually(
      async () => (await bob.rpc.call('relay.status', {})).rulesActive,
      10_000,
      'Bob hearing rules run',
    );

    // Alga takes its time with each create, so the rule and both consoles are all in flight together.
    psa!.control.fault({ route: 'tickets.create', delayMs: 300, times: 5 });
    const device = sim!.truth.devices().find((d) => typeof d.organizationId === 'number')!;
    const alert = sim!.control.triggerAlert({ deviceId: device.id as number, severity: 'CRITICAL' });
    for (const member of [alice, bob])
      await eventually(
        () =>
          member.rpc.call('alerts.get', { uid: alert.uid }).then(
            () => true,
            () => false,
          ),
        10_000,
        'the alert',
      );
    const attempts = await Promise.allSettled(
      [alice, bob].map((m) =>
        m.rpc.call('tickets.create', { source: { kind: 'alert', alertUid: alert.uid } }),
      ),
    );

    const decision = await decisionOf(alice, alert.uid);
    await eventually(
      () =>
        psa!.control
          .tickets()
          .some((t) => (t.attributes as Record<string, unknown>).console_ticket_key === `alert:${alert.uid}`),
      15_000,
      'the ticket',
    );
    const tickets = psa!.control
      .tickets()
      .filter((t) => (t.attributes as Record<string, unknown>).console_ticket_key === `alert:${alert.uid}`);
    expect(tickets).toHaveLength(1);
    for (const member of [alice, bob]) {
      const shown = await eventually(
        async () => (await alertTicket(member, alert.uid))?.id ?? null,
        15_000,
        'the ticket on each console',
      );
      expect(shown).toBe(tickets[0]!.ticket_id);
    }
    // Whoever lost was told who has it, or handed the existing ticket; nobody made a second one.
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') expect(attempt.reason).toMatchObject({ code: 'conflict' });
      else expect(['created', 'existing', 'queued']).toContain(attempt.value.outcome);
    }
    expect(decision.reason).toBe('matched rule 1 "Critical alerts": create a ticket');
    expect(decision.outcome).toMatch(
      /^(created ticket|ticket .* already exists|.* is creating the ticket on a console)/,
    );
  },
);

it(
  'a suppressed alert and a silenced device reach the alert list but notify nobody; others notify',
  {
    timeout: 90_000,
  },
  async () => {
    const { alice, bob } = await team();
    await alice.rpc.call('relay.rules.save', {
      expectedVersion: 0,
      rules: [rule('quiet', 'Minor is noise', { severities: ['MINOR'] }, { type: 'suppress' })],
      settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false } },
    });
    await eventually(
      async () => (await bob.rpc.call('relay.status', {})).rulesActive,
      10_000,
      'Bob hearing rules run',
    );
    const [quiet, loud, silenced] = sim!.truth.devices().map((d) => d.id as number);

    // Alice silences a device: the relay and Bob's console know at once.
    await alice.rpc.call('assets.silence', { id: silenced!, minutes: 60, reason: 'being reimaged' });
    await eventually(
      async () => (await bob.rpc.call('assets.get', { id: silenced! })).silence?.by === 'Alice',
      10_000,
      'the silence on Bob',
    );

    const minor = sim!.control.triggerAlert({ deviceId: quiet!, severity: 'MINOR', subject: 'Noise alert' });
    const hushed = sim!.control.triggerAlert({
      deviceId: silenced!,
      severity: 'CRITICAL',
      subject: 'Silenced alert',
    });
    const major = sim!.control.triggerAlert({ deviceId: loud!, severity: 'MAJOR', subject: 'Real alert' });
    expect(await decisionOf(bob, minor.uid)).toMatchObject({
      action: 'suppress',
      notify: false,
      reason: 'matched rule 1 "Minor is noise": suppress',
    });
    expect((await decisionOf(bob, hushed.uid)).reason).toMatch(
      /^device silenced by Alice until .* \(being reimaged\)$/,
    );
    expect(await decisionOf(bob, major.uid)).toMatchObject({
      action: 'notify',
      reason: 'no rule matched: notify',
    });

    await eventually(
      () => bob.notifications.some((n) => n.includes('Real alert')),
      10_000,
      'the notification of the real alert',
    );
    for (const uid of [minor.uid, hushed.uid])
      expect(await bob.rpc.call('alerts.get', { uid })).toMatchObject({ state: 'open' });
    expect(bob.notifications.filter((n) => /Noise alert|Silenced alert/.test(n))).toEqual([]);
  },
);
