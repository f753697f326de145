import { useState } from 'react';
import { consoleClient } from '../../rpc/client';
import { useNavigation } from '../../state/navigation-slice';
import { errorText } from '../../state/toasts-slice';
import { ErrorBanner } from '../../components/fields';

/** First run: connect a real NinjaOne account, or try everything on the demo workspace. */
export function Welcome() {
  const navigate = useNavigation((s) => s.navigate);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startDemo = (): void => {
    setStarting(true);
    setError(null);
    consoleClient()
      .call('app.startDemo', {})
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setStarting(false));
  };
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to the Alga Technician Console</h1>
      <p>
        Your NinjaOne fleet and Alga PSA tickets in one place, searchable offline, with alerts the moment they
        fire.
      </p>
      <div className="welcome-choices">
        <div className="card">
          <h2>Connect NinjaOne</h2>
          <p className="muted">
            Sign in to your NinjaOne instance, then add Alga PSA and, optionally, your team's relay.
          </p>
          <button type="button" className="primary" onClick={() => navigate('settings')}>
            Connect NinjaOne
          </button>
        </div>
        <div className="card">
          <h2>Explore the demo workspace</h2>
          <p className="muted">
            2,000 simulated devices, alerts that fire and reset every few seconds, and a simulated Alga PSA:
            every feature, no account.
          </p>
          <button type="button" className="primary" onClick={startDemo} disabled={starting}>
            {starting ? 'Starting the demo: signing in and syncing…' : 'Explore the demo workspace'}
          </button>
        </div>
      </div>
      <ErrorBanner message={error} />
    </section>
  );
}

/** While the demo runs: say so, and offer the way out. */
export function DemoBanner() {
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="demo-banner" role="status">
      Demo workspace: simulated NinjaOne and Alga PSA data.{' '}
      <button
        type="button"
        className="link-button"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void consoleClient()
            .call('app.leaveDemo', {})
            .finally(() => setLeaving(false));
        }}
      >
        {leaving ? 'Leaving…' : 'Leave the demo'}
      </button>
    </div>
  );
}
