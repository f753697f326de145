import { useState } from 'react';
import { severities } from '../../../shared/contract/domain';
import type { RuleChoices } from '../../../shared/contract/rules';
import type { RuleConditions } from '../../../shared/relay/rules';
import { codeWords, nodeClassName, severityName } from '../../../shared/relay/rule-words';
import { TextField } from '../../components/fields';

const priorities = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
/** The condition select's entry that reveals the free pattern field. */
const PATTERN = '*pattern*';

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

const devices = (n: number): string => (n === 1 ? '1 device' : `${n} devices`);

/** Check boxes over NinjaOne codes, each shown in words (with a note such as a count). */
function CodeChecks<T extends string>(props: {
  legend: string;
  codes: readonly T[];
  checked: readonly T[];
  onChange(checked: T[]): void;
  name(code: T): string;
  note?(code: T): string;
  className?: string;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div className={props.className ?? 'form-row'}>
        {props.codes.map((code) => (
          <label key={code} className="inline">
            <input
              type="checkbox"
              checked={props.checked.includes(code)}
              onChange={(e) => props.onChange(toggle(props.checked, code, e.target.checked))}
            />
            {props.name(code)}
            {props.note?.(code) ? <span className="muted">{props.note(code)}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const thisWeek = (alerts: number): string => `${alerts} this week`;

/** The condition a rule matches: one seen in the fleet's week of alerts, any, or a `*` pattern. */
function ConditionField(props: {
  pattern: string | null;
  seen: RuleChoices['conditions'];
  onChange(pattern: string | null): void;
}) {
  const [customChosen, setCustomChosen] = useState(false);
  const pattern = props.pattern ?? '';
  const seen = props.seen.find((c) => sameName(c.name, pattern));
  const custom = customChosen || (pattern !== '' && !seen);
  return (
    <>
      <label>
        Condition
        <select
          value={custom ? PATTERN : (seen?.name ?? '')}
          onChange={(e) => {
            const value = e.target.value;
            setCustomChosen(value === PATTERN);
            if (value !== PATTERN) props.onChange(value || null);
          }}
        >
          <option value="">Any condition</option>
          {props.seen.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
              {c.family && !sameName(c.family, c.name) ? ` (${c.family})` : ''} · {thisWeek(c.alerts)}
            </option>
          ))}
          <option value={PATTERN}>A name pattern…</option>
        </select>
      </label>
      {custom ? (
        <TextField
          label="Condition name pattern (* matches anything)"
          value={pattern}
          onChange={(value) => props.onChange(value)}
          placeholder="Disk*"
          maxLength={200}
        />
      ) : null}
    </>
  );
}

/**
 * What a rule matches, offered as what the fleet holds (the conditions, severities, organizations and
 * device classes seen in the cache) in a technician's words; the rule keeps NinjaOne's codes.
 */
export function RuleConditionFields(props: {
  when: RuleConditions;
  onChange(change: Partial<RuleConditions>): void;
  choices: RuleChoices | null;
  organizationName(id: number): string;
  codes: { activityTypes: string; statusCodes: string };
  onCodesChange(codes: { activityTypes: string; statusCodes: string }): void;
}) {
  const { when, onChange, choices, codes } = props;
  const seenSeverity = new Map(choices?.severities.map((s) => [s.severity, s.alerts]));
  const classes = [
    ...(choices?.nodeClasses ?? []),
    ...when.nodeClasses
      .filter((c) => !choices?.nodeClasses.some((n) => n.nodeClass === c))
      .map((nodeClass) => ({ nodeClass, devices: 0 })),
  ];
  const organizations = [
    ...(choices?.organizations ?? []),
    ...when.organizationIds
      .filter((id) => !choices?.organizations.some((o) => o.id === id))
      .map((id) => ({ id, name: props.organizationName(id), devices: 0 })),
  ];
  return (
    <>
      <ConditionField
        pattern={when.conditionPattern}
        seen={choices?.conditions ?? []}
        onChange={(conditionPattern) => onChange({ conditionPattern })}
      />
      <CodeChecks
        legend="Severity (none checked: any; alerts this week)"
        codes={severities}
        checked={when.severities}
        onChange={(severities) => onChange({ severities })}
        name={severityName}
        note={(s) => (seenSeverity.has(s) ? `(${seenSeverity.get(s)})` : '')}
      />
      <CodeChecks
        legend="Device class (none checked: any)"
        className="checklist rule-choices"
        codes={classes.map((c) => c.nodeClass)}
        checked={when.nodeClasses}
        onChange={(nodeClasses) => onChange({ nodeClasses })}
        name={nodeClassName}
        note={(c) => `(${devices(classes.find((n) => n.nodeClass === c)!.devices)})`}
      />
      <label>
        Organizations (none selected: any)
        <select
          multiple
          size={5}
          value={when.organizationIds.map(String)}
          onChange={(e) =>
            onChange({ organizationIds: [...e.target.selectedOptions].map((o) => Number(o.value)) })
          }
        >
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} · {devices(o.devices)}
            </option>
          ))}
        </select>
      </label>
      <CodeChecks
        legend="Priority (none checked: any)"
        codes={priorities}
        checked={when.priorities}
        onChange={(priorities) => onChange({ priorities })}
        name={codeWords}
      />
      <details>
        <summary>NinjaOne activity codes</summary>
        <div className="form-row">
          <TextField
            label="Activity types"
            value={codes.activityTypes}
            onChange={(activityTypes) => props.onCodesChange({ ...codes, activityTypes })}
            placeholder="CONDITION"
          />
          <TextField
            label="Status codes"
            value={codes.statusCodes}
            onChange={(statusCodes) => props.onCodesChange({ ...codes, statusCodes })}
            placeholder="TRIGGERED"
          />
        </div>
      </details>
    </>
  );
}
