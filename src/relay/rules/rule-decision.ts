import { deviceLink } from '../../core/ninjaone/console-links';
import {
  alertTicketKey,
  alertTicketTitle,
  resetComment,
  ticketAttributes,
  utcTime,
} from '../../core/psa/tickets/alert-ticket';
import type { TeamLedgerEntry } from '../../shared/relay/ledger';
import type { AlertRule, DeviceSilence, RuleDecision, RulesDocument } from '../../shared/relay/rules';
import type { NewDecision } from '../store/store';
import type { AlertFacts } from '../../shared/relay/alert-facts';
import { decisionMadeTicket, firstMatchingRule } from '../../shared/relay/rule-match';
import type { DecisionWork } from './work';

/**
 * What the rules decide for one alert activity: pure, from the facts and what the worker looked up.
 * Every outcome carries its reason as a technician reads it.
 */
export interface TriggerContext {
  document: RulesDocument;
  silence: DeviceSilence | null;
  /** This series' ledger entry (a ticket recorded for it, a console's claim). */
  ledger: TeamLedgerEntry | null;
  /** The latest decision of the same condition on the same device (another series) within the flapping window. */
  previous: RuleDecision | null;
  /** Whether the relay has Alga PSA credentials. */
  psa: boolean;
}

type Plan = Omit<
  NewDecision['decision'],
  | 'activityId'
  | 'kind'
  | 'seriesUid'
  | 'deviceId'
  | 'deviceName'
  | 'organizationId'
  | 'condition'
  | 'severity'
> & {
  work: DecisionWork | null;
};

const RULES_APP = 'alga-relay-rules';

function ruleLabel(rule: AlertRule, position: number): string {
  return `rule ${position} "${rule.name}"`;
}

const done = (
  rule: { id: string; name: string } | null,
  action: RuleDecision['action'],
  notify: boolean,
  reason: string,
  outcome: string | null = null,
): Plan => ({
  ruleId: rule?.id ?? null,
  ruleName: rule?.name ?? null,
  action,
  notify,
  reason,
  state: 'done',
  outcome,
  ticket: null,
  work: null,
});

const failed = (plan: Plan, outcome: string): Plan => ({ ...plan, state: 'failed', outcome, work: null });

function flappingComment(facts: AlertFacts): string {
  return `NinjaOne alert "${facts.condition ?? 'alert'}" on ${facts.deviceName ?? `device ${facts.deviceId}`} triggered again at ${utcTime(facts.at)} (series ${facts.seriesUid}). It is flapping, so no new ticket was made.`;
}

function description(facts: AlertFacts, document: RulesDocument, label: string): string {
  const ninjaOneUrl = document.tickets?.ninjaOneUrl ?? null;
  return [
    `NinjaOne alert on ${facts.deviceName ?? `device ${facts.deviceId}`}`,
    '',
    `Severity: ${facts.severity ?? 'unknown'}`,
    `Condition: ${facts.condition ?? 'unknown'}`,
    `Message: ${facts.message ?? '(none)'}`,
    `Triggered: ${utcTime(facts.at)}`,
    `Device: ${facts.deviceName ?? 'unknown'} (id ${facts.deviceId ?? 'unknown'})`,
    `Organization id: ${facts.organizationId ?? 'unknown'}`,
    ...(ninjaOneUrl && facts.deviceId !== null
      ? [`NinjaOne: ${deviceLink(ninjaOneUrl, facts.deviceId)}`]
      : []),
    '',
    `Created by the Alga relay (${label}) from NinjaOne alert ${facts.seriesUid}.`,
  ].join('\n');
}

