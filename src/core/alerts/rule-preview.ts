import type { RulePreview } from '../../shared/contract/rules';
import { opensSeries, resetsSeries, type AlertFacts } from '../../shared/relay/alert-facts';
import { conditionsMatch, decisionMadeTicket, firstMatchingRule } from '../../shared/relay/rule-match';
import type { AlertRule, RuleDecision, RulesSettings } from '../../shared/relay/rules';

type Outcome = RulePreview['alerts'][number]['outcome'];

/** A decision the preview pretends the relay made, with what the flapping look-up reads of it. */
interface Simulated {
  seriesUid: string;
  lastSeenAt: number;
  decision: Pick<RuleDecision, 'ticket' | 'state' | 'action'>;
}

const MAX_LISTED = 50;

/**
 * Replays the history (oldest first) through the draft rules the way the relay's rules worker would:
 * the relay's own matcher picks the first enabled rule; a ticket rule makes one ticket per alert
 * series; a trigger of a series that has a ticket, or of the same condition on the same device
 * within the flapping window of a trigger (or its reset) that made one, comments instead; a reset
 * keeps its series' decisions fresh for that window. The previewed rule counts as enabled.
 * Silences and the PSA's answers are not replayed: the preview says what the rules decide.
 */
export function previewRule(
  history: readonly AlertFacts[],
  input: { rules: readonly AlertRule[]; index: number; settings: RulesSettings },
): Omit<RulePreview, 'since' | 'until'> {
  const rules = input.rules.map((rule, i) => (i === input.index ? { ...rule, enabled: true } : rule));
  const target = rules[input.index]!;
  const windowMs = input.settings.flappingWindowMinutes * 60_000;
  const bySeries = new Map<string, Simulated[]>();
  const byCondition = new Map<string, Simulated[]>();
  const seriesTicket = new Map<string, NonNullable<RuleDecision['ticket']>>();
  const result = { triggers: 0, matched: 0, tickets: 0, comments: 0, takenEarlier: 0 };
  const alerts: RulePreview['alerts'] = [];

  for (const facts of history) {
    if (resetsSeries(facts)) {
      for (const sim of bySeries.get(facts.seriesUid) ?? [])
        sim.lastSeenAt = Math.max(sim.lastSeenAt, facts.at);
      continue;
    }
    if (!opensSeries(facts)) continue;
    result.triggers += 1;
    const match = firstMatchingRule(rules, facts);
    const conditionKey =
      facts.deviceId === null || facts.conditionKey === null
        ? null
        : `${facts.deviceId}\n${facts.conditionKey}`;
    let outcome: Outcome = 'notify';
    let ticket: Simulated['decision']['ticket'] = null;
    if (match?.rule.action.type === 'suppress') outcome = 'suppress';
    else if (match?.rule.action.type === 'ticket') {
      const earlier = seriesTicket.get(facts.seriesUid);
      const previous =
        earlier || conditionKey === null || windowMs === 0
          ? null
          : latest(byCondition.get(conditionKey), facts.seriesUid, facts.at - windowMs);
      if (earlier) [outcome, ticket] = ['comment', earlier];
      else if (previous && decisionMadeTicket(previous.decision))
        [outcome, ticket] = ['comment', previous.decision.ticket];
      else {
        ticket = { id: `preview-${seriesTicket.size + 1}`, number: null };
        seriesTicket.set(facts.seriesUid, ticket);
        outcome = 'ticket';
      }
    }
    const sim: Simulated = {
      seriesUid: facts.seriesUid,
      lastSeenAt: facts.at,
      decision: { ticket, state: 'done', action: outcome },
    };
    push(bySeries, facts.seriesUid, sim);
    if (conditionKey !== null) push(byCondition, conditionKey, sim);

    if (match && match.position === input.index + 1) {
      result.matched += 1;
      if (outcome === 'ticket') result.tickets += 1;
      if (outcome === 'comment') result.comments += 1;
      alerts.push({
        seriesUid: facts.seriesUid,
        at: facts.at,
        deviceId: facts.deviceId,
        deviceName: facts.deviceName,
        condition: facts.condition,
        severity: facts.severity,
        outcome,
      });
    } else if (match && match.position <= input.index && conditionsMatch(target.when, facts)) {
      result.takenEarlier += 1;
    }
  }
  return { ...result, alerts: alerts.reverse().slice(0, MAX_LISTED) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The store's look-up: the latest trigger decision of another series seen since `since`. */
function latest(list: readonly Simulated[] | undefined, seriesUid: string, since: number): Simulated | null {
  let best: Simulated | null = null;
  for (const sim of list ?? [])
    if (
      sim.seriesUid !== seriesUid &&
      sim.lastSeenAt >= since &&
      (!best || sim.lastSeenAt >= best.lastSeenAt)
    )
      best = sim;
  return best;
}
