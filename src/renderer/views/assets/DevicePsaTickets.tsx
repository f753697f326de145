import { useEffect, useState } from 'react';
import type { DevicePsaTickets as Side } from '../../../shared/contract/psa-tickets';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { AlertLink, TicketLink, useOpenInPsa } from '../tickets/TicketLink';

const matchLabels: Record<NonNullable<Side['asset']>['matchedBy'], string> = {
  rmm_device_id: "Alga's NinjaOne sync",
  asset_tag: 'its tag',
  serial: 'its serial number',
  created: 'this console created it',
  none: '',
};

function Age({ side, refreshing }: { side: Side; refreshing: boolean }) {
  return (
    <p className="muted psa-tickets-age" aria-live="polite">
      {refreshing ? 'Asking Alga PSA… ' : ''}
      {side.readAt !== null ? (
        <>
          As of <RelativeTime value={side.readAt} />
        </>
      ) : !refreshing ? (
        'Not read from Alga PSA yet.'
      ) : null}
      {side.asset?.id && side.asset.tag
        ? ` · asset ${side.asset.tag} (${matchLabels[side.asset.matchedBy]})`
        : ''}
    </p>
  );
}

/**
 * The PSA's side of a device: its open tickets in Alga PSA, read through its asset when the detail
 * opens and the PSA answers, else shown from the cache with how old they are.
 */
export function DevicePsaTickets({ deviceId }: { deviceId: number }) {
  const side = useQuery(
    'psaTickets.forDevice',
    { deviceId },
    {
      refreshOn: ['alerts'],
      refreshOnEvents: ['psaTickets.deviceChanged', 'tickets.changed', 'tickets.statusChanged'],
    },
  );
  const openInPsa = useOpenInPsa();
  // The device whose refresh on opening has finished, and a Refresh the technician asked for.
  const [openedFor, setOpenedFor] = useState<number | null>(null);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    let live = true;
    // The answer also arrives as psaTickets.deviceChanged; a failure is part of it, not thrown.
    void consoleClient()
      .call('psaTickets.refreshDevice', { deviceId })
      .catch(() => undefined)
      .finally(() => {
        if (live) setOpenedFor(deviceId);
      });
    return () => {
      live = false;
    };
  }, [deviceId]);
  const refresh = (): void => {
    setAsked(true);
    void consoleClient()
      .call('psaTickets.refreshDevice', { deviceId, force: true })
      .catch(() => undefined)
      .finally(() => setAsked(false));
  };

  const s = side.data;
  const refreshing = openedFor !== deviceId || asked;
  return (
    <section aria-label="Alga PSA tickets">
      <h3>Alga PSA tickets</h3>
      {!s ? (
        <p className="muted">{side.error ?? 'Loading…'}</p>
      ) : (
        <>
          <div className="actions">
            <Age side={s} refreshing={refreshing} />
            {s.connected ? (
              <button type="button" className="link-button" onClick={refresh} disabled={refreshing}>
                Refresh
              </button>
            ) : null}
          </div>
          {!s.connected ? (
            <p className="notice">
              Alga PSA is not connected (Settings → Alga PSA): showing what was cached.
            </p>
          ) : null}
          {s.error ? (
            <p className="error-banner">
              {s.error.message}
              {s.readAt !== null ? ' The list below is the cached one.' : ''}
            </p>
          ) : null}
          {s.asset && s.asset.id === null && s.tickets.length === 0 ? (
            <p className="muted">
              Alga PSA has no asset for this device (looked up <RelativeTime value={s.asset.checkedAt} />
              ): no tickets are linked to it.
            </p>
          ) : s.tickets.length === 0 ? (
            <p className="muted">{s.readAt !== null ? 'No open tickets.' : ''}</p>
          ) : (
            <ul className="plain-list" aria-label="Open tickets in Alga PSA">
              {s.tickets.map((t) => (
                <li key={t.id}>
                  <div>
                    <TicketLink ticketId={t.id} number={t.number} outboxId={t.outboxId} /> {t.title}
                  </div>
                  <div className="muted">
                    {[t.statusName, t.priorityName].filter(Boolean).join(' · ')}
                    {t.updatedAt !== null ? (
                      <>
                        {' '}
                        · updated <RelativeTime value={t.updatedAt} />
                      </>
                    ) : null}
                    {t.outboxId !== null ? (
                      <>
                        {' · '}
                        <button type="button" className="link-button" onClick={() => openInPsa(t.id)}>
                          Open in Alga PSA
                        </button>
                      </>
                    ) : null}
                  </div>
                  {t.alerts.length ? (
                    <ul className="plain-list" aria-label={`Alerts of ${t.number ?? 'the ticket'}`}>
                      {t.alerts.map((a) => (
                        <li key={a.uid}>
                          <AlertLink alert={a} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
