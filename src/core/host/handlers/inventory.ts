import type { Cache } from '../../cache/cache';
import type { Handlers } from '../rpc-server';

type InventoryProcedures =
  | 'software.titles'
  | 'software.versions'
  | 'software.installs'
  | 'assets.software'
  | 'patches.byOrganization'
  | 'patches.byPatch'
  | 'patches.devices'
  | 'assets.patches';

/** Fleet software and patch questions, answered from the cache (work offline). */
export function inventoryHandlers(cache: Cache): Pick<Handlers, InventoryProcedures> {
  const compliance = cache.patchCompliance;
  return {
    'software.titles': ({ search, cursor, limit }) => cache.software.titles({ search, cursor, limit }),
    'software.versions': ({ titleId }) => cache.software.versions(titleId),
    'software.installs': ({ name, version, titleId, cursor, limit }) =>
      cache.software.installs({ name, version, titleId, cursor, limit }),
    'assets.software': ({ id, search, cursor, limit }) =>
      cache.software.forDevicePage(id, search, cursor, limit),
    'patches.byOrganization': ({ cursor, limit, sort }) => compliance.byOrganization(cursor, limit, sort),
    'patches.byPatch': ({ kind, state, search, sort, cursor, limit }) =>
      compliance.byPatch({ kind, state, search, sort, cursor, limit }),
    'patches.devices': ({ kind, name, state, pendingForDays, sort, cursor, limit }) =>
      compliance.devices({ kind, name, state, pendingForDays, sort, cursor, limit }),
    'assets.patches': ({ id }) => {
      const items = cache.patches.forDevice(id);
      return { items: items.slice(0, 5000), truncated: items.length > 5000 };
    },
  };
}
