import type { AlertRule } from '../../../shared/relay/rules';
import { ruleActionLabels, ruleSummary } from './rule-words';

/** The rules in order (first match wins), each with its summary and its move, edit and delete buttons. */
export function RuleList(props: {
  rules: readonly AlertRule[];
  organizationName(id: number): string;
  onMove(index: number, by: -1 | 1): void;
  onEdit(index: number): void;
  onDelete(index: number): void;
}) {
  const { rules } = props;
  if (rules.length === 0)
    return <div className="empty-state">No rules: every alert notifies, and tickets are made by hand.</div>;
  return (
    <ol className="rule-list" aria-label="Alert rules">
      {rules.map((rule, index) => (
        <li key={rule.id} className={rule.enabled ? '' : 'muted'}>
          <div>
            <strong>
              {index + 1}. {rule.name}
            </strong>{' '}
            → {ruleActionLabels[rule.action.type]}
            {rule.enabled ? '' : ' (off)'}
            <div className="muted">{ruleSummary(rule, props.organizationName)}</div>
          </div>
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Move ${rule.name} up`}
              disabled={index === 0}
              onClick={() => props.onMove(index, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Move ${rule.name} down`}
              disabled={index === rules.length - 1}
              onClick={() => props.onMove(index, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Edit ${rule.name}`}
              onClick={() => props.onEdit(index)}
            >
              Edit
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Delete ${rule.name}`}
              onClick={() => props.onDelete(index)}
            >
              Delete
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
