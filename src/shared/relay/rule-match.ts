import type { AlertFacts } from './alert-facts';
import type { AlertRule, RuleConditions, RuleDecision } from './rules';

/** Longest pattern (the rules schema allows 200) and longest name a pattern can match. */
export const MAX_PATTERN_LENGTH = 200;
/** NinjaOne condition names are far shorter; a longer one matches no pattern (the alert notifies). */
export const MAX_SUBJECT_LENGTH = 10_000;

/**
 * `*` stands for anything, everything else is literal; case-insensitive, whole name. No regex: the
 * literal pieces between stars are found left to right (the leftmost place of each is always the
 * best one for what follows), so a match costs one pass over the name whatever the stars, and a
 * rule can never stall the relay's event loop.
 */
export function patternMatcher(pattern: string): (text: string) => boolean {
  const parts = pattern.slice(0, MAX_PATTERN_LENGTH).toLowerCase().split('*');
  const first = parts[0]!;
  const last = parts.at(-1)!;
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  return (text) => {
    if (text.length > MAX_SUBJECT_LENGTH) return false;
    const subject = text.toLowerCase();
    if (parts.length === 1) return subject === first;
    const end = subject.length - last.length;
    if (end < first.length || !subject.startsWith(first) || !subject.endsWith(last)) return false;
    let from = first.length;
    for (const part of middle) {
      const at = subject.indexOf(part, from);
      if (at === -1 || at + part.length > end) return false;
      from = at + part.length;
    }
    return true;
  };
}

const within = <T>(allowed: readonly T[], value: T | null): boolean =>
  allowed.length === 0 || (value !== null && allowed.includes(value));

export function conditionsMatch(when: RuleConditions, facts: AlertFacts): boolean {
  if (!within(when.severities as readonly string[], facts.severity)) return false;
  if (!within(when.priorities, facts.priority)) return false;
  if (!within(when.activityTypes, facts.activityType)) return false;
  if (!within(when.statusCodes, facts.statusCode)) return false;
  if (!within(when.organizationIds, facts.organizationId)) return false;
  if (!within(when.nodeClasses, facts.nodeClass)) return false;
  if (when.conditionPattern) {
    const matches = patternMatcher(when.conditionPattern);
    if (!facts.names.some(matches)) return false;
  }
  return true;
}

/** The first enabled rule that matches, with its 1-based position (how reasons name it). */
export function firstMatchingRule(
  rules: readonly AlertRule[],
  facts: AlertFacts,
): { rule: AlertRule; position: number } | null {
  for (const [index, rule] of rules.entries()) {
    if (rule.enabled && conditionsMatch(rule.when, facts)) return { rule, position: index + 1 };
  }
  return null;
}

/**
 * Whether an earlier trigger of the same condition on the same device made (or is making) a ticket:
 * a ticket rule's match within the flapping window then comments on that ticket instead of opening
 * another.
 */
export const decisionMadeTicket = (previous: Pick<RuleDecision, 'ticket' | 'state' | 'action'>): boolean =>
  previous.ticket !== null ||
  (previous.state === 'pending' && (previous.action === 'ticket' || previous.action === 'comment'));
