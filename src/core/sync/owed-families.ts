import { z } from 'zod';
import type { Cache } from '../cache/cache';
import type { InventoryPhase } from './inventory';

const OWED_CHECKPOINT = 'families.owed';
const owedSchema = z.partialRecord(
  z.enum(['software', 'patches', 'antivirus']),
  z.union([z.literal('all'), z.array(z.number().int())]),
);
export type Owed = Partial<Record<InventoryPhase, 'all' | number[]>>;

/**
 * Inventory a sync could not read for a while (NinjaOne kept failing it) and the next sync reads
 * again: a whole family after a full pass skipped it, or the devices an incremental sync could not
 * refresh. A refusal (403/404) is not owed: it waits for the next full reconcile.
 */
export function owedFamilies(cache: Cache): Owed {
  const raw = cache.syncState.checkpoint(OWED_CHECKPOINT);
  if (raw === null) return {};
  const parsed = owedSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : {};
}

/** Adds to what is owed; call in the transaction of the data that did not come. */
export function owe(cache: Cache, phase: InventoryPhase, what: 'all' | readonly number[], at: number): void {
  const owed = owedFamilies(cache);
  const before = owed[phase];
  owed[phase] =
    what === 'all' || before === 'all'
      ? 'all'
      : [...new Set([...(before ?? []), ...what])].sort((a, b) => a - b);
  cache.syncState.setCheckpoint(OWED_CHECKPOINT, JSON.stringify(owed), at);
}

/** The family was read since: nothing of it is owed any more. */
export function settle(cache: Cache, phase: InventoryPhase, at: number): void {
  const owed = owedFamilies(cache);
  if (!(phase in owed)) return;
  delete owed[phase];
  cache.syncState.setCheckpoint(OWED_CHECKPOINT, JSON.stringify(owed), at);
}
