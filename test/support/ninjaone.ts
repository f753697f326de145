import {
  NinjaOneClient,
  resolveEndpoint,
  type NinjaOneClientOptions,
  type Timing,
  type TokenProvider,
} from '../../src/core/ninjaone';
import type { NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { followSignIn } from '../../src/core/host/demo/auto-consent-browser';

/**
 * Virtual time for the NinjaOne client: sleeps return at once and move the clock, so backoff and
 * Retry-After are asserted on the recorded delays instead of waited for.
 */
export interface FakeTiming extends Timing {
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function fakeTiming(random = 0.5, onSleep?: (ms: number) => void): FakeTiming {
  let offset = 0;
  // Frozen at creation: time moves only when a test or a sleep says so.
  const base = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => base + offset,
    random: () => random,
    advance: (ms) => {
      offset += ms;
    },
    sleep: (ms) => {
      sleeps.push(ms);
      offset += ms;
      onSleep?.(ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Virtual time shared with the simulator: the client's waits move the simulator's clock too (its rate limit refills). */
export function simulatedTiming(sim: NinjaOneSimulator): FakeTiming {
  return fakeTiming(0.5, (ms) => sim.control.advanceClock(ms / 1000));
}

export function staticTokens(token: string): TokenProvider & { renewals: number } {
  const provider = {
    renewals: 0,
    accessToken: () => Promise.resolve(token),
    renewAfterRejection: () => {
      provider.renewals++;
      return Promise.resolve(token);
    },
  };
  return provider;
}

/** A client for the simulator with its ready all-scope token and virtual time. */
export function simulatorClient(
  sim: NinjaOneSimulator,
  options: Partial<NinjaOneClientOptions> = {},
): NinjaOneClient {
  return new NinjaOneClient({
    endpoint: resolveEndpoint({ host: sim.url }),
    tokens: staticTokens(sim.accessToken),
    timing: fakeTiming(),
    ...options,
  });
}

/** Drains an async iterator of pages. */
export async function collect<T>(
  pages: AsyncIterable<{ items: T[] }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    items.push(...page.items);
    count++;
  }
  return { items, pages: count };
}

/** Calls that hit a route, from the simulator's request log. */
export function hits(sim: NinjaOneSimulator, route: string): number {
  return sim.requests.filter((r) => r.route === route).length;
}

export interface BrowserVisit {
  /** The authorize URL the console opened. */
  authorizeUrl: string;
  /** Where NinjaOne redirected (the loopback redirect URI with code and state), if it did. */
  redirectedTo: string | null;
  /** What the console's loopback page said. */
  status: number;
  page: string;
}

/**
 * Plays the technician's browser: the console's opener hands it the authorize URL, it follows
 * NinjaOne's redirect to the loopback server and reads the page shown there. `beforeRedirect` lets a
 * test hit the loopback first (a forged state, say).
 */
export interface TestBrowser {
  opened: { url: string; purpose: string }[];
  visits: Promise<BrowserVisit>[];
  opener: { open(url: string, purpose: 'sign-in' | 'remote' | 'link'): Promise<void> };
}

export function testBrowser(
  options: { beforeRedirect?: (redirect: URL) => Promise<void> } = {},
): TestBrowser {
  const visits: Promise<BrowserVisit>[] = [];
  const opened: { url: string; purpose: string }[] = [];
  const visit = async (authorizeUrl: string): Promise<BrowserVisit> => ({
    authorizeUrl,
    ...(await followSignIn(authorizeUrl, options.beforeRedirect)),
  });
  return {
    opened,
    visits,
    opener: {
      open: (url: string, purpose: 'sign-in' | 'remote' | 'link') => {
        opened.push({ url, purpose });
        visits.push(visit(url));
        return Promise.resolve();
      },
    },
  };
}

/** A browser the technician never uses: the sign-in waits until it times out or is cancelled. */
export function idleBrowser(): TestBrowser {
  return { opened: [], visits: [], opener: { open: () => Promise.resolve() } };
}
