import type { z } from 'zod';
import { AppError } from '../../shared/rpc/errors';
import type { Logger } from '../../node/logger';
import type { NinjaOneEndpoint } from './instances';
import {
  activityPages,
  idPages,
  queryPages,
  type ActivityPage,
  type Page,
  type PagedList,
  type PagingContext,
  type Query,
} from './pagination';
import { describeIssues, parseRecords, type Parsed, type QuarantineSink } from './quarantine';
import type { RequestBudget, RequestLimiter, RequestPriority } from './host-limiter';
import type { RetryPolicy } from './retry';
import {
  activitySchema,
  alertSchema,
  antivirusRowSchema,
  dashboardUrlSchema,
  deviceDetailedSchema,
  deviceHealthRowSchema,
  deviceSchema,
  deviceStatusSchema,
  locationSchema,
  organizationDetailedSchema,
  organizationSchema,
  osPatchRowSchema,
  softwarePatchRowSchema,
  softwareRowSchema,
  softwareSchema,
  webhookConfigurationSchema,
  type NinjaActivity,
  type NinjaAlert,
  type NinjaAntivirusRow,
  type NinjaDashboardUrl,
  type NinjaDevice,
  type NinjaDeviceDetailed,
  type NinjaDeviceStatus,
  type NinjaDeviceHealthRow,
  type NinjaLocation,
  type NinjaOrganization,
  type NinjaOrganizationDetailed,
  type NinjaOsPatchRow,
  type NinjaSoftware,
  type NinjaSoftwarePatchRow,
  type NinjaSoftwareRow,
  type NinjaWebhookConfiguration,
} from './schemas';
import type { Timing } from '../time/clock';
import { NinjaOneTransport, type TokenProvider, type TransportStats } from './transport';

export interface NinjaOneClientOptions {
  endpoint: NinjaOneEndpoint;
  tokens: TokenProvider;
  /** `/v2` (default) or `/api/v2`; both work on current instances. */
  apiPrefix?: '/v2' | '/api/v2';
  retry?: Partial<RetryPolicy>;
  timing?: Timing;
  concurrency?: number;
  /** The host's request budget; the setting's value, passed by the connection. */
  budget?: RequestBudget;
  /** The API app signed in with (null for a token handed in from outside). */
  clientId?: string | null;
  /** Another limiter than the host's in this thread (a sync thread asks the core's). */
  limiter?: RequestLimiter;
  /** Called for every record that fails validation (the sync writes them to the quarantine table). */
  onQuarantine?: QuarantineSink;
  logger?: Logger;
  fetch?: typeof fetch;
}

export interface ActivityQuery {
  /** Incremental: stop at this id (exclusive), the newest id the previous walk saw. */
  sinceId?: number;
  /** With `sinceId`: also walk the activities below it down to this time (epoch seconds). */
  overlapFrom?: number;
  olderThan?: number;
  /** Activity type (`CONDITION`, `SYSTEM`, ...). */
  type?: string;
  /** Status codes, comma separated. */
  status?: string;
  seriesUid?: string;
  pageSize?: number;
  signal?: AbortSignal;
}

export type PatchQuery = {
  status?: string;
  type?: string;
  severity?: string;
  impact?: string;
  productIdentifier?: string;
  /** Epoch seconds. */
  installedAfter?: number;
  installedBefore?: number;
};

type Paging = {
  df?: string;
  pageSize?: number;
  signal?: AbortSignal;
  /** Fleet queries: restarts after an expired cursor (default 3; 0 for a caller that splits). */
  restarts?: number;
};
/** Id-paged lists can resume after the last id a previous walk wrote, and end at a known last id. */
type IdPaging = Paging & { after?: number; until?: number };

/**
 * Typed NinjaOne calls for what the console uses. Lists come back validated record by record
 * (`items` plus `quarantined`); paged lists are async iterators of pages. Every failure is an
 * AppError naming the host.
 */
export class NinjaOneClient {
  readonly endpoint: NinjaOneEndpoint;
  readonly clientId: string | null;
  readonly transport: NinjaOneTransport;
  private readonly prefix: string;
  private readonly paging: PagingContext;
  private quarantinedCount = 0;

