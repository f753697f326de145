import { seededRandom, type Random } from './random';

/**
 * Faults the simulator injects, per route and by rate, to prove the client survives what NinjaOne
 * (and the networks between) do: 429 with Retry-After in seconds, as an HTTP date or without it;
 * 5xx bursts; slow answers; dropped connections; a wrong or missing Content-Type; query cursors that
 * expire; cursors the server ignores (a page that does not advance); records that break the schema;
 * a redirect (an instance moved, or a proxy in front of it), which a client holding a token must
 * not follow.
 */
export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'slow'
  | 'drop_connection'
  | 'content_type'
  | 'expire_cursor'
  | 'ignore_cursor'
  | 'corrupt_records'
  | 'redirect';

export const faultKinds: readonly FaultKind[] = [
  'rate_limit',
  'server_error',
  'slow',
  'drop_connection',
  'content_type',
  'expire_cursor',
  'ignore_cursor',
  'corrupt_records',
  'redirect',
];

export interface FaultRule {
  kind: FaultKind;
  /**
   * Which requests: a route key (`GET /v2/devices`, `GET /v2/device/:id`), a path pattern
   * (`/v2/devices`, any method), a prefix ending in `*` (`/v2/queries/*`) or `*` for every API route.
   * OAuth routes (`POST /ws/oauth/token`) are only hit when named.
   */
  route?: string;
  /** Chance per matching request, 0..1 (default 1). */
  rate?: number;
  /** Fire at most this many times, then retire (a burst). */
  times?: number;
  /** rate_limit: how Retry-After is sent (default seconds). */
  retryAfter?: 'seconds' | 'http-date' | 'absent';
  retryAfterSeconds?: number;
  /** server_error: the status (default 503). */
  status?: number;
  /** slow: how long the answer waits (default 2000 ms). */
  delayMs?: number;
  /** content_type: the header to send; null leaves it out (default text/plain). */
  contentType?: string | null;
  /** corrupt_records: share of records in a list that break the schema (default 0.2). */
  share?: number;
  /** redirect: where the answer's Location points (default https://eu.ninjarmm.com + the path). */
  location?: string;
}

export interface ActiveFault extends FaultRule {
  id: number;
  fired: number;
}

export function routeMatches(pattern: string | undefined, key: string, isApi: boolean): boolean {
  if (pattern === undefined || pattern === '*') return isApi;
  if (pattern === key) return true;
  const path = key.slice(key.indexOf(' ') + 1);
  if (pattern.endsWith('*'))
    return path.startsWith(pattern.slice(0, -1)) || key.startsWith(pattern.slice(0, -1));
  return pattern === path;
}

export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private readonly random: Random;

  constructor(seed: number) {
    this.random = seededRandom(seed ^ 0x5eed);
  }

  add(rule: FaultRule): ActiveFault {
    const active = { ...rule, id: this.nextId++, fired: 0 };
    this.rules.push(active);
    return active;
  }

  set(rules: FaultRule[]): void {
    this.rules = [];
    for (const rule of rules) this.add(rule);
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /**
   * The faults that fire for this request (each rule rolls its rate once and counts down `times`).
   * Cursor faults only count on requests that carry a cursor (`after`, `cursor`, `olderThan`...).
   */
  select(routeKey: string, isApi: boolean, carriesCursor: boolean): ActiveFault[] {
    const firing: ActiveFault[] = [];
    for (const rule of this.rules) {
      if (!routeMatches(rule.route, routeKey, isApi)) continue;
      if ((rule.kind === 'expire_cursor' || rule.kind === 'ignore_cursor') && !carriesCursor) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      rule.fired++;
      firing.push({ ...rule });
    }
    this.rules = this.rules.filter((r) => r.times === undefined || r.fired < r.times);
    return firing;
  }

  /** Makes some records of a list break the spec's types (the client must quarantine them). */
  corrupt(records: unknown[], share: number): unknown[] {
    return records.map((record) => {
      if (!record || typeof record !== 'object' || this.random() >= share) return record;
      const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
      for (const key of [
        'offline',
        'lastContact',
        'createTime',
        'activityTime',
        'deviceId',
        'name',
        'nodeClass',
      ]) {
        if (key in copy) {
          copy[key] = key === 'name' || key === 'nodeClass' ? 42 : 'not-a-valid-value';
          break;
        }
      }
      return copy;
    });
  }
}
