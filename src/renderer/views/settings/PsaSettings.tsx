import { useState } from 'react';
import { DisconnectButton } from '../../components/DisconnectButton';
import { ErrorBanner, TextField } from '../../components/fields';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { useAction } from '../../rpc/use-action';

const healthLabels = {
  unknown: 'Not checked',
  ok: 'Connected',
  unreachable: 'Unreachable',
  unauthorized: 'Key refused',
  error: 'Error',
} as const;

/** Connect Alga PSA (address, API key to the keychain, optional tenant), test it, refresh its data. */
export function PsaSettings() {
  const status = useQuery('psa.status', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [tenantId, setTenantId] = useState('');
  const { busy, error: formError, run } = useAction();
  const s = status.data;

  const input = { baseUrl: baseUrl.trim(), apiKey: apiKey.trim(), tenantId: tenantId.trim() || null };

  return (
    <section className="card settings-card" aria-labelledby="psa-title">
      <h2 id="psa-title">Alga PSA</h2>
      {s ? (
        <dl className="fields">
          <dt>Status</dt>
          <dd>
            <span
              className={`connection connection-${s.configured && s.health.state === 'ok' ? 'connected' : s.configured ? 'error' : 'not_connected'}`}
            >
              {s.configured ? healthLabels[s.health.state] : 'Not connected'}
            </span>
          </dd>
          {s.host ? (
            <>
              <dt>Address</dt>
              <dd>{s.host}</dd>
            </>
          ) : null}
          {s.configured ? (
            <>
              <dt>Reference data</dt>
              <dd>
                {s.referenceData.clients} clients · {s.referenceData.boards} boards ·{' '}
                {s.referenceData.priorities} priorities
                {s.referenceData.refreshedAt ? (
                  <>
                    {' '}
                    · <RelativeTime value={s.referenceData.refreshedAt} />
                  </>
                ) : null}
              </dd>
              <dt>Outbox</dt>
              <dd>
                {s.outbox.pending + s.outbox.sending} waiting · {s.outbox.failed} failed · {s.outbox.sent}{' '}
                sent
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {s?.health.message && s.health.state !== 'ok' ? <p role="status">{s.health.message}</p> : null}
      {s?.configured ? (
        <div className="form-row">
          <button
            type="button"
            disabled={busy !== null}
            onClick={() =>
              run('test', () =>
                consoleClient()
                  .call('psa.testConnection', {})
                  .then((r) => {
                    if (!r.ok) throw new Error(r.message);
                    return `Alga PSA answered in ${r.latencyMs ?? '?'} ms`;
                  }),
              )
            }
          >
            Test connection
          </button>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() =>
              run('refresh', () =>
                consoleClient()
                  .call('psa.refreshReferenceData', {})
                  .then((r) => `Loaded ${r.clientCount} clients and ${r.boards.length} boards`),
              )
            }
          >
            Refresh clients and boards
          </button>
          <DisconnectButton from="psa" disabled={busy !== null} run={(task) => run('disconnect', task)} />
        </div>
      ) : s ? (
        <form
          className="settings-form"
          aria-label="Connect Alga PSA"
          onSubmit={(e) => {
            e.preventDefault();
            run('connect', () =>
              consoleClient()
                .call('psa.connect', input)
                .then((r) => `Connected to Alga PSA at ${r.host ?? input.baseUrl}`),
            );
          }}
        >
          <p className="muted">
            Create an API key in Alga PSA under your profile (API Keys). The key is kept in the OS keychain
            only.
          </p>
          <TextField
            label="Address"
            value={baseUrl}
            onChange={setBaseUrl}
            placeholder="https://algapsa.com"
            required
          />
          <TextField label="API key" value={apiKey} onChange={setApiKey} required secret />
          <label>
            Tenant id (optional)
            <input
              value={tenantId}
              onChange={(e) => setTenantId(e.target.value)}
              placeholder="Alga derives it from the key when empty"
            />
          </label>
          <div className="form-row">
            <button type="submit" className="primary" disabled={busy !== null}>
              {busy === 'connect' ? 'Connecting…' : 'Connect Alga PSA'}
            </button>
          </div>
        </form>
      ) : null}
      <ErrorBanner message={formError} />
    </section>
  );
}