/** The ticket a matched rule makes, or why it cannot be made (nothing to send it to). */
function ticketPlan(
  facts: AlertFacts,
  context: TriggerContext,
  match: { rule: AlertRule; position: number },
  action: Extract<AlertRule['action'], { type: 'ticket' }>,
): Plan {
  const label = ruleLabel(match.rule, match.position);
  const plan: Plan = {
    ...done(match.rule, 'ticket', true, `matched ${label}: create a ticket`),
    state: 'pending',
    outcome: 'waiting to be sent to Alga PSA',
  };
  const targets = context.document.tickets;
  if (!context.psa)
    return failed(
      plan,
      'The relay has no Alga PSA connection: set psaUrl and RELAY_PSA_API_KEY in its configuration.',
    );
  if (!targets)
    return failed(
      plan,
      'No ticket targets were published with the rules: save the rules from a console connected to Alga PSA.',
    );
  if (facts.deviceId === null) return failed(plan, 'The alert names no device.');
  const clientId = facts.organizationId === null ? undefined : targets.clients[String(facts.organizationId)];
  if (!clientId)
    return failed(
      plan,
      `Organization ${facts.organizationId ?? '(unknown)'} is not mapped to an Alga PSA client: map it in a console and save the rules again.`,
    );
  const boardId = action.boardId ?? targets.boardId;
  const board = targets.boards[boardId];
  if (!board)
    return failed(
      plan,
      `Board ${boardId} has no opening status in the published ticket targets: save the rules again.`,
    );
  const severity = (facts.severity ?? 'NONE') as keyof typeof targets.priorityBySeverity;
  const priorityId = action.priorityId ?? targets.priorityBySeverity[severity];
  if (!priorityId)
    return failed(
      plan,
      `No priority is set for severity ${severity}: choose one in the rule or the ticket defaults.`,
    );
  const key = alertTicketKey(facts.seriesUid);
  return {
    ...plan,
    work: {
      kind: 'create',
      seriesUid: facts.seriesUid,
      claimKey: `relay-rule-${facts.activityId}`,
      by: label,
      key,
      clientId,
      body: {
        title: alertTicketTitle(facts.condition ?? 'Alert', facts.deviceName ?? `device ${facts.deviceId}`),
        board_id: boardId,
        client_id: clientId,
        status_id: board.openStatusId,
        priority_id: priorityId,
        attributes: ticketAttributes({
          key,
          description: description(facts, context.document, label),
          deviceId: facts.deviceId,
          alertUid: facts.seriesUid,
          severity: facts.severity,
          createdBy: RULES_APP,
        }),
      },
      maybeCreated: false,
      firstSentAt: null,
    },
  };
}

/**
 * A trigger: a silenced device makes nothing; else the first matching rule acts. A ticket rule for a
 * condition that is flapping (this series already has a ticket, or the same condition on the same
 * device triggered or reset within the window) comments on that ticket instead.
 */
export function decideTrigger(facts: AlertFacts, context: TriggerContext): Plan {
  if (context.silence?.until) {
    const note = context.silence.reason ? ` (${context.silence.reason})` : '';
    return done(
      null,
      'suppress',
      false,
      `device silenced by ${context.silence.by ?? 'a technician'} until ${utcTime(context.silence.until)}${note}`,
    );
  }
  const match = firstMatchingRule(context.document.rules, facts);
  if (!match) return done(null, 'notify', true, 'no rule matched: notify');
  const label = ruleLabel(match.rule, match.position);
  const { action } = match.rule;
  if (action.type === 'suppress') return done(match.rule, 'suppress', false, `matched ${label}: suppress`);
  if (action.type === 'notify') return done(match.rule, 'notify', true, `matched ${label}: notify only`);

  const window = context.document.settings.flappingWindowMinutes;
  const ledgerTicket = context.ledger?.ticket ?? null;
  if (ledgerTicket) {
    return {
      ...done(
        match.rule,
        'comment',
        false,
        `suppressed: flapping (the series triggered again; it has ticket ${ledgerTicket.number ?? ledgerTicket.id} by ${ledgerTicket.by}; matched ${label})`,
      ),
      state: 'pending',
      ticket: { id: ledgerTicket.id, number: ledgerTicket.number },
      work: { kind: 'comment', ticketId: ledgerTicket.id, fromDecision: null, text: flappingComment(facts) },
    };
  }
  const previous = context.previous;
  if (previous && decisionMadeTicket(previous)) {
    const which = previous.ticket ? `ticket ${previous.ticket.number ?? previous.ticket.id}` : 'its ticket';
    return {
      ...done(
        match.rule,
        'comment',
        false,
        `suppressed: flapping (the condition triggered again within ${window} min; matched ${label}): comment on ${which}`,
      ),
      state: 'pending',
      ticket: previous.ticket,
      work: {
        kind: 'comment',
        ticketId: previous.ticket?.id ?? null,
        fromDecision: previous.ticket ? null : previous.id,
        text: flappingComment(facts),
      },
    };
  }
  return ticketPlan(facts, context, match, action);
}

/** A reset of a series whose ticket a rule made: comment on it (and close it), as the settings say. */
export function decideReset(
  facts: AlertFacts,
  document: RulesDocument,
  ticketDecision: RuleDecision | null,
): Plan | null {
  const ticket = ticketDecision?.ticket;
  const { comment, close } = document.settings.onReset;
  if (!ticket || (!comment && !close)) return null;
  const number = ticket.number ?? ticket.id;
  const device = facts.deviceName ?? ticketDecision.deviceName ?? `device ${facts.deviceId}`;
  const condition = facts.condition ?? ticketDecision.condition ?? 'alert';
  return {
    ...done(
      ticketDecision.ruleId ? { id: ticketDecision.ruleId, name: ticketDecision.ruleName ?? '' } : null,
      'comment',
      false,
      close
        ? `series reset: comment on and close ticket ${number}`
        : `series reset: comment on ticket ${number}`,
    ),
    state: 'pending',
    ticket,
    work: { kind: 'reset', ticketId: ticket.id, text: resetComment(condition, device, facts.at), close },
  };
}
