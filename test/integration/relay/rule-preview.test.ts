import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertHistoryFacts } from '../../../src/core/alerts/rule-history';
import { previewRule } from '../../../src/core/alerts/rule-preview';
import { Cache } from '../../../src/core/cache/cache';
import { mapActivity } from '../../../src/core/sync/mappers/activity';
import { RULE_HISTORY_MS } from '../../../src/shared/contract/rules';
import type { RuleDecision } from '../../../src/shared/relay/rules';
import { startPsaSimulator, type PsaSimulator } from '../../../src/simulator/psa';
import { activity, createToken, postWebhook } from '../../support/relay';
import { relayHarness } from '../../support/relay-harness';
import {
  rule,
  rulesRelayOptions,
  saveRules,
  settledDecision,
  ticketTargets,
} from '../../support/relay-rules';
import { tempDir } from '../../support/temp';

const harness = relayHarness();
let psa: PsaSimulator;
let cache: Cache;

beforeEach(async () => {
  psa = await startPsaSimulator({ organizationNames: ['Acme Corp'] });
  cache = Cache.open(join(tempDir('preview-'), 'cache.db'));
});
afterEach(async () => {
  cache.close();
  await psa.close();
});

const quietMinor = rule('r-quiet', 'Quiet minor', { severities: ['MINOR'] }, { type: 'suppress' });
const diskTickets = rule(
  'r-disk',
  'Disk alerts',
  { severities: ['MAJOR', 'CRITICAL'], conditionPattern: 'disk*' },
  { type: 'ticket', boardId: null, priorityId: null },
);
const everythingTickets = rule(
  'r-all',
  'Everything',
  {},
  { type: 'ticket', boardId: null, priorityId: null },
);
const rules = [quietMinor, diskTickets, everythingTickets];

/** A week of alert activity on two devices, with a flapping disk condition, in the order it happened. */
function history(): Record<string, unknown>[] {
  const start = Date.now() / 1000 - 2 * 86_400;
  const minutes = (m: number) => start + m * 60;
  const other = {
    deviceId: 2001,
    device: { id: 2001, organizationId: 7, nodeClass: 'WINDOWS_SERVER', displayName: 'ACME-SRV-01' },
  };
  const cpu = {
    sourceName: 'CPU above 90% for 15 minutes',
    subject: 'High CPU usage',
    sourceConfigUid: 'cpu',
  };
  const disk = { sourceConfigUid: 'disk' };
  return [
    activity(1, { ...disk, seriesUid: 's-disk-1', activityTime: minutes(0) }),
    activity(2, { ...disk, seriesUid: 's-disk-1', statusCode: 'RESET', activityTime: minutes(10) }),
    // Within 30 minutes of the reset: flapping, a comment.
    activity(3, { ...disk, seriesUid: 's-disk-2', activityTime: minutes(35) }),
    // The same series again, 40 minutes after the reset: its own decision was a comment (no ticket of
    // its own in the ledger) and the earlier series is out of the window, so the relay makes a ticket.
    activity(4, { ...disk, seriesUid: 's-disk-2', activityTime: minutes(50) }),
    // Long after: a new ticket.
    activity(5, { ...disk, seriesUid: 's-disk-3', activityTime: minutes(400) }),
    activity(6, { ...disk, seriesUid: 's-minor', severity: 'MINOR', activityTime: minutes(410) }),
    // Moderate disk: the disk rule does not take it, the catch-all does.
    activity(7, { ...disk, seriesUid: 's-disk-moderate', severity: 'MODERATE', activityTime: minutes(420) }),
    activity(8, { ...cpu, ...other, seriesUid: 's-cpu-1', activityTime: minutes(430) }),
    activity(9, { ...cpu, ...other, seriesUid: 's-cpu-1', statusCode: 'RESET', activityTime: minutes(431) }),
    activity(10, { ...cpu, ...other, seriesUid: 's-cpu-2', activityTime: minutes(500) }),
    activity(11, {
      ...disk,
      ...other,
      seriesUid: 's-disk-srv',
      severity: 'CRITICAL',
      activityTime: minutes(600),
    }),
  ];
}

const triggerIds = (events: Record<string, unknown>[]) =>
  events.filter((e) => e.statusCode === 'TRIGGERED').map((e) => e.id as number);

describe('the rule preview', () => {
  it('decides every trigger of the history as the relay did: same rule, same tickets, same flapping comments', async () => {
    const { config, options } = rulesRelayOptions(psa);
    const relay = await harness.relay({ ...harness.store('sqlite'), ...config }, options);
    const token = await createToken(relay.store, 'preview');
    const clientId = psa.control.reference().clients[0]!.id;
    await saveRules(relay, rules, ticketTargets(psa, { '7': clientId }), { flappingWindowMinutes: 30 });

    const events = history();
    const decided = new Map<number, RuleDecision>();
    for (const event of events) {
      expect((await postWebhook(relay.url, event)).status).toBe(200);
      // One at a time, as webhooks arrive minutes apart: each decision is settled before the next.
      if (event.statusCode === 'TRIGGERED')
        decided.set(event.id as number, await settledDecision(relay, token, event.id as number));
    }
    cache.activities.insertMany(events.map((e) => mapActivity(e as Parameters<typeof mapActivity>[0])));
    const facts = alertHistoryFacts(cache.alertHistory, Date.now() - RULE_HISTORY_MS);
    expect(facts).toHaveLength(events.length);

    for (const [index, previewed] of rules.entries()) {
      const preview = previewRule(facts, {
        rules,
        index,
        settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false } },
      });
      const relayMade = [...decided.values()].filter((d) => d.ruleId === previewed.id);
      expect(preview.triggers).toBe(triggerIds(events).length);
      expect(preview.matched, previewed.name).toBe(relayMade.length);
      expect(preview.tickets, previewed.name).toBe(relayMade.filter((d) => d.action === 'ticket').length);
      expect(preview.comments, previewed.name).toBe(relayMade.filter((d) => d.action === 'comment').length);
      expect(preview.alerts.map((a) => `${a.seriesUid} ${a.outcome}`).sort(), previewed.name).toEqual(
        relayMade.map((d) => `${d.seriesUid} ${d.action}`).sort(),
      );
    }
    // What the history holds, so the comparison above is not vacuous.
    const byRule = (id: string) => [...decided.values()].filter((d) => d.ruleId === id).map((d) => d.action);
    expect(byRule('r-disk')).toEqual(['ticket', 'comment', 'ticket', 'ticket', 'ticket']);
    expect(byRule('r-quiet')).toEqual(['suppress']);
    expect(byRule('r-all')).toEqual(['ticket', 'ticket', 'ticket']);
    expect(psa.control.tickets()).toHaveLength(7);
  });
});
