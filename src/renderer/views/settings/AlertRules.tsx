import { useState } from 'react';
import { ruleConditionsSchema, type AlertRule, type RulesSettings } from '../../../shared/relay/rules';
import { Checkbox, ErrorBanner } from '../../components/fields';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { errorText, useToasts } from '../../state/toasts-slice';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';

interface Draft {
  version: number;
  rules: AlertRule[];
  settings: RulesSettings;
}

const newRule = (): AlertRule => ({
  id: `rule-${Date.now().toString(36)}`,
  name: '',
  enabled: true,
  when: ruleConditionsSchema.parse({}),
  action: { type: 'ticket', boardId: null, priorityId: null },
});

/** How flapping conditions and resets treat the tickets rules made. */
function FlappingSettings({
  settings,
  onChange,
}: {
  settings: RulesSettings;
  onChange(settings: RulesSettings): void;
}) {
  return (
    <fieldset>
      <legend>Flapping and resets</legend>
      <label className="inline">
        A condition that triggers again on the same device within
        <input
          type="number"
          aria-label="Flapping window in minutes"
          min={0}
          max={10080}
          value={settings.flappingWindowMinutes}
          onChange={(e) => onChange({ ...settings, flappingWindowMinutes: Number(e.target.value) })}
        />
        minutes gets a comment on its ticket, not a new ticket
      </label>
      <Checkbox
        checked={settings.onReset.comment}
        onChange={(checked) => onChange({ ...settings, onReset: { ...settings.onReset, comment: checked } })}
      >
        When the alert resets, comment on the rule&apos;s ticket
      </Checkbox>
      <Checkbox
        checked={settings.onReset.close}
        onChange={(checked) => onChange({ ...settings, onReset: { ...settings.onReset, close: checked } })}
      >
        …and close it
      </Checkbox>
    </fieldset>
  );
}

/** The relay's alert rules: ordered, first match wins; a rule is saved from its editor in one step. */
function RulesEditor() {
  const document = useQuery('relay.rules.get', {});
  const organizations = useQuery('organizations.list', { limit: 500 }, { refreshOn: ['organizations'] });
  const toast = useToasts((s) => s.show);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<{ index: number | null; rule: AlertRule } | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stored = document.data;
  const current: Draft | null =
    draft ?? (stored ? { version: stored.version, rules: stored.rules, settings: stored.settings } : null);
  if (document.error && !stored) return <ErrorBanner message={document.error} />;
  if (!current) return <p className="muted">Loading the rules…</p>;
  const change = (next: Partial<Draft>): void => setDraft({ ...current, ...next });
  const organizationName = (id: number): string =>
    organizations.data?.items.find((o) => o.id === id)?.name ?? `organization ${id}`;
  const send = (rules: AlertRule[]): Promise<void> =>
    consoleClient()
      .call('relay.rules.save', { expectedVersion: current.version, rules, settings: current.settings })
      .then((saved) => {
        setDraft(null);
        document.reload();
        toast('success', `Rules saved (version ${saved.version}): the relay uses them from the next alert`);
      });
  const placed = (index: number | null) => (rule: AlertRule) => {
    const rules = [...current.rules];
    if (index === null) rules.push(rule);
    else rules[index] = rule;
    return { rules, index: index ?? rules.length - 1 };
  };
  const saveAll = (): void => {
    setSaving(true);
    setError(null);
    send(current.rules)
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setSaving(false));
  };
  return (
    <>
      {stored?.updatedBy ? (
        <p className="muted">
          Version {stored.version}, saved by {stored.updatedBy}.
        </p>
      ) : null}
      <RuleList
        rules={current.rules}
        organizationName={organizationName}
        onMove={(index, by) => {
          const rules = [...current.rules];
          const [rule] = rules.splice(index, 1);
          rules.splice(index + by, 0, rule!);
          change({ rules });
        }}
        onEdit={(index) => setEditing({ index, rule: current.rules[index]! })}
        onDelete={(index) => change({ rules: current.rules.filter((_, i) => i !== index) })}
      />
      {editing ? (
        <RuleEditor
          key={editing.rule.id}
          initial={editing.rule}
          placed={placed(editing.index)}
          settings={current.settings}
          organizationName={organizationName}
          onCancel={() => setEditing(null)}
          onSave={(rule) =>
            send(placed(editing.index)(rule).rules).then(
              () => setEditing(null),
              (e: unknown) => {
                throw new Error(errorText(e));
              },
            )
          }
        />
      ) : (
        <div className="form-row">
          <button type="button" onClick={() => setEditing({ index: null, rule: newRule() })}>
            Add rule
          </button>
        </div>
      )}
      <FlappingSettings settings={current.settings} onChange={(settings) => change({ settings })} />
      <div className="form-row">
        <button
          type="button"
          className="primary"
          disabled={!draft || saving || editing !== null}
          onClick={saveAll}
        >
          {saving ? 'Saving…' : 'Save order and settings'}
        </button>
        <button
          type="button"
          disabled={!draft || saving}
          onClick={() => {
            setDraft(null);
            setError(null);
            document.reload();
          }}
        >
          Discard changes
        </button>
        {draft ? <span className="muted">Unsaved changes</span> : null}
      </div>
      <ErrorBanner message={error} />
    </>
  );
}

export function AlertRules() {
  const status = useQuery('relay.status', {}, { refreshOnEvents: ['relay.statusChanged'] });
  const s = status.data;
  return (
    <section className="card settings-card wide" aria-labelledby="rules-title">
      <h2 id="rules-title">Alert rules</h2>
      <p className="muted">
        The relay applies these to every new alert, first match wins: create a ticket in Alga PSA (one per
        alert series), notify only, or suppress. Saving also publishes this console&apos;s ticket defaults and
        organization mapping, which rule-made tickets use.
      </p>
      {!s ? (
        <p className="muted">Loading…</p>
      ) : s.state === 'not_configured' ? (
        <p className="muted">Rules run in the relay: connect it under Connections to edit them.</p>
      ) : s.adminToken ? (
        <RulesEditor />
      ) : (
        <p className="muted">Enter the relay admin token in the Relay card to read and edit the rules.</p>
      )}
    </section>
  );
}
