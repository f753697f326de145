import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import { silentLogger } from '../../src/node/logger';
import { NinjaOneConnection } from '../../src/core/ninjaone';
import { TokenStore, tokenAccount } from '../../src/core/ninjaone/auth/token-store';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { fakeTiming, testBrowser } from '../support/ninjaone';
import { testKeychain } from '../support/keychain';
import { tempDir } from '../support/temp';

/**
 * The NinjaOne tokens in the real OS keychain (gnome-keyring over D-Bus in CI): stored by a sign-in,
 * read back by a fresh start, replaced by a rotation, removed by disconnect.
 */
const keychain = testKeychain('ninjaone');
let sim: NinjaOneSimulator;
let port: number;

beforeAll(async () => {
  port = await freeLoopbackPort();
  sim = await startNinjaOneSimulator({
    devices: 20,
    seed: 2,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
});
afterAll(async () => {
  await keychain.delete(tokenAccount);
  await sim?.close();
});

describe('NinjaOne tokens in the OS keychain', () => {
  it('stores them at sign-in, reads them after a restart, rotates them on refresh and deletes them on disconnect', async () => {
    const cachePath = join(tempDir('ninja-keychain-'), 'cache.db');
    const cache = Cache.open(cachePath);
    const timing = fakeTiming();
    const connection = new NinjaOneConnection({
      settings: cache.settings,
      secrets: keychain,
      opener: testBrowser().opener,
      logger: silentLogger,
      timing,
    });
    try {
      await connection.connect({
        host: sim.url,
        clientId: sim.clientId,
        redirectPort: port,
        redirectPath: '/callback',
      });
      const store = new TokenStore(keychain);
      const signedIn = await store.read();
      expect(signedIn).not.toBeNull();
      expect(sim.oauth.issued().refreshTokens).toContain(signedIn!.refreshToken);

      // A fresh start of the core reads the same entry and uses it.
      const restarted = new NinjaOneConnection({
        settings: cache.settings,
        secrets: testKeychain('ninjaone'),
        opener: testBrowser().opener,
        logger: silentLogger,
        timing,
      });
      expect((await restarted.status()).state).toBe('connected');
      timing.advance(3600_000);
      expect((await (await restarted.client()).device(1000)).id).toBe(1000);
      const rotated = await store.read();
      expect(rotated!.refreshToken).not.toBe(signedIn!.refreshToken);
      expect(rotated!.accessToken).not.toBe(signedIn!.accessToken);
      expect(sim.oauth.issued().refreshTokens).toContain(rotated!.refreshToken);

      await restarted.disconnect({ removeWebhook: false });
      expect(await keychain.get(tokenAccount)).toBeNull();
      expect(await store.read()).toBeNull();
    } finally {
      cache.close();
    }
  });
});
