import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { testKeychain } from '../support/keychain';

/** Runs against the real OS keychain: gnome-keyring over D-Bus in CI (`.ci/run` starts and unlocks it). */
const store = testKeychain('store');
const account = `test:${randomBytes(4).toString('hex')}`;

afterEach(async () => {
  await store.delete(account);
});

describe('OS keychain secret store', () => {
  it('stores, reads, rotates and deletes a secret', async () => {
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'first-refresh-token-value');
    expect(await store.get(account)).toBe('first-refresh-token-value');
    await store.set(account, 'rotated-refresh-token-value');
    expect(await store.get(account)).toBe('rotated-refresh-token-value');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps secrets of different accounts apart', async () => {
    const other = `${account}-other`;
    await store.set(account, 'value-one');
    await store.set(other, 'value-two');
    try {
      expect(await store.get(account)).toBe('value-one');
      expect(await store.get(other)).toBe('value-two');
    } finally {
      await store.delete(other);
    }
  });
});
