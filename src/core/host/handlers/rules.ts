import { RULE_HISTORY_MS } from '../../../shared/contract/rules';
import { alertHistoryFacts, ruleChoices } from '../../alerts/rule-history';
import { previewRule } from '../../alerts/rule-preview';
import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

/** The rules editor's help from the cache: choices seen in the fleet, and a preview on the last 7 days. */
export function ruleHandlers(
  cache: Cache,
  now: () => number = Date.now,
): Pick<Handlers, 'rules.choices' | 'rules.preview'> {
  return {
    'rules.choices': () => {
      const since = now() - RULE_HISTORY_MS;
      return ruleChoices(cache.alertHistory, alertHistoryFacts(cache.alertHistory, since), since);
    },
    'rules.preview': (input) => {
      const until = now();
      const since = until - RULE_HISTORY_MS;
      return { since, until, ...previewRule(alertHistoryFacts(cache.alertHistory, since), input) };
    },
  };
}
