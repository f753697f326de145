import { RelativeTime } from '../../format/RelativeTime';
import { useAction } from '../../rpc/use-action';
import { consoleClient } from '../../rpc/client';
import { useSyncStatus } from '../../state/sync-slice';
import { ErrorBanner } from '../../components/fields';

const plural = (n: number, one: string, many: string): string =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * A deletion the last full sync held back instead of making (too much of the fleet at once, or a
 * whole organization NinjaOne still lists): what it would remove, why it waited, and the one click
 * that makes it. Until then the devices stay in the cache.
 */
export function HeldDeletion() {
  const held = useSyncStatus((s) => s.status?.heldDeletion ?? null);
  const running = useSyncStatus((s) => s.status?.state === 'running');
  const action = useAction();
  if (!held) return null;
  const what = [
    plural(held.devices, 'device', 'devices'),
    ...(held.organizations > 0 ? [plural(held.organizations, 'organization', 'organizations')] : []),
  ].join(' and ');
  const confirm = (): void =>
    action.run('delete', async () => {
      const removed = await consoleClient().call('sync.confirmDeletion', { runId: held.runId });
      return `Removed ${plural(removed.devices, 'device', 'devices')} NinjaOne no longer lists`;
    });
  return (
    <section className="held-deletion" aria-labelledby="held-deletion-title">
      <h2 id="held-deletion-title">Deletion held: {what} no longer listed by NinjaOne</h2>
      <p>
        The full sync <RelativeTime value={held.heldAt} /> did not delete them: {held.reason}. They stay in
        the cache ({plural(held.fleet, 'device', 'devices')} in all) until you confirm.
      </p>
      {held.examples.length > 0 ? (
        <p className="muted">
          Among them: {held.examples.join(', ')}
          {held.devices > held.examples.length ? ', …' : ''}
        </p>
      ) : null}
      <p className="muted">
        If they were removed in NinjaOne, delete them here. If not, check what the NinjaOne account may see
        and run a full sync: devices it lists again are kept.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary danger"
          onClick={confirm}
          disabled={running || action.busy !== null}
        >
          {action.busy ? 'Deleting…' : `Delete ${what}`}
        </button>
        {running ? <span className="muted">A sync is running; confirm when it has finished.</span> : null}
      </div>
      <ErrorBanner message={action.error} />
    </section>
  );
}
