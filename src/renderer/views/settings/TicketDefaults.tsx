import { severities } from '../../../shared/contract/domain';
import type { TicketSettings } from '../../../shared/contract/tickets';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { errorText, useToasts } from '../../state/toasts-slice';
import { Checkbox } from '../../components/fields';

/** Board, priority per severity, asset linking and the follow-up rules for new tickets. */
export function TicketDefaults() {
  const settings = useQuery('tickets.settings', {});
  const reference = useQuery('psa.referenceData', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const toast = useToasts((s) => s.show);
  const save = (patch: Partial<TicketSettings>): void => {
    consoleClient()
      .call('tickets.saveSettings', patch)
      .then(() => {
        settings.reload();
        toast('success', 'Ticket defaults saved');
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const s = settings.data;
  const r = reference.data;
  if (!s) return null;
  return (
    <section className="card settings-card" aria-labelledby="ticket-defaults-title">
      <h2 id="ticket-defaults-title">Ticket defaults</h2>
      {!r?.boards.length ? <p className="muted">Connect Alga PSA to choose a board and priorities.</p> : null}
      <label>
        Board
        <select value={s.boardId ?? ''} onChange={(e) => save({ boardId: e.target.value || null })}>
          <option value="">The PSA's default board</option>
          {r?.boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Priority per NinjaOne severity</legend>
        {[...severities].reverse().map((sev) => (
          <label key={sev} className="inline">
            <span className="severity-label">{sev.toLowerCase()}</span>
            <select
              value={s.priorityBySeverity[sev] ?? ''}
              onChange={(e) =>
                save({ priorityBySeverity: { ...s.priorityBySeverity, [sev]: e.target.value || undefined } })
              }
            >
              <option value="">Match by name</option>
              {r?.priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <label>
        Device asset in the PSA
        <select
          value={s.assetLink}
          onChange={(e) => save({ assetLink: e.target.value as TicketSettings['assetLink'] })}
        >
          <option value="find_or_create">Link it, creating the asset when missing</option>
          <option value="find_only">Link it only when it exists</option>
          <option value="off">Do not link</option>
        </select>
      </label>
      <Checkbox checked={s.resetAlertOnClose} onChange={(checked) => save({ resetAlertOnClose: checked })}>
        Reset the NinjaOne alert when its ticket is closed
      </Checkbox>
      <Checkbox
        checked={s.commentOnAlertReset}
        onChange={(checked) => save({ commentOnAlertReset: checked })}
      >
        Comment on the ticket when NinjaOne resets its alert first
      </Checkbox>
    </section>
  );
}
