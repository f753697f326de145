import { useState } from 'react';
import { useModalDialog } from '../../components/use-modal-dialog';
import type { AlertRow } from '../../../shared/contract/alerts';
import { useAlertActions } from './alert-actions';

/**
 * "t" with alerts selected: one ticket per alert, after a confirmation a keyboard answers with Enter
 * (a single key must not send tickets to the PSA on its own).
 */
export function BulkTicketDialog({
  uids,
  rows,
  onClose,
}: {
  uids: string[];
  /** The loaded rows, to name the alerts; a selected alert not loaded is counted, not named. */
  rows: AlertRow[];
  onClose(): void;
}) {
  const dialog = useModalDialog();
  const [sending, setSending] = useState(false);
  const { createTickets } = useAlertActions();
  const named = uids.map((uid) => rows.find((r) => r.uid === uid)).filter((r) => r !== undefined);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="bulk-ticket-title" onClose={onClose}>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSending(true);
          void createTickets(uids).finally(onClose);
        }}
      >
        <h2 id="bulk-ticket-title">
          Create tickets for {uids.length} alert{uids.length === 1 ? '' : 's'}
        </h2>
        <p className="muted">
          One ticket per alert, from the ticket defaults; an alert that has one keeps it.
        </p>
        <ul className="plain-list">
          {named.map((a) => (
            <li key={a.uid}>
              <span className={`severity severity-${a.severity}`}>{a.severity.toLowerCase()}</span>{' '}
              {a.conditionName ?? a.subject ?? 'Alert'} on {a.deviceName}
            </li>
          ))}
          {named.length < uids.length ? (
            <li className="muted">and {uids.length - named.length} more</li>
          ) : null}
        </ul>
        <div className="form-row">
          <button type="submit" className="primary" autoFocus disabled={sending}>
            {sending ? 'Creating…' : `Create ${uids.length} ticket${uids.length === 1 ? '' : 's'}`}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
