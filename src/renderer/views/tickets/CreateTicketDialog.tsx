import { useEffect, useState } from 'react';
import { useModalDialog } from '../../components/use-modal-dialog';
import type { TicketEdits, TicketPreview, TicketSource } from '../../../shared/contract/tickets';
import { NamedOptions } from '../../components/fields';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { errorText, useToasts } from '../../state/toasts-slice';
import { ErrorBanner } from '../../components/fields';

const outcomeText = {
  created: (n: string) => `Ticket ${n} created in Alga PSA`,
  existing: (n: string) => `This alert already has ticket ${n}`,
  queued: () => 'The PSA did not answer: the ticket is queued and will be sent once it does',
  failed: () => 'The PSA refused the ticket: see Tickets to edit and resend it',
} as const;

/**
 * The editable preview of a ticket for an alert or a device: title, board, priority and description
 * can change before sending; problems (an unmapped organization...) are shown instead of a failure.
 */
export function CreateTicketDialog({ source, onClose }: { source: TicketSource; onClose(): void }) {
  const [edits, setEdits] = useState<TicketEdits>({});
  const [preview, setPreview] = useState<TicketPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const reference = useQuery('psa.referenceData', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const toast = useToasts((s) => s.show);
  const navigate = useNavigation((s) => s.navigate);
  const dialog = useModalDialog();
  const editsKey = JSON.stringify({ boardId: edits.boardId, priorityId: edits.priorityId });
  const sourceKey = JSON.stringify(source);

  // The preview follows board and priority (the board decides the status); text edits stay local.
  useEffect(() => {
    const controller = new AbortController();
    consoleClient()
      .call(
        'tickets.preview',
        { source: JSON.parse(sourceKey) as TicketSource, edits: JSON.parse(editsKey) as TicketEdits },
        { signal: controller.signal },
      )
      .then((p) => {
        setPreview(p);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorText(e));
      });
    return () => controller.abort();
  }, [sourceKey, editsKey]);

  const send = (): void => {
    setSending(true);
    consoleClient()
      .call('tickets.create', { source, edits, requestId: crypto.randomUUID() })
      .then((result) => {
        const number = result.ticket?.number ?? result.ticket?.id ?? '';
        toast(result.outcome === 'failed' ? 'error' : 'success', outcomeText[result.outcome](number));
        onClose();
      })
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setSending(false));
  };

  const draft = preview?.draft;
  const boards = reference.data?.boards.filter((b) => !b.inactive) ?? [];
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="ticket-dialog-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <form
        method="dialog"
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <h2 id="ticket-dialog-title">
          {source.kind === 'alert' ? 'Create a ticket for this alert' : 'Create a ticket for this device'}
        </h2>
        {!preview && !error ? <p className="muted">Preparing the ticket…</p> : null}
        {preview ? (
          <p className="muted">
            {preview.device.name} · {preview.device.organizationName ?? 'no organization'} → client{' '}
            {preview.names.client ?? 'not mapped'}
          </p>
        ) : null}
        {preview?.existing ? (
          <div role="status" className="notice">
            This alert already has ticket {preview.existing.number ?? preview.existing.id}
            {preview.existing.statusName ? ` (${preview.existing.statusName})` : ''}: sending opens it instead
            of creating another.
          </div>
        ) : null}
        {preview?.problems.length ? (
          <ul className="problems" role="alert" aria-label="Why this ticket cannot be sent yet">
            {preview.problems.map((p) => (
              <li key={p.code + p.message}>
                {p.message}
                {p.code === 'unmapped_organization' ? (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => navigate('settings')}>
                      Map organizations
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {draft ? (
          <>
            <label>
              Title
              <input
                value={edits.title ?? draft.title}
                onChange={(e) => setEdits({ ...edits, title: e.target.value })}
                maxLength={255}
                required
              />
            </label>
            <div className="form-row">
              <label>
                Board
                <select
                  value={edits.boardId ?? draft.boardId ?? ''}
                  onChange={(e) => setEdits({ ...edits, boardId: e.target.value || undefined })}
                >
                  {draft.boardId === null ? <option value="">No board</option> : null}
                  <NamedOptions items={boards} />
                </select>
              </label>
              <label>
                Priority
                <select
                  value={edits.priorityId ?? draft.priorityId ?? ''}
                  onChange={(e) => setEdits({ ...edits, priorityId: e.target.value || undefined })}
                >
                  {draft.priorityId === null ? <option value="">No priority</option> : null}
                  <NamedOptions items={reference.data?.priorities} />
                </select>
              </label>
              <span className="muted">Status: {preview?.names.status ?? '—'}</span>
            </div>
            <label>
              Description
              <textarea
                rows={10}
                value={edits.description ?? draft.description}
                onChange={(e) => setEdits({ ...edits, description: e.target.value })}
              />
            </label>
          </>
        ) : null}
        <ErrorBanner message={error} />
        <div className="form-row">
          <button
            type="submit"
            className="primary"
            disabled={!preview || sending || (preview.problems.length > 0 && !preview.existing)}
          >
            {sending ? 'Sending…' : preview?.existing ? 'Open existing ticket' : 'Create ticket'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
