import { redactValue } from '../../node/logger';
import type { SecretStore } from './secret-store';

/** Secrets held in memory only: for the demo workspace and tests that are not about the keychain. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  get(account: string): Promise<string | null> {
    return Promise.resolve(this.values.get(account) ?? null);
  }

  set(account: string, value: string): Promise<void> {
    redactValue(value);
    this.values.set(account, value);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.values.delete(account));
  }
}
