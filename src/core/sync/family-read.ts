import type { QuarantinedRecord } from '../ninjaone';
import type { FamilyName } from './families';
import type { InventoryFamily } from './inventory';
import { walkSplits, type SplitCut } from './query-splits';
import { SKIPPED, type RunScope } from './run-scope';

const ROWS_PER_COMMIT = 25_000;

/** Where a family read is: the next query (`step`) and the last device of its finished splits. */
export interface FamilyPosition {
  step: number;
  cut: SplitCut | null;
}

export interface FamilyReadOptions {
  /** The sync run the rows are stamped with (the family's sweep keeps what it stamped). */
  run: number;
  from: FamilyPosition;
  /**
   * Records the position (and the query just skipped, if any) in the transaction that writes the
   * rows it covers; a full pass keeps it in its checkpoint, a catch-up has nothing to resume.
   */
  save(position: FamilyPosition, skipped: FamilyName | null): void;
}

/**
 * Reads every query of an inventory family over the whole fleet, each split by organization
 * (`query-splits.ts`) so no cursor has to outlive its expiry. Rows go in transactions of about
 * `ROWS_PER_COMMIT` rows, whole pages each (a commit per page would rewrite the same index pages
 * again and again); the position moves with the last finished split. A query NinjaOne does not
 * deliver is skipped, with a warning. Returns the queries read.
 */
export async function readFamily<R>(
  scope: RunScope,
  family: InventoryFamily<R>,
  options: FamilyReadOptions,
): Promise<Set<FamilyName>> {
  const { cache, client, ctx } = scope;
  const layout = cache.devices.layout();
  const read = new Set<FamilyName>();
  let done = 0;
  for (let step = options.from.step; step < family.queries.length; step++) {
    const query = family.queries[step]!;
    let cut = step === options.from.step ? options.from.cut : null;
    let rows: R[] = [];
    let quarantined: QuarantinedRecord[] = [];
    const write = (
      position: FamilyPosition | null,
      skipped: FamilyName | null = null,
      onTheWayOut = false,
    ): void => {
      const missing = scope.commit(
        quarantined,
        () => {
          const skippedRows = rows.length > 0 ? family.write(cache, rows, options.run) : 0;
          if (position) options.save(position, skipped);
          return skippedRows;
        },
        onTheWayOut,
      );
      if (missing > 0) {
        scope.logger.debug('sync: rows of devices not cached yet skipped', { family: query.family, missing });
      }
      rows = [];
      quarantined = [];
    };
    const walking = scope.family(query.family, () =>
      walkSplits({
        layout,
        cut,
        sizer: scope.splits,
        pages: (df) => query.pages(client, { df, signal: scope.signal, restarts: 0 }),
        onPage: (page) => {
          for (const item of page.items) rows.push(query.map(item));
          if (page.quarantined.length > 0) quarantined.push(...page.quarantined);
          // Mid-split the rows go in; the position stays at the last finished split.
          if (rows.length >= ROWS_PER_COMMIT) write(null);
          done += page.items.length;
          ctx.progress(family.phase, done, null);
        },
        // Upserts are idempotent: a split read again writes the same rows again.
        onRestart: () => undefined,
        onSplitDone: (splitCut) => {
          cut = splitCut;
          if (rows.length >= ROWS_PER_COMMIT / 5) write({ step, cut });
        },
      }),
    );
    let walked: Awaited<typeof walking>;
    try {
      walked = await walking;
    } catch (error) {
      // Cancelled or failed mid-query: the splits already finished stay in, so the pass resumes
      // after them instead of reading them again.
      if (cut !== null) write({ step, cut }, null, true);
      throw error;
    }
    if (walked === SKIPPED) {
      rows = [];
      quarantined = [];
    } else {
      read.add(query.family);
    }
    write({ step: step + 1, cut: null }, walked === SKIPPED ? query.family : null);
  }
  return read;
}
