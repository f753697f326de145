/**
 * A background refresh of a list the technician may be pointing at must not move its rows: a click
 * would land on another alert. Rows on screen keep their place (updated in place, or marked gone when
 * they no longer match); rows new to the result wait until the technician asks for them.
 */
export interface ListOrder<Row> {
  key(row: Row): string;
  /** The list's sort: negative when `a` comes before `b`. */
  compare(a: Row, b: Row): number;
}

export interface InPlace<Row> {
  rows: Row[];
  /** Keys of shown rows the fresh result no longer holds. */
  gone: Set<string>;
  /** Keys of fresh rows that would land among the shown ones: "N new" until inserted. */
  waiting: string[];
}

/**
 * `fresh` is the first page of the same query, fetched now; `freshComplete` says it is the whole
 * result. Shown rows past its last row cannot be judged and stay as they are; fresh rows past the
 * last shown row are simply not loaded yet (unless everything is shown).
 */
export function mergeInPlace<Row>(
  shown: readonly Row[],
  shownComplete: boolean,
  fresh: readonly Row[],
  freshComplete: boolean,
  order: ListOrder<Row>,
): InPlace<Row> {
  const byKey = new Map(fresh.map((row) => [order.key(row), row]));
  const lastFresh = fresh.at(-1);
  const judged = (row: Row): boolean =>
    freshComplete || (lastFresh !== undefined && order.compare(row, lastFresh) <= 0);
  const gone = new Set<string>();
  const rows = shown.map((row) => {
    const key = order.key(row);
    const update = byKey.get(key);
    // An unchanged row stays the same object: the table re-renders only the rows that changed.
    if (update) return sameJson(row, update) ? row : update;
    if (judged(row)) gone.add(key);
    return row;
  });
  const shownKeys = new Set(shown.map(order.key));
  const lastShown = shown.at(-1);
  const waiting = fresh
    .filter(
      (row) =>
        !shownKeys.has(order.key(row)) &&
        (shownComplete || (lastShown !== undefined && order.compare(row, lastShown) < 0)),
    )
    .map(order.key);
  return { rows, gone, waiting };
}

/** Rows come over the wire as JSON: equal when every field is, in the same order or not. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (k) =>
      Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
