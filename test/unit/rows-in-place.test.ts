import { describe, expect, it } from 'vitest';
import { mergeInPlace, type ListOrder } from '../../src/shared/rows-in-place';

interface Alert {
  uid: string;
  createdAt: number;
  seen?: boolean;
}

// Newest first, like the alert queue.
const order: ListOrder<Alert> = {
  key: (a) => a.uid,
  compare: (a, b) => b.createdAt - a.createdAt || b.uid.localeCompare(a.uid),
};
const alert = (uid: string, createdAt: number, seen = false): Alert => ({ uid, createdAt, seen });
const keys = (rows: Alert[]): string[] => rows.map((r) => r.uid);

describe('mergeInPlace', () => {
  const shown = [alert('e', 50), alert('d', 40), alert('c', 30), alert('b', 20), alert('a', 10)];

  it('keeps every shown row where it was when alerts arrive on top, and counts the arrivals', () => {
    const fresh = [alert('g', 70), alert('f', 60), ...shown];
    const merged = mergeInPlace(shown, true, fresh, true, order);
    expect(keys(merged.rows)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(merged.waiting).toEqual(['g', 'f']);
    expect(merged.gone.size).toBe(0);
  });

  it('keeps a row that stopped matching in place, marked gone, and updates the others in place', () => {
    const fresh = [alert('e', 50, true), alert('d', 40), alert('b', 20), alert('a', 10)];
    const merged = mergeInPlace(shown, true, fresh, true, order);
    expect(keys(merged.rows)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect([...merged.gone]).toEqual(['c']);
    expect(merged.rows[0]!.seen).toBe(true);
    expect(merged.waiting).toEqual([]);
  });

  it('judges no row past the end of a partial first page, and waits for none past the shown ones', () => {
    // Only the first three of a longer result were fetched again.
    const fresh = [alert('f', 60), alert('e', 50), alert('c', 30)];
    const merged = mergeInPlace(shown.slice(0, 4), false, fresh, false, order);
    expect([...merged.gone]).toEqual(['d']);
    expect(merged.waiting).toEqual(['f']);

    // An alert older than every shown row is the next page, not an arrival.
    const older = mergeInPlace(
      shown.slice(0, 2),
      false,
      [alert('e', 50), alert('d', 40), alert('x', 5)],
      false,
      order,
    );
    expect(older.waiting).toEqual([]);
  });

  it('shows an alert that re-opened at its old place, with its new data', () => {
    const fresh = [alert('c', 80), alert('e', 50), alert('d', 40), alert('b', 20), alert('a', 10)];
    const merged = mergeInPlace(shown, true, fresh, true, order);
    expect(keys(merged.rows)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(merged.rows[2]!.createdAt).toBe(80);
    expect(merged.waiting).toEqual([]);
  });

  it('keeps an unchanged row the same object, so the table re-renders only the rows that changed', () => {
    const fresh = [alert('e', 50, true), alert('d', 40), alert('c', 30), alert('b', 20), alert('a', 10)];
    const merged = mergeInPlace(shown, true, fresh, true, order);
    expect(merged.rows[0]).toBe(fresh[0]);
    expect(merged.rows.slice(1)).toEqual(shown.slice(1));
    merged.rows.slice(1).forEach((row, i) => expect(row).toBe(shown[i + 1]));
  });
});
