import { useEffect } from 'react';
import { useAssetList, useAssetsView } from '../../state/assets-slice';
import { useNavigation } from '../../state/navigation-slice';
import { AssetDetail } from './AssetDetail';
import { AssetFilters } from './AssetFilters';
import { AssetList } from './AssetList';

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
  const deviceId = item && /^\d+$/.test(item) ? Number(item) : null;

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
        </header>
        <AssetFilters />
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
          <AssetList />
        )}
      </section>
      {deviceId !== null ? <AssetDetail id={deviceId} /> : null}
    </div>
  );
}