  constructor(private readonly options: NinjaOneClientOptions) {
    this.endpoint = options.endpoint;
    this.clientId = options.clientId ?? null;
    this.prefix = options.apiPrefix ?? '/v2';
    this.transport = new NinjaOneTransport({
      endpoint: options.endpoint,
      tokens: options.tokens,
      retry: options.retry,
      timing: options.timing,
      concurrency: options.concurrency,
      budget: options.budget,
      limiter: options.limiter,
      logger: options.logger,
      fetch: options.fetch,
    });
    this.paging = {
      host: options.endpoint.host,
      get: (path, query, signal) => this.get(path, query, signal),
      quarantine: (record) => {
        this.quarantinedCount++;
        options.onQuarantine?.(record);
      },
      now: () => this.transport.timing.now(),
    };
  }

  get stats(): TransportStats & { quarantined: number } {
    return { ...this.transport.stats, quarantined: this.quarantinedCount };
  }

  // Organizations and locations (family A)

  organizations(options: IdPaging = {}): AsyncGenerator<Page<NinjaOrganization>> {
    return idPages(this.paging, this.paged('/organizations', options, organizationSchema));
  }

  organizationsDetailed(options: IdPaging = {}): AsyncGenerator<Page<NinjaOrganizationDetailed>> {
    return idPages(this.paging, this.paged('/organizations-detailed', options, organizationDetailedSchema));
  }

  locations(options: IdPaging = {}): AsyncGenerator<Page<NinjaLocation>> {
    return idPages(this.paging, this.paged('/locations', options, locationSchema));
  }

  // Devices

  devices(options: IdPaging & { expand?: string[] } = {}): AsyncGenerator<Page<NinjaDevice>> {
    const { expand, ...rest } = options;
    return idPages(this.paging, this.paged('/devices', { ...rest, expand: expand?.join(',') }, deviceSchema));
  }

  /**
   * The basic device list read only for each device's status (online, last contact): the status
   * sweep's cheap walk, the rest of each record left unvalidated.
   */
  deviceStatuses(options: IdPaging = {}): AsyncGenerator<Page<NinjaDeviceStatus>> {
    return idPages(this.paging, this.paged('/devices', options, deviceStatusSchema));
  }

  devicesDetailed(options: IdPaging = {}): AsyncGenerator<Page<NinjaDeviceDetailed>> {
    return idPages(this.paging, this.paged('/devices-detailed', options, deviceDetailedSchema));
  }

  device(id: number, signal?: AbortSignal): Promise<NinjaDeviceDetailed> {
    return this.one(`/device/${id}`, deviceDetailedSchema, 'device', signal);
  }

  /** A technician is waiting to connect: it goes before the background walks. */
  dashboardUrl(deviceId: number, signal?: AbortSignal): Promise<NinjaDashboardUrl> {
    return this.one(
      `/device/${deviceId}/dashboard-url`,
      dashboardUrlSchema,
      'dashboard-url',
      signal,
      'interactive',
    );
  }

  // Alerts (unpaged)

  alerts(
    options: { sourceType?: string; df?: string; signal?: AbortSignal } = {},
  ): Promise<Parsed<NinjaAlert>> {
    return this.list(
      '/alerts',
      { sourceType: options.sourceType, df: options.df },
      alertSchema,
      'alerts',
      options.signal,
    );
  }

