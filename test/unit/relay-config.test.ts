import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashAdminToken } from '../../src/relay/auth/admin-token';
import { ConfigError, loadConfig, loadOptionalSecrets, loadWebhookSecret } from '../../src/relay/config';
import { tempDir } from '../support/temp';

describe('relay configuration', () => {
  it('uses safe defaults: loopback, 256 KB bodies, X-Relay-Secret, 7 days retention', () => {
    const config = loadConfig({ db: '/tmp/r.db' }, {});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      secretHeader: 'X-Relay-Secret',
      bodyLimitBytes: 262144,
      retentionSeconds: 604800,
      databaseSchema: 'public',
    });
  });

  it('takes flags over environment over the JSON file', () => {
    const dir = tempDir('relay-config-');
    const file = join(dir, 'relay.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 9000, host: '0.0.0.0', db: '/srv/relay.db', heartbeatSeconds: 5 }),
    );
    const config = loadConfig({ config: file, port: '9100' }, { RELAY_PORT: '9050', RELAY_HOST: '::1' });
    expect(config).toMatchObject({ port: 9100, host: '::1', db: '/srv/relay.db', heartbeatSeconds: 5 });
    // Choosing the store in a higher layer replaces the choice of a lower one.
    const pg = loadConfig({}, { RELAY_CONFIG: file, RELAY_DATABASE_URL: 'postgres://x@h/db' });
    expect([pg.databaseUrl, pg.db]).toEqual(['postgres://x@h/db', undefined]);
    const sqlite = loadConfig({ db: 'flag.db' }, { RELAY_DATABASE_URL: 'postgres://x@h/db' });
    expect([sqlite.db, sqlite.databaseUrl]).toEqual(['flag.db', undefined]);
  });

  it('refuses bad values with messages that name the setting and where to set it', () => {
    const attempt = (flags: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
      try {
        loadConfig(flags, env);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    expect(attempt({})).toContain('say where to keep events: --db <sqlite file>');
    expect(attempt({ db: 'a.db', 'database-url': 'postgres://h/db' })).toContain('not both');
    expect(attempt({ db: 'a.db', port: '70000' })).toMatch(/port \(--port or RELAY_PORT\)/);
    expect(attempt({ 'database-url': 'mysql://h/db' })).toMatch(/databaseUrl .*must be a postgres:\/\/ URL/);
    expect(attempt({ db: 'a.db', 'body-limit-bytes': 'lots' })).toMatch(
      /bodyLimitBytes \(--body-limit-bytes\)/,
    );
    expect(attempt({ db: 'a.db', 'secret-header': 'X Bad: header' })).toContain(
      'must be an HTTP header name',
    );
    expect(attempt({ db: 'a.db', 'database-schema': 'Robert"; drop' })).toContain('lower-case letters');
    expect(attempt({ config: '/nonexistent/relay.json' })).toContain('Cannot read the configuration file');
  });

  it('refuses unknown keys in the file, so a secret or a typo there is caught', () => {
    const file = join(tempDir('relay-config-'), 'relay.json');
    writeFileSync(file, JSON.stringify({ db: 'a.db', webhookSecret: 'hunter2hunter2hunter2' }));
    expect(() => loadConfig({ config: file }, {})).toThrow(/Unrecognized key.*webhookSecret/);
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ config: file }, {})).toThrow(/not valid JSON/);
  });

  it('reads the webhook secret from the environment or a file, and refuses weak or doubled ones', () => {
    const config = loadConfig({ db: 'a.db' }, {});
    expect(loadWebhookSecret(config, { RELAY_WEBHOOK_SECRET: 'a'.repeat(32) })).toBe('a'.repeat(32));
    expect(() => loadWebhookSecret(config, {})).toThrow(/No webhook secret/);
    expect(() => loadWebhookSecret(config, { RELAY_WEBHOOK_SECRET: 'short' })).toThrow(/too short/);
    const file = join(tempDir('relay-secret-'), 'secret');
    writeFileSync(file, 'b'.repeat(40) + '\n');
    const withFile = loadConfig({ db: 'a.db', 'webhook-secret-file': file }, {});
    expect(loadWebhookSecret(withFile, {})).toBe('b'.repeat(40));
    expect(() => loadWebhookSecret(withFile, { RELAY_WEBHOOK_SECRET: 'c'.repeat(32) })).toThrow(/keep one/);
    const missing = loadConfig({ db: 'a.db', 'webhook-secret-file': '/nonexistent/secret' }, {});
    expect(() => loadWebhookSecret(missing, {})).toThrow(
      /Cannot read the webhook secret file \/nonexistent\/secret/,
    );
  });
});

describe('relay configuration of rules and the backstop', () => {
  it('takes the admin token as a hash or a file, the PSA key and NinjaOne secret from the environment or files', () => {
    const dir = tempDir('relay-secrets-');
    const tokenFile = join(dir, 'admin-token');
    writeFileSync(tokenFile, 'alga_admin_0123456789abcdef\n');
    const keyFile = join(dir, 'psa-key');
    writeFileSync(keyFile, 'psa-key-from-file\n');
    const fromFile = loadConfig(
      { db: 'a.db', 'admin-token-file': tokenFile, 'psa-url': 'https://psa.example.com' },
      { RELAY_PSA_API_KEY_FILE: keyFile },
    );
    expect(loadOptionalSecrets(fromFile, {})).toEqual({
      adminTokenHash: hashAdminToken('alga_admin_0123456789abcdef'),
      psaApiKey: 'psa-key-from-file',
      ninjaOneClientSecret: null,
      metricsToken: null,
    });
    const fromEnv = loadConfig(
      { db: 'a.db', 'ninja-one-url': 'https://eu.ninjarmm.com', 'ninja-one-client-id': 'relay-app' },
      { RELAY_ADMIN_TOKEN_HASH: 'a'.repeat(64) },
    );
    expect(
      loadOptionalSecrets(fromEnv, {
        RELAY_NINJAONE_CLIENT_SECRET: 'shh',
        RELAY_METRICS_TOKEN: 'metrics-token-0123456789',
      }),
    ).toEqual({
      adminTokenHash: 'a'.repeat(64),
      psaApiKey: null,
      ninjaOneClientSecret: 'shh',
      metricsToken: 'metrics-token-0123456789',
    });
  });

  it('refuses half-configured parts with a message saying what is missing', () => {
    expect(() => loadConfig({ db: 'a.db', 'admin-token-hash': 'not-a-hash' }, {})).toThrow(
      /adminTokenHash .*64-character hex SHA-256/,
    );
    expect(() => loadConfig({ db: 'a.db', 'ninja-one-url': 'https://eu.ninjarmm.com' }, {})).toThrow(
      'needs both ninjaOneUrl and ninjaOneClientId',
    );
    const psa = loadConfig({ db: 'a.db', 'psa-url': 'https://psa.example.com' }, {});
    expect(() => loadOptionalSecrets(psa, {})).toThrow('psaUrl is set but there is no API key');
    expect(() =>
      loadConfig({ db: 'a.db', 'admin-token-hash': 'b'.repeat(64), 'admin-token-file': '/x' }, {}),
    ).toThrow('either adminTokenHash or adminTokenFile');
  });
});
