import { useState } from 'react';
import { severities } from '../../../shared/contract/domain';
import {
  ruleConditionsSchema,
  type AlertRule,
  type RuleConditions,
  type RulesSettings,
} from '../../../shared/relay/rules';
import { ErrorBanner, NamedOptions, TextField } from '../../components/fields';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { errorText, useToasts } from '../../state/toasts-slice';

const priorities = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
const actionLabels: Record<AlertRule['action']['type'], string> = {
  ticket: 'Create a ticket',
  notify: 'Notify only',
  suppress: 'Suppress',
};

const emptyConditions: RuleConditions = ruleConditionsSchema.parse({});

const codes = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** "severity MAJOR or CRITICAL · condition Disk*" — what a rule matches, in one line. */
function summary(rule: AlertRule, organizationName: (id: number) => string): string {
  const w = rule.when;
  const parts = [
    w.severities.length ? `severity ${w.severities.join(' or ')}` : '',
    w.priorities.length ? `priority ${w.priorities.join(' or ')}` : '',
    w.activityTypes.length ? `type ${w.activityTypes.join(' or ')}` : '',
    w.statusCodes.length ? `status ${w.statusCodes.join(' or ')}` : '',
    w.conditionPattern ? `condition ${w.conditionPattern}` : '',
    w.organizationIds.length ? `organization ${w.organizationIds.map(organizationName).join(' or ')}` : '',
    w.nodeClasses.length ? `node class ${w.nodeClasses.join(' or ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every alert';
}

function RuleForm({
  initial,
  onDone,
  onCancel,
}: {
  initial: AlertRule;
  onDone(rule: AlertRule): void;
  onCancel(): void;
}) {
  const [rule, setRule] = useState(initial);
  const [typesText, setTypesText] = useState(initial.when.activityTypes.join(', '));
  const [codesText, setCodesText] = useState(initial.when.statusCodes.join(', '));
  const [classesText, setClassesText] = useState(initial.when.nodeClasses.join(', '));
  const organizations = useQuery('organizations.list', { limit: 500 }, { refreshOn: ['organizations'] });
  const reference = useQuery('psa.referenceData', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const when = (change: Partial<RuleConditions>): void =>
    setRule({ ...rule, when: { ...rule.when, ...change } });
  const action = rule.action;
  return (
    <form
      className="settings-form rule-form"
      aria-label={initial.name ? `Edit rule ${initial.name}` : 'New rule'}
      onSubmit={(e) => {
        e.preventDefault();
        onDone({
          ...rule,
          name: rule.name.trim(),
          when: {
            ...rule.when,
            activityTypes: codes(typesText),
            statusCodes: codes(codesText),
            nodeClasses: codes(classesText),
            conditionPattern: rule.when.conditionPattern?.trim() || null,
          },
        });
      }}
    >
      <label>
        Rule name
        <input
          value={rule.name}
          onChange={(e) => setRule({ ...rule, name: e.target.value })}
          required
          maxLength={120}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={rule.enabled}
          onChange={(e) => setRule({ ...rule, enabled: e.target.checked })}
        />
        Enabled
      </label>
      <fieldset>
        <legend>Severity (none checked: any)</legend>
        <div className="form-row">
          {severities.map((s) => (
            <label key={s} className="inline">
              <input
                type="checkbox"
                checked={rule.when.severities.includes(s)}
                onChange={(e) => when({ severities: toggle(rule.when.severities, s, e.target.checked) })}
              />
              {s.toLowerCase()}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Priority (none checked: any)</legend>
        <div className="form-row">
          {priorities.map((p) => (
            <label key={p} className="inline">
              <input
                type="checkbox"
                checked={rule.when.priorities.includes(p)}
                onChange={(e) => when({ priorities: toggle(rule.when.priorities, p, e.target.checked) })}
              />
              {p.toLowerCase()}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Condition name pattern (* matches anything)
        <input
          value={rule.when.conditionPattern ?? ''}
          onChange={(e) => when({ conditionPattern: e.target.value })}
          placeholder="Disk*"
          maxLength={200}
        />
      </label>
      <div className="form-row">
        <TextField label="Activity types" value={typesText} onChange={setTypesText} placeholder="CONDITION" />
        <TextField label="Status codes" value={codesText} onChange={setCodesText} placeholder="TRIGGERED" />
        <TextField
          label="Node classes"
          value={classesText}
          onChange={setClassesText}
          placeholder="WINDOWS_SERVER"
        />
      </div>
      <label>
        Organizations (none selected: any)
        <select
          multiple
          size={5}
          value={rule.when.organizationIds.map(String)}
          onChange={(e) =>
            when({ organizationIds: [...e.target.selectedOptions].map((o) => Number(o.value)) })
          }
        >
          <NamedOptions items={organizations.data?.items} />
        </select>
      </label>
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
            {Object.entries(actionLabels).map(([type, label]) => (
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
                onChange={(e) => setRule({ ...rule, action: { ...action, boardId: e.target.value || null } })}
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
      <div className="form-row">
        <button type="submit" className="primary">
          Keep rule
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface Draft {
  version: number;
  rules: AlertRule[];
  settings: RulesSettings;
}

/** The relay's alert rules: ordered, first match wins; edited here, saved as a whole with the admin token. */
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
  const move = (index: number, by: -1 | 1): void => {
    const rules = [...current.rules];
    const [rule] = rules.splice(index, 1);
    rules.splice(index + by, 0, rule!);
    change({ rules });
  };
  const orgName = (id: number): string =>
    organizations.data?.items.find((o) => o.id === id)?.name ?? String(id);
  const save = (): void => {
    setSaving(true);
    setError(null);
    consoleClient()
      .call('relay.rules.save', {
        expectedVersion: current.version,
        rules: current.rules,
        settings: current.settings,
      })
      .then((saved) => {
        setDraft(null);
        document.reload();
        toast('success', `Rules saved (version ${saved.version}): the relay uses them from the next alert`);
      })
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
      {current.rules.length === 0 ? (
        <div className="empty-state">No rules: every alert notifies, and tickets are made by hand.</div>
      ) : (
        <ol className="rule-list" aria-label="Alert rules">
          {current.rules.map((rule, index) => (
            <li key={rule.id} className={rule.enabled ? '' : 'muted'}>
              <div>
                <strong>
                  {index + 1}. {rule.name}
                </strong>{' '}
                → {actionLabels[rule.action.type]}
                {rule.enabled ? '' : ' (off)'}
                <div className="muted">{summary(rule, orgName)}</div>
              </div>
              <span className="row-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Move ${rule.name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Move ${rule.name} down`}
                  disabled={index === current.rules.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Edit ${rule.name}`}
                  onClick={() => setEditing({ index, rule })}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Delete ${rule.name}`}
                  onClick={() => change({ rules: current.rules.filter((_, i) => i !== index) })}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {editing ? (
        <RuleForm
          key={editing.rule.id}
          initial={editing.rule}
          onCancel={() => setEditing(null)}
          onDone={(rule) => {
            const rules = [...current.rules];
            if (editing.index === null) rules.push(rule);
            else rules[editing.index] = rule;
            change({ rules });
            setEditing(null);
          }}
        />
      ) : (
        <div className="form-row">
          <button
            type="button"
            onClick={() =>
              setEditing({
                index: null,
                rule: {
                  id: `rule-${Date.now().toString(36)}`,
                  name: '',
                  enabled: true,
                  when: emptyConditions,
                  action: { type: 'ticket', boardId: null, priorityId: null },
                },
              })
            }
          >
            Add rule
          </button>
        </div>
      )}
      <fieldset>
        <legend>Flapping and resets</legend>
        <label className="inline">
          A condition that triggers again on the same device within
          <input
            type="number"
            aria-label="Flapping window in minutes"
            min={0}
            max={10080}
            value={current.settings.flappingWindowMinutes}
            onChange={(e) =>
              change({ settings: { ...current.settings, flappingWindowMinutes: Number(e.target.value) } })
            }
          />
          minutes gets a comment on its ticket, not a new ticket
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={current.settings.onReset.comment}
            onChange={(e) =>
              change({
                settings: {
                  ...current.settings,
                  onReset: { ...current.settings.onReset, comment: e.target.checked },
                },
              })
            }
          />
          When the alert resets, comment on the rule&apos;s ticket
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={current.settings.onReset.close}
            onChange={(e) =>
              change({
                settings: {
                  ...current.settings,
                  onReset: { ...current.settings.onReset, close: e.target.checked },
                },
              })
            }
          />
          …and close it
        </label>
      </fieldset>
      <div className="form-row">
        <button
          type="button"
          className="primary"
          disabled={!draft || saving || editing !== null}
          onClick={save}
        >
          {saving ? 'Saving…' : 'Save rules'}
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
  if (!s || s.state === 'not_configured') return null;
  return (
    <section className="card settings-card wide" aria-labelledby="rules-title">
      <h2 id="rules-title">Alert rules</h2>
      <p className="muted">
        The relay applies these to every new alert, first match wins: create a ticket in Alga PSA (one per
        alert series), notify only, or suppress. Saving also publishes this console&apos;s ticket defaults and
        organization mapping, which rule-made tickets use.
      </p>
      {s.adminToken ? (
        <RulesEditor />
      ) : (
        <p className="muted">Enter the relay admin token in the Relay card to read and edit the rules.</p>
      )}
    </section>
  );
}
