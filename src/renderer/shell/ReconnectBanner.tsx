import { useCoreConnection } from './core-connection';

/** Shown instead of a blank window while the core is down: what happened and what the console does. */
export function ReconnectBanner() {
  const status = useCoreConnection((state) => state.status);
  if (status.state === 'restarting') {
    return (
      <div className="core-banner" role="status" data-testid="core-reconnecting">
        The console&apos;s background service stopped ({status.reason}). Reconnecting, attempt{' '}
        {status.attempt}… Cached data comes back as soon as it is running again.
      </div>
    );
  }
  if (status.state === 'failed') {
    return (
      <div className="core-banner error-banner" role="alert" data-testid="core-failed">
        The console&apos;s background service could not start: {status.message}
      </div>
    );
  }
  return null;
}
