import { KeychainSecretStore } from '../../src/core/secrets/keychain-store';

/**
 * A keychain service name of the test's own (per label and process), so test entries never touch a
 * developer's real console secrets nor another test run's. The keychain itself is the real one that
 * the global set-up makes available (see secret-service.ts).
 */
export function testKeychainService(label: string): string {
  return `alga-technician-console-test-${label}-${process.pid}`;
}

/** The real OS keychain, under a service name of the test's own. */
export function testKeychain(label: string): KeychainSecretStore {
  return new KeychainSecretStore(testKeychainService(label));
}
