import { useState } from 'react';
import type { AlertRule, RulesSettings } from '../../../shared/relay/rules';
import { Checkbox, ErrorBanner, NamedOptions } from '../../components/fields';
import { useQuery } from '../../rpc/use-query';
import { RuleConditionFields } from './RuleConditionFields';
import { RulePreview } from './RulePreview';
import { ruleActionLabels } from './rule-words';

const codes = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/** The rule as the form holds it, made whole (codes parsed, pattern trimmed). */
function ruleFrom(rule: AlertRule, text: { activityTypes: string; statusCodes: string }): AlertRule {
  return {
    ...rule,
    name: rule.name.trim(),
    when: {
      ...rule.when,
      activityTypes: codes(text.activityTypes),
      statusCodes: codes(text.statusCodes),
      conditionPattern: rule.when.conditionPattern?.trim() || null,
    },
  };
}

/**
 * One rule: its conditions offered from what the fleet holds, its action, and a preview on the last
 * 7 days of alerts as it would sit among the other rules. Saving sends the rules to the relay at once.
 */
export function RuleEditor(props: {
  initial: AlertRule;
  /** The rule list with this rule in its place (new rules go last). */
  placed(rule: AlertRule): { rules: AlertRule[]; index: number };
  settings: RulesSettings;
  organizationName(id: number): string;
  onSave(rule: AlertRule): Promise<void>;
  onCancel(): void;
}) {
  const { initial } = props;
  const [rule, setRule] = useState(initial);
  const [text, setText] = useState({
    activityTypes: initial.when.activityTypes.join(', '),
    statusCodes: initial.when.statusCodes.join(', '),
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choices = useQuery('rules.choices', {});
  const reference = useQuery('psa.referenceData', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const action = rule.action;
  const whole = ruleFrom(rule, text);
  // The preview needs a valid rule; an unnamed one is previewed under a stand-in name.
  const previewed = props.placed({ ...whole, name: whole.name || 'New rule' });
  return (
    <form
      className="settings-form rule-form"
      aria-label={initial.name ? `Edit rule ${initial.name}` : 'New rule'}
      onSubmit={(e) => {
        e.preventDefault();
        setSaving(true);
        setError(null);
        props
          .onSave(whole)
          .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
          .finally(() => setSaving(false));
      }}
    >
      <div className="rule-form-columns">
        <div className="settings-form">
          <label>
            Rule name
            <input
              value={rule.name}
              onChange={(e) => setRule({ ...rule, name: e.target.value })}
              required
              maxLength={120}
            />
          </label>
          <Checkbox checked={rule.enabled} onChange={(checked) => setRule({ ...rule, enabled: checked })}>
            Enabled
          </Checkbox>
          <RuleConditionFields
            when={rule.when}
            onChange={(change) => setRule({ ...rule, when: { ...rule.when, ...change } })}
            choices={choices.data}
            organizationName={props.organizationName}
            codes={text}
            onCodesChange={setText}
          />
          {choices.error ? <p className="muted">No choices from the cache: {choices.error}</p> : null}
          <div className="form-row">
            <label>
              Action
              <select
                value={action.type}
                onChange={(e) => {
                  const type = e.target.value as AlertRule['action']['type'];
                  setRule({
                    ...rule,
                    action: type === 'ticket' ? { type, boardId: null, priorityId: null } : { type },
                  });
                }}
              >
                {Object.entries(ruleActionLabels).map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            {action.type === 'ticket' ? (
              <>
                <label>
                  Board
                  <select
                    value={action.boardId ?? ''}
                    onChange={(e) =>
                      setRule({ ...rule, action: { ...action, boardId: e.target.value || null } })
                    }
                  >
                    <option value="">Default board</option>
                    <NamedOptions items={reference.data?.boards.filter((b) => !b.inactive)} />
                  </select>
                </label>
                <label>
                  Ticket priority
                  <select
                    value={action.priorityId ?? ''}
                    onChange={(e) =>
                      setRule({ ...rule, action: { ...action, priorityId: e.target.value || null } })
                    }
                  >
                    <option value="">By severity</option>
                    <NamedOptions items={reference.data?.priorities} />
                  </select>
                </label>
              </>
            ) : null}
          </div>
        </div>
        <RulePreview
          input={{ ...previewed, settings: props.settings }}
          makesTickets={action.type === 'ticket'}
        />
      </div>
      <ErrorBanner message={error} />
      <div className="form-row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" onClick={props.onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
