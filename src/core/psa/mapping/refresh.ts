import type { Cache } from '../../cache/cache';
import { OrgClientMapRepository } from './repository';

/**
 * For the sync engine: call after writing organizations. Recomputes every organization's suggested
 * PSA client from the cached clients (none until a PSA is connected); confirmed choices are kept.
 */
export function refreshMappingSuggestions(
  cache: Cache,
  now = Date.now(),
): { organizations: number; suggested: number } {
  return new OrgClientMapRepository(cache.db).refreshSuggestions(now);
}
