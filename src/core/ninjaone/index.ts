/**
 * NinjaOne for the rest of the core: the connection (sign-in, status, tokens in the keychain) and,
 * through `connection.client()`, an authenticated API client for the current sign-in.
 *
 *   const client = await connection.client({ onQuarantine });
 *   for await (const page of client.devicesDetailed()) { ... page.items, page.quarantined ... }
 */
export { NinjaOneConnection, consoleScopes, type NinjaOneConnectionOptions } from './connection';
export { NinjaOneClient, type NinjaOneClientOptions, type ActivityQuery, type PatchQuery } from './client';
export {
  NinjaOneTransport,
  type TokenProvider,
  type NinjaOneErrorDetails,
  type TransportStats,
} from './transport';
export { resolveEndpoint, type NinjaOneEndpoint } from './instances';
export { defaultRetryPolicy, type RetryPolicy } from './retry';
export type { Timing } from '../time/clock';
export { realTiming } from './timing';
export { maxPageSize, isCursorExpiry, type Page, type ActivityPage } from './pagination';
export type { QuarantinedRecord, QuarantineSink, Parsed } from './quarantine';
export { clientCredentialsTokens } from './auth/client-credentials';
export { epochToMs } from './time';
export { DEVICE_BATCH, deviceBatches, idFilter } from './device-filter';
export * from './schemas';
