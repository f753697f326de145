/**
 * Deterministic randomness for the simulator. The fleet is a pure function of the seed, and values
 * that are derived on demand (install dates, patch ids) come from hashing stable inputs, so nothing
 * has to be stored per software title or patch.
 */
export type Random = () => number;

/** xorshift32: fast, good enough for fake fleets, identical on every platform. */
export function seededRandom(seed: number): Random {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** A 32-bit integer hash of a few integers (Murmur3-style finalizer). */
export function hash(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A value in [0, 1) derived from the parts. */
export function unit(...parts: number[]): number {
  return hash(...parts) / 0x100000000;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Picks by weight; `weights` and `items` are parallel. */
export function pickWeighted<T>(random: Random, items: readonly T[], cumulative: readonly number[]): T {
  const target = random() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return items[lo]!;
}

export function cumulativeWeights(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((w) => (total += w));
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/** A version-4-shaped UUID derived from the parts (stable across runs). */
export function uuidFrom(...parts: number[]): string {
  const a = hash(...parts, 1);
  const b = hash(...parts, 2);
  const c = hash(...parts, 3);
  const d = hash(...parts, 4);
  return (
    `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-` +
    `${hex(0x8000 | ((c >>> 18) % 0x4000), 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`
  );
}
