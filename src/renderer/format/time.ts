const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "5 minutes ago" for display; pair it with `absoluteTime` in a title for the exact moment. */
export function relativeTime(epochMs: number, now = Date.now()): string {
  const delta = epochMs - now;
  for (const [unit, ms] of units) {
    if (Math.abs(delta) >= ms || unit === 'second') return relative.format(Math.round(delta / ms), unit);
  }
  return '';
}

export function absoluteTime(epochMs: number): string {
  return absolute.format(new Date(epochMs));
}
