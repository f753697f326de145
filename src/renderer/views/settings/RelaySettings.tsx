import { useState } from 'react';
import { DisconnectButton } from '../../components/DisconnectButton';
import type { RelayStatus } from '../../../shared/contract/relay';
import { ErrorBanner, TextField } from '../../components/fields';
import { RelativeTime } from '../../format/RelativeTime';
import { useNow } from '../../format/use-now';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { useAction } from '../../rpc/use-action';

const stateLabels: Record<RelayStatus['state'], string> = {
  not_configured: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
};

function Status({ s }: { s: RelayStatus }) {
  const now = useNow();
  return (
    <dl className="fields">
      <dt>Status</dt>
      <dd>
        <span className={`connection connection-${s.state}`}>{stateLabels[s.state]}</span>
        {s.state === 'reconnecting' && s.nextAttemptAt && s.nextAttemptAt > now ? (
          <span className="muted"> (next try in {Math.ceil((s.nextAttemptAt - now) / 1000)} s)</span>
        ) : null}
      </dd>
      {s.url ? (
        <>
          <dt>Address</dt>
          <dd>{s.url}</dd>
          <dt>Last event</dt>
          <dd>
            <RelativeTime value={s.lastEventAt} empty="none yet" />
            {s.lastSeq !== null ? <span className="muted"> · #{s.lastSeq}</span> : null}
          </dd>
          <dt>Rules</dt>
          <dd>{s.rulesActive ? 'running: new alerts notify once the relay has decided' : 'none active'}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Events the console could not apply and set aside, so the stream went on without them. */
function Quarantined({ events }: { events: RelayStatus['quarantined'] }) {
  if (events.length === 0) return null;
  return (
    <div role="status" className="relay-quarantine">
      <p>
        <strong>{events.length === 1 ? '1 event was' : `${events.length} events were`} set aside</strong>{' '}
        after failing to apply {events.length === 1 ? 'several times' : 'each several times'}; the stream went
        on without {events.length === 1 ? 'it' : 'them'}. The next sync brings the cache up to date.
      </p>
      <ul>
        {events.map((e) => (
          <li key={`${e.seq}-${e.at}`}>
            #{e.seq} ({e.event}), <RelativeTime value={e.at} empty="" />: {e.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Register the relay with NinjaOne: its public URL and the webhook secret (sent to NinjaOne, kept nowhere here). */
function RegisterWebhook() {
  const [publicUrl, setPublicUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [header, setHeader] = useState('X-Relay-Secret');
  const action = useAction();
  return (
    <details>
      <summary>Register the webhook with NinjaOne</summary>
      <form
        className="settings-form"
        aria-label="Register webhook"
        onSubmit={(e) => {
          e.preventDefault();
          action.run('register', () =>
            consoleClient()
              .call('relay.registerWebhook', {
                publicUrl: publicUrl.trim(),
                secret,
                secretHeader: header.trim(),
              })
              .then((r) => {
                setSecret('');
                return `NinjaOne now delivers to ${r.url}`;
              }),
          );
        }}
      >
        <p className="muted">
          NinjaOne keeps one webhook per API app: this replaces the one of the app this console signed in
          with. The secret goes to NinjaOne only; the console does not keep it.
        </p>
        <TextField
          label="Relay public URL"
          value={publicUrl}
          onChange={setPublicUrl}
          placeholder="https://relay.example.com"
          required
        />
        <TextField label="Webhook secret" value={secret} onChange={setSecret} required secret />
        <TextField label="Secret header" value={header} onChange={setHeader} required />
        <div className="form-row">
          <button type="submit" disabled={action.busy !== null}>
            {action.busy ? 'Registering…' : 'Register webhook'}
          </button>
        </div>
        <ErrorBanner message={action.error} />
      </form>
    </details>
  );
}

/** The relay: address and console token (keychain), live status, admin token for the rules editor, webhook registration. */
export function RelaySettings() {
  const status = useQuery('relay.status', {}, { refreshOnEvents: ['relay.statusChanged'] });
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [adminToken, setAdminToken] = useState('');
  const action = useAction();
  const busy = action.busy !== null;
  const formError = action.error;
  const s = status.data;
  const run = (work: () => Promise<string>): void =>
    action.run('relay', () =>
      work().then((message) => {
        status.reload();
        return message;
      }),
    );

  return (
    <section className="card settings-card" aria-labelledby="relay-title">
      <h2 id="relay-title">Relay</h2>
      <p className="muted">
        The relay receives NinjaOne&apos;s webhooks and streams them here, so alerts arrive the moment they
        happen. It also keeps the team&apos;s alert-to-ticket ledger and the alert rules.
      </p>
      {s ? <Status s={s} /> : <p className="muted">Loading…</p>}
      {s?.state === 'reconnecting' && s.reason ? <p role="status">Disconnected: {s.reason}.</p> : null}
      {s ? <Quarantined events={s.quarantined} /> : null}
      {s && s.state !== 'not_configured' ? (
        <>
          <div className="form-row">
            <DisconnectButton from="relay" disabled={busy} run={run} />
          </div>
          <form
            className="form-row"
            aria-label="Relay admin token"
            onSubmit={(e) => {
              e.preventDefault();
              run(() =>
                consoleClient()
                  .call('relay.setAdminToken', { token: adminToken.trim() })
                  .then(() => {
                    setAdminToken('');
                    return 'The admin token is kept in the OS keychain: the rules editor is open';
                  }),
              );
            }}
          >
            {s.adminToken ? (
              <>
                <span className="muted">Admin token set (rules editor below).</span>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    run(() =>
                      consoleClient()
                        .call('relay.setAdminToken', { token: null })
                        .then(() => 'Admin token removed'),
                    )
                  }
                >
                  Forget admin token
                </button>
              </>
            ) : (
              <>
                <TextField
                  label="Admin token (to edit rules)"
                  value={adminToken}
                  onChange={setAdminToken}
                  required
                  secret
                />
                <button type="submit" disabled={busy}>
                  Save admin token
                </button>
              </>
            )}
          </form>
          <RegisterWebhook />
        </>
      ) : s ? (
        <form
          className="settings-form"
          aria-label="Connect the relay"
          onSubmit={(e) => {
            e.preventDefault();
            run(() =>
              consoleClient()
                .call('relay.connect', { url: url.trim(), token: token.trim() })
                .then((r) => {
                  setToken('');
                  return `Connected to the relay at ${r.url ?? url}`;
                }),
            );
          }}
        >
          <p className="muted">
            Your relay administrator gives you its address and a console token (
            <code>npm run relay -- token create --name you</code>). The token is kept in the OS keychain only.
          </p>
          <TextField
            label="Relay address"
            value={url}
            onChange={setUrl}
            placeholder="https://relay.example.com"
            required
          />
          <TextField label="Console token" value={token} onChange={setToken} required secret />
          <div className="form-row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Connecting…' : 'Connect relay'}
            </button>
          </div>
        </form>
      ) : null}
      <ErrorBanner message={formError} />
    </section>
  );
}
