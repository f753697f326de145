/**
 * NinjaOne times to the cache's integer epoch milliseconds. Most fields are epoch seconds with a
 * fraction; software install dates are ISO strings; a few places send milliseconds (values from
 * 1e12 up are taken as ms). Anything unreadable is null.
 */
export function epochToMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.round(Math.abs(value) >= 1e12 ? value : value * 1000);
  }
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^-?\d+(\.\d+)?$/.test(value.trim())) return epochToMs(Number(value));
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}
