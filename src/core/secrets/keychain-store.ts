import type * as KeytarModule from 'keytar';
import { AppError } from '../../shared/rpc/errors';
import { redactValue } from '../../node/logger';
import { SECRET_SERVICE, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

/**
 * The OS keychain through keytar (libsecret on Linux, Keychain on macOS, Credential Vault on
 * Windows). keytar is loaded on first use so a machine without a keychain fails with an actionable
 * error instead of crashing at start-up. Every value read or written is registered for log redaction.
 */
export class KeychainSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | null = null;

  /**
   * `ALGA_CONSOLE_KEYCHAIN_SERVICE` files the secrets under another service name: tests that run the
   * core as a child process use it to stay away from a developer's real console secrets.
   */
  constructor(
    private readonly service = process.env.ALGA_CONSOLE_KEYCHAIN_SERVICE?.trim() || SECRET_SERVICE,
  ) {}

  private load(): Promise<Keytar> {
    this.keytar ??= import('keytar').then((m) => (m as { default?: Keytar }).default ?? (m as Keytar));
    return this.keytar;
  }

  private async run<T>(action: string, work: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      return await work(await this.load());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError(
        'keychain_unavailable',
        `The OS keychain could not ${action} (${reason}). On Linux, install and unlock a Secret Service keyring such as gnome-keyring.`,
      );
    }
  }

  async get(account: string): Promise<string | null> {
    const value = await this.run('read a secret', (k) => k.getPassword(this.service, account));
    redactValue(value);
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    redactValue(value);
    await this.run('store a secret', (k) => k.setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.run('delete a secret', (k) => k.deletePassword(this.service, account));
  }
}
