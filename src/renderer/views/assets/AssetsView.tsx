import { useCallback, useEffect, useState } from 'react';
import type { AssetRow } from '../../../shared/contract/assets';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';
import { useAssetList, useAssetSelection, useAssetsView } from '../../state/assets-slice';
import { useNavigation } from '../../state/navigation-slice';
import { useSyncStatus } from '../../state/sync-slice';
import { ActiveFilters } from './ActiveFilters';
import { AssetDetail } from './AssetDetail';
import { AssetFilters } from './AssetFilters';
import { AssetList } from './AssetList';
import { CreateTicketDialog } from '../tickets/CreateTicketDialog';
import { ExportButton } from '../../components/ExportButton';
import { DeviceBulkBar } from './DeviceBulkBar';

export function AssetsView() {
  const search = useAssetsView((s) => s.search);
  const setSearch = useAssetsView((s) => s.setSearch);
  const refresh = useAssetsView((s) => s.refresh);
  const filter = useAssetsView((s) => s.filter);
  const total = useAssetList((s) => s.total);
  const loading = useAssetList((s) => s.loading);
  const error = useAssetList((s) => s.error);
  const query = useAssetList((s) => s.query);
  const item = useNavigation((s) => s.route.item);
  const statusReadAt = useSyncStatus((s) => s.status?.statusReadAt ?? null);
  const sweepMinutes = useSyncStatus((s) => s.status?.statusSweepMinutes ?? null);
  const [readingStatus, setReadingStatus] = useState(false);
  const toast = useToasts((s) => s.show);
  const deviceId = item && /^\d+$/.test(item) ? Number(item) : null;
  const [ticketFor, setTicketFor] = useState<number | null>(null);
  const sort = useAssetsView((s) => s.sort);
  const toggle = useAssetSelection((s) => s.toggle);
  const onRowKey = useCallback(
    (row: AssetRow, key: string): boolean => {
      if (key === 'x') toggle(row.id);
      else if (key === 't') setTicketFor(row.id);
      else return false;
      return true;
    },
    [toggle],
  );

  useEffect(() => {
    if (!query) refresh();
  }, [query, refresh]);

  return (
    <div className={`split${deviceId !== null ? ' with-detail' : ''}`}>
      <section className="view" aria-labelledby="assets-title">
        <header className="view-header">
          <h1 id="assets-title">Assets</h1>
          <input
            type="search"
            className="search"
            placeholder="Search name, serial, user, IP or MAC"
            aria-label="Search devices"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span className="result-count" role="status" aria-live="polite">
            {total === null
              ? loading
                ? 'Loading…'
                : ''
              : `${total.toLocaleString()} device${total === 1 ? '' : 's'}`}
          </span>
          <span className="status-age">
            <span
              data-testid="status-age"
              title={
                sweepMinutes === null
                  ? undefined
                  : `Status and last contact are read from NinjaOne every ${sweepMinutes} minute${sweepMinutes === 1 ? '' : 's'}`
              }
            >
              Status read <RelativeTime value={statusReadAt} empty="never" />
            </span>
            <button
              type="button"
              className="link-button"
              disabled={readingStatus}
              onClick={() => {
                setReadingStatus(true);
                consoleClient()
                  .call('sync.readStatus', {})
                  .then((read) => {
                    if (read && read.changed > 0) refresh();
                    if (!read)
                      toast(
                        'info',
                        'Status cannot be read now: NinjaOne is not synced yet, or a full sync runs.',
                      );
                  })
                  .catch((e: unknown) => toast('error', errorText(e)))
                  .finally(() => setReadingStatus(false));
              }}
            >
              {readingStatus ? 'Reading…' : 'Read status now'}
            </button>
          </span>
          <ExportButton
            request={{
              list: 'assets',
              filter: search.trim() ? { ...filter, search: search.trim() } : filter,
              sort,
            }}
            label="Export CSV"
          />
        </header>
        <AssetFilters />
        <ActiveFilters />
        <DeviceBulkBar
          selection={useAssetSelection}
          nameOf={(id) => useAssetList.getState().rows.find((r) => r.id === id)?.name}
          loadedIds={() => useAssetList.getState().rows.map((r) => r.id)}
          exportSelection={(ids) => ({ list: 'assets', ids })}
        />
        {error ? (
          <div className="error-banner" role="alert">
            {error}
          </div>
        ) : null}
        {total === 0 && !loading ? (
          <div className="empty-state">
            {search || Object.values(filter).some((v) => v !== undefined) ? (
              <p>No device matches this search and these filters.</p>
            ) : (
              <p>The cache holds no devices yet. Connect NinjaOne and run a sync to fill it.</p>
            )}
          </div>
        ) : (
          <AssetList onRowKey={onRowKey} />
        )}
      </section>
      {deviceId !== null ? <AssetDetail id={deviceId} /> : null}
      {ticketFor !== null ? (
        <CreateTicketDialog
          source={{ kind: 'device', deviceId: ticketFor }}
          onClose={() => setTicketFor(null)}
        />
      ) : null}
    </div>
  );
}
