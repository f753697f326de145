const HOUR_MS = 3_600_000;

/** The last `hours` clock hours, the current one included: `hours + 1` boundaries. */
export function hourBoundaries(now: number, hours: number): number[] {
  const start = now - (now % HOUR_MS) - (hours - 1) * HOUR_MS;
  return Array.from({ length: hours + 1 }, (_, i) => start + i * HOUR_MS);
}

/** The last `days` calendar days in local time, today included: `days + 1` local midnights. */
export function dayBoundaries(now: number, days: number): number[] {
  const today = new Date(now);
  return Array.from({ length: days + 1 }, (_, i) =>
    new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1) + i).getTime(),
  );
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});

export const hourLabel = (ms: number): string => hourFormat.format(ms);
export const timeLabel = (ms: number): string => timeFormat.format(ms);
export const dayLabel = (ms: number): string => dayFormat.format(ms);
export const longDayLabel = (ms: number): string => weekdayFormat.format(ms);
