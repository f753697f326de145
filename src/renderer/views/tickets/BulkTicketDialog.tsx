import { useEffect, useRef, useState } from 'react';
import type { TicketEdits, TicketSource } from '../../../shared/contract/tickets';
import { NamedOptions } from '../../components/fields';
import { useModalDialog } from '../../components/use-modal-dialog';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { errorText, useToasts } from '../../state/toasts-slice';

/** One selected row: an alert (with its device) or a device. */
export interface BulkTicketItem {
  key: string;
  alertUid?: string;
  deviceId: number;
  label: string;
}

/** Sends the tickets side by side and sums their outcomes up in one toast. */
function useCreateTickets() {
  const toast = useToasts((s) => s.show);
  return (sources: TicketSource[], edits: TicketEdits): Promise<void> =>
    Promise.allSettled(
      sources.map((source) =>
        consoleClient().call('tickets.create', { source, edits, requestId: crypto.randomUUID() }),
      ),
    ).then((results) => {
      const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : 'error'));
      const count = (o: string): number => outcomes.filter((x) => x === o).length;
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      const failed = count('failed') + count('error');
      toast(
        failed ? 'error' : 'success',
        `${count('created')} created, ${count('existing')} already had one, ${count('queued')} queued` +
          (failed ? `, ${failed} refused${refused ? `: ${errorText(refused.reason)}` : ''}` : ''),
      );
    });
}

/**
 * Tickets for a selection, after a confirmation a keyboard answers with Enter (a single key must not
 * send tickets to the PSA on its own). Board and priority apply to all; left empty, each ticket takes
 * the ticket defaults. Alerts can make one ticket each, or one per device (its alerts together).
 */
export function BulkTicketDialog({
  items,
  total,
  onDone,
  onClose,
}: {
  items: BulkTicketItem[];
  /** The selection's size; items not loaded are counted, not named. */
  total?: number;
  onDone?(): void;
  onClose(): void;
}) {
  const dialog = useModalDialog();
  const confirm = useRef<HTMLButtonElement>(null);
  // showModal focuses the first control (a choice); Enter should confirm, as with one ticket.
  useEffect(() => confirm.current?.focus(), []);
  const [sending, setSending] = useState(false);
  const [edits, setEdits] = useState<TicketEdits>({});
  const alerts = items.some((i) => i.alertUid);
  const [perDevice, setPerDevice] = useState(!alerts);
  const reference = useQuery('psa.referenceData', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const createTickets = useCreateTickets();
  // An alert selected but not loaded has no known device (NaN): it counts per alert only.
  const devices = [...new Set(items.map((i) => i.deviceId))].filter((id) => !Number.isNaN(id));
  const sources: TicketSource[] = perDevice
    ? devices.map((deviceId) => ({ kind: 'device', deviceId }))
    : items.flatMap((i) => (i.alertUid ? [{ kind: 'alert' as const, alertUid: i.alertUid }] : []));
  const count = sources.length;
  const boards = reference.data?.boards.filter((b) => !b.inactive) ?? [];
  const shown = items.slice(0, 8);
  const more = (total ?? items.length) - shown.length;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="bulk-ticket-title" onClose={onClose}>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSending(true);
          void createTickets(sources, edits).then(onDone).finally(onClose);
        }}
      >
        <h2 id="bulk-ticket-title">
          Create tickets for {total ?? items.length} {alerts ? 'alert' : 'device'}
          {(total ?? items.length) === 1 ? '' : 's'}
        </h2>
        {alerts ? (
          <fieldset className="choice-row">
            <legend>Tickets</legend>
            <label>
              <input type="radio" name="per" checked={!perDevice} onChange={() => setPerDevice(false)} /> One
              per alert
            </label>
            <label>
              <input type="radio" name="per" checked={perDevice} onChange={() => setPerDevice(true)} /> One
              per device ({devices.length})
            </label>
          </fieldset>
        ) : null}
        <label>
          Board
          <select
            value={edits.boardId ?? ''}
            onChange={(e) => setEdits({ ...edits, boardId: e.target.value || undefined })}
          >
            <option value="">Ticket defaults</option>
            <NamedOptions items={boards} />
          </select>
        </label>
        <label>
          Priority
          <select
            value={edits.priorityId ?? ''}
            onChange={(e) => setEdits({ ...edits, priorityId: e.target.value || undefined })}
          >
            <option value="">Ticket defaults (by severity)</option>
            <NamedOptions items={reference.data?.priorities} />
          </select>
        </label>
        <p className="muted">An alert that already has a ticket keeps it.</p>
        <ul className="plain-list">
          {shown.map((i) => (
            <li key={i.key}>{i.label}</li>
          ))}
          {more > 0 ? <li className="muted">and {more} more</li> : null}
        </ul>
        <div className="form-row">
          <button ref={confirm} type="submit" className="primary" disabled={sending || count === 0}>
            {sending ? 'Creating…' : `Create ${count} ticket${count === 1 ? '' : 's'}`}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
