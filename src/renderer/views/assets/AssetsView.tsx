import { useEffect } from 'react';
import { useAssetsStore } from '../../state/assets-slice';
import { AssetList } from './AssetList';

export function AssetsView() {
  const search = useAssetsStore((s) => s.search);
  const setSearch = useAssetsStore((s) => s.setSearch);
  const total = useAssetsStore((s) => s.total);
  const loading = useAssetsStore((s) => s.loading);
  const error = useAssetsStore((s) => s.error);
  const reload = useAssetsStore((s) => s.reload);

  useEffect(() => {
    reload();
  }, [reload]);

  return (
    <section className="view" aria-labelledby="assets-title">
      <header className="view-header">
        <h1 id="assets-title">Assets</h1>
        <input
          type="search"
          className="search"
          placeholder="Search name, serial, user or IP"
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
      {error ? (
        <div className="error-banner" role="alert">
          {error}
        </div>
      ) : null}
      {total === 0 && !loading ? (
        <div className="empty-state">
          {search ? (
            <p>No device matches “{search}”.</p>
          ) : (
            <p>The cache holds no devices yet. Connect NinjaOne and run a sync to fill it.</p>
          )}
        </div>
      ) : (
        <AssetList />
      )}
    </section>
  );
}
