import type { AlertRule } from '../../../shared/relay/rules';
import { activityTypeName, nodeClassName, severityName } from '../../../shared/relay/rule-words';

export const ruleActionLabels: Record<AlertRule['action']['type'], string> = {
  ticket: 'Create a ticket',
  notify: 'Notify only',
  suppress: 'Suppress',
};

const either = (words: readonly string[]): string => words.join(' or ');

/** "Major or Critical · condition Disk* · Windows server · Acme Corp": what a rule matches, in one line. */
export function ruleSummary(rule: AlertRule, organizationName: (id: number) => string): string {
  const w = rule.when;
  const parts = [
    w.severities.length ? either(w.severities.map(severityName)) : '',
    w.priorities.length ? `priority ${either(w.priorities.map((p) => p.toLowerCase()))}` : '',
    w.conditionPattern ? `condition ${w.conditionPattern}` : '',
    w.nodeClasses.length ? either(w.nodeClasses.map(nodeClassName)) : '',
    w.organizationIds.length ? either(w.organizationIds.map(organizationName)) : '',
    w.activityTypes.length ? either(w.activityTypes.map(activityTypeName)) : '',
    w.statusCodes.length ? `status ${either(w.statusCodes)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every alert';
}