  /** Resets an alert (condition). DELETE without a body: NinjaOne answers 400 to one with a body. */
  async resetAlert(uid: string, signal?: AbortSignal): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      path: this.path(`/alert/${encodeURIComponent(uid)}`),
      signal,
      priority: 'interactive',
    });
  }

  // Activities (family C)

  activities(
    options: ActivityQuery & {
      df?: string;
      class?: 'SYSTEM' | 'DEVICE' | 'USER' | 'ALL';
      after?: number;
      before?: number;
    } = {},
  ): AsyncGenerator<ActivityPage<NinjaActivity>> {
    const query: Query = {
      type: options.type,
      status: options.status,
      seriesUid: options.seriesUid,
      df: options.df,
      class: options.class,
      after: options.after,
      before: options.before,
    };
    return activityPages(this.paging, this.path('/activities'), query, activitySchema, options);
  }

  deviceActivities(
    deviceId: number,
    options: ActivityQuery = {},
  ): AsyncGenerator<ActivityPage<NinjaActivity>> {
    const query: Query = { activityType: options.type, status: options.status, seriesUid: options.seriesUid };
    return activityPages(
      this.paging,
      this.path(`/device/${deviceId}/activities`),
      query,
      activitySchema,
      options,
    );
  }

  // Per-device software (unpaged)

  deviceSoftware(deviceId: number, signal?: AbortSignal): Promise<Parsed<NinjaSoftware>> {
    return this.list(`/device/${deviceId}/software`, {}, softwareSchema, 'device-software', signal);
  }

  // Fleet queries (family B)

  querySoftware(
    options: Paging & { installedAfter?: number; installedBefore?: number } = {},
  ): AsyncGenerator<Page<NinjaSoftwareRow>> {
    return queryPages(this.paging, this.paged('/queries/software', options, softwareRowSchema));
  }

  queryOsPatches(options: Paging & PatchQuery = {}): AsyncGenerator<Page<NinjaOsPatchRow>> {
    return queryPages(this.paging, this.paged('/queries/os-patches', options, osPatchRowSchema));
  }

  queryOsPatchInstalls(options: Paging & PatchQuery = {}): AsyncGenerator<Page<NinjaOsPatchRow>> {
    return queryPages(this.paging, this.paged('/queries/os-patch-installs', options, osPatchRowSchema));
  }

  querySoftwarePatches(options: Paging & PatchQuery = {}): AsyncGenerator<Page<NinjaSoftwarePatchRow>> {
    return queryPages(this.paging, this.paged('/queries/software-patches', options, softwarePatchRowSchema));
  }

  querySoftwarePatchInstalls(options: Paging & PatchQuery = {}): AsyncGenerator<Page<NinjaSoftwarePatchRow>> {
    return queryPages(
      this.paging,
      this.paged('/queries/software-patch-installs', options, softwarePatchRowSchema),
    );
  }

  queryAntivirusStatus(
    options: Paging & { productState?: string; productName?: string } = {},
  ): AsyncGenerator<Page<NinjaAntivirusRow>> {
    return queryPages(this.paging, this.paged('/queries/antivirus-status', options, antivirusRowSchema));
  }

  queryDeviceHealth(options: Paging & { health?: string } = {}): AsyncGenerator<Page<NinjaDeviceHealthRow>> {
    return queryPages(this.paging, this.paged('/queries/device-health', options, deviceHealthRowSchema));
  }

  // Webhook (one configuration per client app)

  async putWebhook(configuration: NinjaWebhookConfiguration, signal?: AbortSignal): Promise<void> {
    const body = webhookConfigurationSchema.parse(configuration);
    await this.transport.request({ method: 'PUT', path: this.path('/webhook'), json: body, signal });
  }

  async deleteWebhook(signal?: AbortSignal): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: this.path('/webhook'), signal });
  }

  // Plumbing

  private path(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }

  private async get(
    path: string,
    query: Query,
    signal?: AbortSignal,
    priority?: RequestPriority,
  ): Promise<unknown> {
    return (await this.transport.request({ method: 'GET', path, query, signal, priority })).body;
  }

  /** A paged list: the options other than pageSize and signal are the query; quarantine names it by path. */
  private paged<S extends z.ZodType>(
    suffix: string,
    options: {
      pageSize?: number;
      signal?: AbortSignal;
      after?: number;
      until?: number;
      restarts?: number;
    } & Record<string, unknown>,
    schema: S,
  ): PagedList<S> {
    const { pageSize, signal, after, until, restarts, ...query } = options;
    return {
      path: this.path(suffix),
      query: query as Query,
      schema,
      source: suffix.slice(1),
      pageSize,
      signal,
      after,
      until,
      restarts,
    };
  }

  private async list<S extends z.ZodType>(
    suffix: string,
    query: Query,
    schema: S,
    source: string,
    signal?: AbortSignal,
  ): Promise<Parsed<z.output<S>>> {
    const body = await this.get(this.path(suffix), query, signal);
    if (!Array.isArray(body)) {
      throw new AppError(
        'invalid_response',
        `NinjaOne at ${this.endpoint.host} answered ${this.path(suffix)} with something other than a list.`,
        {
          host: this.endpoint.host,
          path: this.path(suffix),
        },
      );
    }
    return parseRecords(body, schema, source, this.paging.quarantine);
  }

  private async one<S extends z.ZodType>(
    suffix: string,
    schema: S,
    source: string,
    signal?: AbortSignal,
    priority?: RequestPriority,
  ): Promise<z.output<S>> {
    const body = await this.get(this.path(suffix), {}, signal, priority);
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    this.paging.quarantine?.({ source, key: suffix, error: describeIssues(parsed.error), raw: body });
    throw new AppError(
      'invalid_response',
      `NinjaOne at ${this.endpoint.host} answered ${this.path(suffix)} with a record the console cannot read (${describeIssues(parsed.error)}).`,
      { host: this.endpoint.host, path: this.path(suffix) },
    );
  }
}
