import { useRef, useState } from 'react';
import {
  defaultRedirectPath,
  defaultRedirectPort,
  ninjaOneInstances,
  type NinjaOneConnectInput,
  type NinjaOneInstance,
} from '../../../shared/contract/ninjaone';
import { AppError } from '../../../shared/rpc/errors';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { errorText, useToasts } from '../../state/toasts-slice';
import { Checkbox, ErrorBanner } from '../../components/fields';

const stateLabels: Record<string, string> = {
  not_connected: 'Not connected',
  connected: 'Connected',
  expired: 'Session expired',
  needs_reconnect: 'Reconnect needed',
  error: 'Error',
};

/** Connect, reconnect and disconnect NinjaOne; sign-in happens in the system browser. */
export function NinjaOneSettings() {
  const status = useQuery('ninjaone.status', {}, { refreshOnEvents: ['ninjaone.statusChanged'] });
  const toast = useToasts((s) => s.show);
  const [instance, setInstance] = useState<NinjaOneInstance | 'custom'>('app');
  const [host, setHost] = useState('');
  const [clientId, setClientId] = useState('');
  const [port, setPort] = useState(String(defaultRedirectPort));
  const [path, setPath] = useState(defaultRedirectPath);
  const [removeWebhook, setRemoveWebhook] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const signIn = useRef<AbortController | null>(null);
  const s = status.data;

  const connect = (): void => {
    const input: NinjaOneConnectInput = {
      ...(instance === 'custom' ? { host: host.trim() } : { instance }),
      clientId: clientId.trim(),
      redirectPort: Number(port),
      redirectPath: path,
    };
    const controller = new AbortController();
    signIn.current = controller;
    setWaiting(true);
    setFormError(null);
    consoleClient()
      .call('ninjaone.connect', input, { signal: controller.signal })
      .then((result) => toast('success', `Connected to NinjaOne at ${result.host ?? 'your instance'}`))
      .catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'cancelled') return;
        setFormError(errorText(e));
      })
      .finally(() => setWaiting(false));
  };

  const disconnect = (): void => {
    consoleClient()
      .call('ninjaone.disconnect', { removeWebhook })
      .then((result) =>
        toast(
          'success',
          result.webhookRemoved === false
            ? 'Disconnected; NinjaOne did not confirm the webhook removal'
            : 'Disconnected from NinjaOne',
        ),
      )
      .catch((e: unknown) => toast('error', errorText(e)));
  };

  const showForm = s && s.state !== 'connected';
  return (
    <section className="card settings-card" aria-labelledby="ninjaone-title">
      <h2 id="ninjaone-title">NinjaOne</h2>
      <ErrorBanner message={status.error} />
      {s ? (
        <dl className="fields">
          <dt>Status</dt>
          <dd>
            <span className={`connection connection-${s.state}`}>{stateLabels[s.state] ?? s.state}</span>
          </dd>
          {s.host ? (
            <>
              <dt>Instance</dt>
              <dd>{s.host}</dd>
            </>
          ) : null}
          {s.clientId ? (
            <>
              <dt>Client id</dt>
              <dd>{s.clientId}</dd>
            </>
          ) : null}
          {s.connectedAt ? (
            <>
              <dt>Signed in</dt>
              <dd>
                <RelativeTime value={s.connectedAt} />
              </dd>
            </>
          ) : null}
          {s.scopes.length ? (
            <>
              <dt>Scopes</dt>
              <dd>{s.scopes.join(', ')}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {s?.reason ? <p role="status">{s.reason}</p> : null}
      {s?.state === 'connected' ? (
        <div className="form-row">
          <Checkbox checked={removeWebhook} onChange={(checked) => setRemoveWebhook(checked)}>
            Also remove the webhook this app configured
          </Checkbox>
          <button type="button" onClick={disconnect}>
            Disconnect
          </button>
        </div>
      ) : null}
      {showForm ? (
        <form
          className="settings-form"
          aria-label="Connect NinjaOne"
          onSubmit={(e) => {
            e.preventDefault();
            connect();
          }}
        >
          <p className="muted">
            In NinjaOne, add a client app under Administration → Apps → API: platform <strong>Native</strong>,
            grant types Authorization Code and Refresh Token, scopes Monitoring, Management and Control, and
            the redirect URI{' '}
            <code>
              http://127.0.0.1:{port}
              {path}
            </code>
            .
          </p>
          <label>
            Instance
            <select
              value={instance}
              onChange={(e) => setInstance(e.target.value as NinjaOneInstance | 'custom')}
            >
              {Object.entries(ninjaOneInstances).map(([key, value]) => (
                <option key={key} value={key}>
                  {value}
                </option>
              ))}
              <option value="custom">Custom or branded host…</option>
            </select>
          </label>
          {instance === 'custom' ? (
            <label>
              Host
              <input
                value={host}
                onChange={(e) => setHost(e.target.value)}
                placeholder="acme.rmmservice.com"
                required
              />
            </label>
          ) : null}
          <label>
            Client id
            <input
              value={clientId}
              onChange={(e) => setClientId(e.target.value)}
              required
              autoComplete="off"
            />
          </label>
          <details>
            <summary>Redirect (must match the app in NinjaOne)</summary>
            <label>
              Port
              <input
                value={port}
                onChange={(e) => setPort(e.target.value)}
                inputMode="numeric"
                pattern="[0-9]{4,5}"
              />
            </label>
            <label>
              Path
              <input value={path} onChange={(e) => setPath(e.target.value)} />
            </label>
          </details>
          <ErrorBanner message={formError} />
          <div className="form-row">
            {waiting ? (
              <>
                <span role="status">Waiting for you to sign in to NinjaOne in your browser…</span>
                <button type="button" onClick={() => signIn.current?.abort()}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="submit" className="primary">
                {s?.state === 'not_connected' ? 'Connect NinjaOne' : 'Reconnect'}
              </button>
            )}
          </div>
        </form>
      ) : null}
    </section>
  );
}
