/**
 * The only place secrets live on the desktop: tokens, API keys, relay console tokens. Values never go
 * to SQLite, logs, the renderer or error messages. Accounts are namespaced strings such as
 * `ninjaone:tokens` or `psa:api-key`.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was removed. */
  delete(account: string): Promise<boolean>;
}

/** The keychain service name every secret of the console is filed under. */
export const SECRET_SERVICE = 'alga-technician-console';
