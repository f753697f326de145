/**
 * Devices per `df=id in (...)` request: small enough for a URL NinjaOne and proxies accept (about
 * 3.5 KB), large enough that a 1% change of 50,000 devices takes two requests per query.
 */
export const DEVICE_BATCH = 400;

/** The device filter (`df`) that selects these devices. */
export function idFilter(ids: readonly number[]): string {
  return `id in (${ids.join(',')})`;
}

/** Ids in batches of `DEVICE_BATCH`. */
export function deviceBatches(ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += DEVICE_BATCH) out.push(ids.slice(i, i + DEVICE_BATCH));
  return out;
}
