/**
 * Which element (React key) shows each row of a virtual table's window of rows `first..last`.
 *
 * A row that stays on screen keeps its element: the browser neither rebuilds nor repaints it, and a
 * wheel step builds only the rows that came into view. When the window moved past all the rows it
 * held (the scrollbar dragged, End pressed), the same elements take the new rows in order, changed
 * in place, instead of every row being removed and every new one built: for a screen of rows that
 * cost Chromium three times as much as changing their text.
 */
export interface RowSlots {
  first: number;
  last: number;
  /** Keys of the rows first..last, in order. */
  keys: number[];
  /** The next key never used. */
  next: number;
}

export function assignRowSlots(previous: RowSlots | null, first: number, last: number): RowSlots {
  if (previous && previous.first === first && previous.last === last) return previous;
  let next = previous?.next ?? 0;
  const count = Math.max(0, last - first + 1);
  const overlaps = previous !== null && first <= previous.last && last >= previous.first;
  const keys = Array.from({ length: count }, (_, i) => {
    if (!previous) return next++;
    // Overlapping: a row still shown keeps its key, one that came into view gets a new element.
    // Disjoint: the k-th row takes the k-th element, so React changes them where they stand.
    const kept = overlaps ? previous.keys[first + i - previous.first] : previous.keys[i];
    return kept ?? next++;
  });
  return { first, last, keys, next };
}
