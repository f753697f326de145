import { describe, expect, it } from 'vitest';
import { epochToMs, resolveEndpoint } from '../../src/core/ninjaone';
import { createPkce } from '../../src/core/ninjaone/auth/pkce';
import { HostLimiter } from '../../src/core/ninjaone/host-limiter';
import { defaultRetryPolicy, parseRetryAfter, retryDelay } from '../../src/core/ninjaone/retry';
import { ninjaOneConnectInputSchema } from '../../src/shared/contract/ninjaone';
import { AppError } from '../../src/shared/rpc/errors';
import { fakeTiming } from '../support/ninjaone';
import { createHash } from 'node:crypto';

describe('NinjaOne instances', () => {
  it('maps each region to its host', () => {
    expect(resolveEndpoint({ instance: 'app' })).toEqual({
      instance: 'app',
      baseUrl: 'https://app.ninjarmm.com',
      host: 'app.ninjarmm.com',
    });
    expect(resolveEndpoint({ instance: 'us2' }).baseUrl).toBe('https://us2.ninjarmm.com');
    expect(resolveEndpoint({ instance: 'eu' }).baseUrl).toBe('https://eu.ninjarmm.com');
    expect(resolveEndpoint({ instance: 'ca' }).baseUrl).toBe('https://ca.ninjarmm.com');
    expect(resolveEndpoint({ instance: 'oc' }).baseUrl).toBe('https://oc.ninjarmm.com');
  });

  it('accepts a custom (branded) host as a bare name or an https origin', () => {
    expect(resolveEndpoint({ host: 'acme.rmmservice.com' })).toEqual({
      instance: 'custom',
      baseUrl: 'https://acme.rmmservice.com',
      host: 'acme.rmmservice.com',
    });
    expect(resolveEndpoint({ host: 'https://rcs-sales.rmmservice.ca/' }).host).toBe(
      'rcs-sales.rmmservice.ca',
    );
    expect(resolveEndpoint({ host: 'https://eu.ninjarmm.com' }).instance).toBe('eu');
    expect(resolveEndpoint({ host: 'http://127.0.0.1:4010' }).baseUrl).toBe('http://127.0.0.1:4010');
  });

  it('refuses plain http off loopback, paths and garbage, naming what was given', () => {
    for (const host of [
      'http://acme.rmmservice.com',
      'https://acme.rmmservice.com/ws/oauth',
      'https://x.com/?a=1',
      'not a host!',
    ]) {
      let error: unknown;
      try {
        resolveEndpoint({ host });
      } catch (e) {
        error = e;
      }
      expect(error, host).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid_input');
    }
  });

  it('wants either an instance or a host in the connect input', () => {
    expect(ninjaOneConnectInputSchema.safeParse({ instance: 'eu', clientId: 'x' }).success).toBe(true);
    expect(ninjaOneConnectInputSchema.safeParse({ host: 'acme.rmmservice.com', clientId: 'x' }).success).toBe(
      true,
    );
    expect(ninjaOneConnectInputSchema.safeParse({ clientId: 'x' }).success).toBe(false);
    expect(ninjaOneConnectInputSchema.safeParse({ instance: 'eu', host: 'a.b', clientId: 'x' }).success).toBe(
      false,
    );
    expect(
      ninjaOneConnectInputSchema.safeParse({ instance: 'eu', clientId: 'x', redirectPort: 80 }).success,
    ).toBe(false);
    expect(
      ninjaOneConnectInputSchema.safeParse({ instance: 'eu', clientId: 'x', redirectPath: 'callback' })
        .success,
    ).toBe(false);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(new Date(now + 42_000).toUTCString(), now)).toBe(42_000);
    expect(parseRetryAfter(new Date(now - 42_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('uses the capped Retry-After, else exponential backoff with full jitter under a ceiling', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 500, maxDelayMs: 4000, retryAfterCapMs: 60_000 };
    expect(retryDelay(1, 3000, policy, () => 0.9)).toBe(3000);
    expect(retryDelay(1, 600_000, policy, () => 0.9)).toBe(60_000);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, null, policy, () => 0.999))).toEqual([
      499, 999, 1998, 3996, 3996,
    ]);
    expect(retryDelay(3, null, policy, () => 0)).toBe(0);
  });

  it('holds new requests while the host is paused', async () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 2);
    limiter.pauseUntil(timing.now() + 12_000);
    const { release, waitedMs } = await limiter.acquire();
    expect(timing.sleeps).toEqual([12_000]);
    expect(waitedMs).toBe(12_000);
    release();
  });
});

describe('times and PKCE', () => {
  it('turns NinjaOne times (epoch seconds, ms, ISO) into epoch milliseconds', () => {
    expect(epochToMs(1718030455.381)).toBe(1718030455381);
    expect(epochToMs(1718030455381)).toBe(1718030455381);
    expect(epochToMs('2024-03-14T10:22:31Z')).toBe(Date.UTC(2024, 2, 14, 10, 22, 31));
    expect(epochToMs('1718030455')).toBe(1718030455000);
    expect(epochToMs(null)).toBeNull();
    expect(epochToMs('yesterday')).toBeNull();
  });

  it('makes an S256 challenge from a 64-character verifier', () => {
    const pkce = createPkce();
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(pkce.challenge).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
    expect(createPkce().verifier).not.toBe(pkce.verifier);
  });
});
