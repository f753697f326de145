import { describe, expect, it } from 'vitest';
import { assignRowSlots } from '../../src/shared/row-slots';

describe('assignRowSlots', () => {
  const start = assignRowSlots(null, 100, 109);

  it('keeps the element of every row still on screen; rows scrolled into view get new ones', () => {
    const down = assignRowSlots(start, 103, 112);
    expect(down.keys.slice(0, 7)).toEqual(start.keys.slice(3));
    expect(down.keys.slice(7).some((key) => start.keys.includes(key))).toBe(false);
    const up = assignRowSlots(down, 101, 110);
    expect(up.keys.slice(2, 10)).toEqual(down.keys.slice(0, 8));
    expect(new Set([...up.keys, ...down.keys, ...start.keys]).size).toBe(up.next);
  });

  it('hands the elements to the rows of a window past all of them, in order', () => {
    const jump = assignRowSlots(start, 5000, 5011);
    expect(jump.keys.slice(0, 10)).toEqual(start.keys);
    expect(new Set(jump.keys).size).toBe(12);
    expect(assignRowSlots(jump, 5000, 5011)).toBe(jump);
  });
});
