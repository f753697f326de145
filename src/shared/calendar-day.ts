/**
 * Calendar days of the machine's time zone (the technician's), as YYYY-MM-DD: what the daily
 * snapshots are keyed by in the core and what the charts plot in the renderer (same machine).
 */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The calendar day `days` before the day of `ms`. */
export function localDayBefore(ms: number, days: number): string {
  const d = new Date(ms);
  return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - days, 12).getTime());
}

/** Local midnight at the start of a YYYY-MM-DD day. */
export function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}
