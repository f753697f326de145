import { useState } from 'react';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { useAssetsView } from '../../state/assets-slice';
import { errorText, useToasts } from '../../state/toasts-slice';

/** Apply a saved filter, save the current one under a name, or delete one. */
export function SavedFilters() {
  const saved = useQuery('assets.savedFilters', {});
  const search = useAssetsView((s) => s.search);
  const filter = useAssetsView((s) => s.filter);
  const openQuery = useAssetsView((s) => s.openQuery);
  const toast = useToasts((s) => s.show);
  const [naming, setNaming] = useState<string | null>(null);
  const [selected, setSelected] = useState('');

  const apply = (id: string): void => {
    setSelected(id);
    const found = saved.data?.items.find((f) => String(f.id) === id);
    if (!found) return;
    openQuery(found.filter);
  };
  const save = (name: string): void => {
    consoleClient()
      .call('assets.saveFilter', {
        name,
        filter: search.trim() ? { ...filter, search: search.trim() } : filter,
      })
      .then((f) => {
        setNaming(null);
        setSelected(String(f.id));
        saved.reload();
        toast('success', `Filter “${f.name}” saved`);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const remove = (): void => {
    const found = saved.data?.items.find((f) => String(f.id) === selected);
    if (!found) return;
    consoleClient()
      .call('assets.deleteFilter', { id: found.id })
      .then(() => {
        setSelected('');
        saved.reload();
        toast('success', `Filter “${found.name}” deleted`);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };

  return (
    <div className="saved-filters">
      <label>
        Saved filters
        <select value={selected} onChange={(e) => apply(e.target.value)}>
          <option value="">{saved.data?.items.length ? 'Choose…' : 'None yet'}</option>
          {saved.data?.items.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {selected ? (
        <button type="button" className="link-button" onClick={remove}>
          Delete
        </button>
      ) : null}
      {naming === null ? (
        <button type="button" className="link-button" onClick={() => setNaming('')}>
          Save this filter…
        </button>
      ) : (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (naming.trim()) save(naming.trim());
          }}
        >
          <input
            aria-label="Name of the saved filter"
            value={naming}
            onChange={(e) => setNaming(e.target.value)}
            autoFocus
            maxLength={80}
          />
          <button type="submit">Save</button>
          <button type="button" className="link-button" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
