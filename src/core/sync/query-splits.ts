import { DEVICE_BATCH, idFilter, isCursorExpiry, type Page } from '../ninjaone';
import { readAhead } from './read-ahead';

/** A cached device where a split walk meets it: ordered by organization (none first), then id. */
export interface DeviceSlot {
  organizationId: number | null;
  id: number;
}

/** The last (organization, device) a walk finished: it resumes after it. Organization -1 is "none". */
export type SplitCut = [organizationId: number, deviceId: number];

/** Devices a split starts with: small organizations are grouped up to this many. */
export const FIRST_SPLIT_DEVICES = 2000;
/** Expired cursors a split may meet before its family is given up for this sync. */
export const SPLIT_RESTARTS = 3;

interface Split {
  df: string;
  from: number;
  to: number;
}

const orgKey = (slot: DeviceSlot): number => slot.organizationId ?? -1;

/** Index of the first slot after `cut` (0 for none). */
export function slotAfter(layout: readonly DeviceSlot[], cut: SplitCut | null): number {
  if (cut === null) return 0;
  let lo = 0;
  let hi = layout.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const slot = layout[mid]!;
    const after = orgKey(slot) > cut[0] || (orgKey(slot) === cut[0] && slot.id > cut[1]);
    if (after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The split starting at `from`: whole organizations (`df=org in (...)`) while they fit in `size`
 * devices, or, for an organization larger than that (and devices without one), a slice of its
 * devices by id (`df=id in (...)`, short enough for a URL).
 */
export function splitAt(layout: readonly DeviceSlot[], from: number, size: number): Split {
  const org = layout[from]!.organizationId;
  const atOrgStart = from === 0 || layout[from - 1]!.organizationId !== org;
  if (org !== null && atOrgStart) {
    const orgs: number[] = [];
    let to = from;
    while (to < layout.length) {
      const next = layout[to]!.organizationId;
      if (next === null) break;
      let end = to;
      while (end < layout.length && layout[end]!.organizationId === next) end++;
      if (end - from > size) break;
      orgs.push(next);
      to = end;
    }
    if (orgs.length > 0) {
      return { df: orgs.length === 1 ? `org = ${orgs[0]}` : `org in (${orgs.join(',')})`, from, to };
    }
  }
  const limit = Math.max(1, Math.min(size, DEVICE_BATCH));
  let to = from;
  while (to < layout.length && to - from < limit && layout[to]!.organizationId === org) to++;
  return { df: idFilter(layout.slice(from, to).map((s) => s.id)), from, to };
}

export interface SplitWalk {
  /** Cached devices in split order. */
  layout: readonly DeviceSlot[];
  /** Resume after this device (null: from the start). */
  cut: SplitCut | null;
  /** Devices per split now; shrinks when a cursor expires, for the rest of the sync. */
  sizer: { devices: number };
  /** The query's pages for one split, restarting never (an expiry comes back as an error). */
  pages(df: string): AsyncGenerator<Page<unknown>>;
  /** A page of the split being read. */
  onPage(page: Page<unknown>): void;
  /** The split's cursor expired: what `onPage` got from it comes again. */
  onRestart(): void;
  /** A split was read to its end: everything up to `cut` is in. */
  onSplitDone(cut: SplitCut): void;
}

/**
 * Reads one fleet query split by organization, so no cursor has to outlive its expiry over 50,000
 * devices. A split whose cursor expires is read again smaller (sized by how far it got), at most
 * `SPLIT_RESTARTS` times, then the error goes to the caller, which skips the family for this sync.
 */
export async function walkSplits(walk: SplitWalk): Promise<void> {
  const { layout, sizer } = walk;
  let from = slotAfter(layout, walk.cut);
  let restarts = 0;
  while (from < layout.length) {
    const split = splitAt(layout, from, sizer.devices);
    const reached = new Set<number>();
    try {
      for await (const page of readAhead(walk.pages(split.df))) {
        for (const item of page.items) {
          const deviceId = (item as { deviceId?: unknown }).deviceId;
          if (typeof deviceId === 'number') reached.add(deviceId);
        }
        walk.onPage(page);
      }
    } catch (error) {
      if (!isCursorExpiry(error) || ++restarts > SPLIT_RESTARTS) throw error;
      walk.onRestart();
      // The cursor lived long enough for `reached` devices: the next splits ask for fewer than that.
      const fit = reached.size > 0 ? Math.floor(reached.size * 0.6) : Infinity;
      sizer.devices = Math.max(1, Math.min(Math.floor(sizer.devices / 2), fit));
      continue;
    }
    const last = layout[split.to - 1]!;
    walk.onSplitDone([orgKey(last), last.id]);
    from = split.to;
    restarts = 0;
  }
}
