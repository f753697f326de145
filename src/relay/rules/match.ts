import type { AlertRule, RuleConditions } from '../../shared/relay/rules';
import type { AlertFacts } from './facts';

/** `*` stands for anything, everything else is literal; case-insensitive, whole name. */
export function patternMatcher(pattern: string): (text: string) => boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 'i');
  return (text) => regex.test(text);
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
