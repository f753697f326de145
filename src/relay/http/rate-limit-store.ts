import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RouteOptions } from 'fastify';
import type { Logger } from '../../node/logger';
import type { RequestCounts } from '../store/store';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that counts in the database every relay instance shares, so N
 * instances allow a console token its limit once, not N times. Like the plugin's in-memory store,
 * each route counts on its own: its child store prefixes the key with the route's method and path.
 */
export function sharedRateLimitStore(
  counts: RequestCounts,
  now: () => number,
  logger: Logger,
): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore {
    private route = '';

    incr(key: string, callback: Counted, timeWindow: number): void {
      const at = now();
      counts.count(`${this.route}${key}`, timeWindow, at).then(
        ({ count, startedAt }) =>
          // Capped at the window: another instance's clock may run a little ahead of this one's.
          callback(null, { current: count, ttl: Math.min(timeWindow, startedAt + timeWindow - at) }),
        (error: unknown) => {
          // The plugin lets the request through (skipOnError): see where the app registers it.
          logger.warn('could not count a rate-limited request; letting it through', {
            route: this.route.trim(),
            error,
          });
          callback(error as Error);
        },
      );
    }

    child(routeOptions: { routeInfo: Pick<RouteOptions, 'method' | 'url'> }): SharedRateLimitStore {
      const store = new SharedRateLimitStore();
      store.route = `${String(routeOptions.routeInfo.method)} ${routeOptions.routeInfo.url} `;
      return store;
    }
  }
  // The plugin's types leave out the window and limit it passes `incr` (its own stores read them).
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
