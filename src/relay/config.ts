import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isLoopbackUrl } from '../core/url-input';
import { hashAdminToken } from './auth/admin-token';

/**
 * The relay's configuration: defaults < JSON file (`--config` / RELAY_CONFIG) < environment <
 * flags, validated with zod at start. The webhook secret itself is never a flag nor in the JSON
 * file (those end up in shell history and repositories): it comes from RELAY_WEBHOOK_SECRET or
 * from the file named by `webhookSecretFile`.
 */
const schemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lower-case letters, digits and _ (at most 63)');
/** The PSA key travels with every request: https, or plain http to a PSA on this machine. */
const acceptedPsaUrl = (raw: string): boolean => {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  return url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url)));
};
const seconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const relayConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8787),
    /** SQLite file (one relay process per file). */
    db: z.string().min(1).optional(),
    /** PostgreSQL instead of SQLite; several relays may share it. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    databaseSchema: schemaName.default('public'),
    webhookSecretFile: z.string().min(1).optional(),
    secretHeader: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name')
      .default('X-Relay-Secret'),
    bodyLimitBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(256 * 1024),
    retentionSeconds: seconds(60, 365 * 86_400).default(7 * 86_400),
    heartbeatSeconds: seconds(1, 300).default(15),
    claimTtlSeconds: seconds(10, 3600).default(300),
    /** Longest time a client may take to send one whole request (slow senders are cut off). */
    requestTimeoutSeconds: seconds(1, 600).default(15),
    shutdownGraceSeconds: seconds(0, 300).default(10),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** SHA-256 (hex) of the admin token that may read and edit the rules (`npm run relay -- admin-token`). */
    adminTokenHash: z
      .string()
      .regex(
        /^[0-9a-f]{64}$/,
        'must be the 64-character hex SHA-256 that `npm run relay -- admin-token` prints',
      )
      .optional(),
    /** Or a file holding the admin token itself. */
    adminTokenFile: z.string().min(1).optional(),
    /** Alga PSA for rule-made tickets; the API key comes from RELAY_PSA_API_KEY or psaApiKeyFile. */
    psaUrl: z
      .string()
      .url()
      .refine(acceptedPsaUrl, 'must start with https:// (plain http only to a PSA on this machine)')
      .optional(),
    psaTenantId: z.string().min(1).optional(),
    psaApiKeyFile: z.string().min(1).optional(),
    /** NinjaOne for the backstop poll: the instance (e.g. https://eu.ninjarmm.com) and an API Services app. */
    ninjaOneUrl: z.string().min(1).optional(),
    ninjaOneClientId: z.string().min(1).optional(),
    ninjaOneClientSecretFile: z.string().min(1).optional(),
    /** How often the backstop asks NinjaOne for what the webhooks missed. */
    backstopIntervalSeconds: seconds(1, 86_400).default(300),
    /** How far back the first backstop poll looks. */
    backstopLookbackSeconds: seconds(60, 7 * 86_400).default(3600),
    /** Open event streams allowed on this instance, and per console token (one per console, plus room for restarts). */
    maxStreams: z.coerce.number().int().min(1).max(100_000).default(2000),
    maxStreamsPerToken: z.coerce.number().int().min(1).max(10_000).default(10),
    /** Ledger claims, records and releases per console token per minute. */
    ledgerWritesPerMinute: z.coerce.number().int().min(1).max(100_000).default(600),
    /** Silence changes per console token per minute. */
    silencesPerMinute: z.coerce.number().int().min(1).max(100_000).default(120),
    /** The window those two limits count in: a minute, or shorter for a test that waits one out. */
    rateLimitWindowSeconds: seconds(1, 60).default(60),
    /**
     * `/metrics` on a listener of its own on 127.0.0.1 at this port (0: any free port). Without it,
     * `/metrics` on the main listener needs the metrics token (RELAY_METRICS_TOKEN or
     * metricsTokenFile), and is off when there is none.
     */
    metricsPort: z.coerce.number().int().min(0).max(65535).optional(),
    metricsTokenFile: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.adminTokenHash && config.adminTokenFile)
      ctx.addIssue({ code: 'custom', message: 'give either adminTokenHash or adminTokenFile, not both' });
    if (!!config.ninjaOneUrl !== !!config.ninjaOneClientId)
      ctx.addIssue({
        code: 'custom',
        message: 'the backstop poll needs both ninjaOneUrl and ninjaOneClientId (or neither)',
      });
    if (config.db && config.databaseUrl)
      ctx.addIssue({
        code: 'custom',
        message: 'give either db (SQLite) or databaseUrl (PostgreSQL), not both',
      });
    if (!config.db && !config.databaseUrl)
      ctx.addIssue({
        code: 'custom',
        message:
          'say where to keep events: --db <sqlite file>, or --database-url postgres://... (or RELAY_DATABASE_URL)',
      });
  });

export type RelayConfig = z.infer<typeof relayConfigSchema>;
type Key = keyof RelayConfig;

/** Every setting as a flag (kebab-case of the key) and, for the common ones, an environment variable. */
const settings: { key: Key; env?: string }[] = [
  { key: 'host', env: 'RELAY_HOST' },
  { key: 'port', env: 'RELAY_PORT' },
  { key: 'db', env: 'RELAY_DB' },
  { key: 'databaseUrl', env: 'RELAY_DATABASE_URL' },
  { key: 'databaseSchema', env: 'RELAY_DATABASE_SCHEMA' },
  { key: 'webhookSecretFile', env: 'RELAY_WEBHOOK_SECRET_FILE' },
  { key: 'secretHeader', env: 'RELAY_SECRET_HEADER' },
  { key: 'bodyLimitBytes' },
  { key: 'retentionSeconds' },
  { key: 'heartbeatSeconds' },
  { key: 'claimTtlSeconds' },
  { key: 'requestTimeoutSeconds' },
  { key: 'shutdownGraceSeconds' },
  { key: 'logLevel', env: 'LOG_LEVEL' },
  { key: 'adminTokenHash', env: 'RELAY_ADMIN_TOKEN_HASH' },
  { key: 'adminTokenFile', env: 'RELAY_ADMIN_TOKEN_FILE' },
  { key: 'psaUrl', env: 'RELAY_PSA_URL' },
  { key: 'psaTenantId', env: 'RELAY_PSA_TENANT_ID' },
  { key: 'psaApiKeyFile', env: 'RELAY_PSA_API_KEY_FILE' },
  { key: 'ninjaOneUrl', env: 'RELAY_NINJAONE_URL' },
  { key: 'ninjaOneClientId', env: 'RELAY_NINJAONE_CLIENT_ID' },
  { key: 'ninjaOneClientSecretFile', env: 'RELAY_NINJAONE_CLIENT_SECRET_FILE' },
  { key: 'backstopIntervalSeconds' },
  { key: 'backstopLookbackSeconds' },
  { key: 'maxStreams' },
  { key: 'maxStreamsPerToken' },
  { key: 'ledgerWritesPerMinute' },
  { key: 'silencesPerMinute' },
  { key: 'rateLimitWindowSeconds' },
  { key: 'metricsPort', env: 'RELAY_METRICS_PORT' },
  { key: 'metricsTokenFile', env: 'RELAY_METRICS_TOKEN_FILE' },
];

export const flagOf = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `parseArgs` options for every setting, plus `--config`. */
export const configFlags = Object.fromEntries([
  ['config', { type: 'string' as const }],
  ...settings.map((s) => [flagOf(s.key), { type: 'string' as const }]),
]) as Record<string, { type: 'string' }>;

export class ConfigError extends Error {}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join('.');
      const setting = settings.find((s) => s.key === key);
      const where = setting
        ? ` (--${flagOf(setting.key)}${setting.env ? ` or ${setting.env}` : ''})`
        : key
          ? ` (${key})`
          : '';
      return `  - ${key || 'configuration'}${where}: ${issue.message}`;
    })
    .join('\n');
}

export function loadConfig(
  flags: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): RelayConfig {
  const file = (flags.config as string | undefined) ?? env.RELAY_CONFIG;
  let merged: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read the configuration file ${file}: ${(error as Error).message}`);
    }
    try {
      merged = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`The configuration file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!merged || typeof merged !== 'object' || Array.isArray(merged))
      throw new ConfigError(`The configuration file ${file} must hold one JSON object.`);
  }
  const fromEnv: Record<string, unknown> = {};
  const fromFlags: Record<string, unknown> = {};
  for (const { key, env: name } of settings) {
    const value = name ? env[name] : undefined;
    if (value !== undefined && value !== '') fromEnv[key] = value;
    if (typeof flags[flagOf(key)] === 'string') fromFlags[key] = flags[flagOf(key)];
  }
  for (const layer of [fromEnv, fromFlags]) {
    // The store is one choice: a layer that picks SQLite or PostgreSQL overrides the other of lower layers.
    if ('db' in layer || 'databaseUrl' in layer) {
      delete merged.db;
      delete merged.databaseUrl;
    }
    merged = { ...merged, ...layer };
  }
  const parsed = relayConfigSchema.safeParse(merged);
  if (!parsed.success)
    throw new ConfigError(`The relay configuration is not valid:\n${describe(parsed.error)}`);
  return parsed.data;
}

/** A secret from an environment variable or from the file a setting names (never both, never a flag). */
function loadSecret(
  env: NodeJS.ProcessEnv,
  source: { envName: string; file: string | undefined; fileKey: string; what: string },
): string | null {
  const fromEnv = env[source.envName] || undefined;
  if (source.file && fromEnv)
    throw new ConfigError(`Both ${source.envName} and ${source.fileKey} are set: keep one.`);
  return source.file ? readSecretFile(source.file, source.what) : (fromEnv ?? null);
}

function readSecretFile(file: string, what: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch (error) {
    throw new ConfigError(`Cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
}

/** The webhook secret: from the file named in the configuration, or RELAY_WEBHOOK_SECRET. */
export function loadWebhookSecret(config: RelayConfig, env: NodeJS.ProcessEnv): string {
  const secret = loadSecret(env, {
    envName: 'RELAY_WEBHOOK_SECRET',
    file: config.webhookSecretFile,
    fileKey: 'webhookSecretFile',
    what: 'webhook secret',
  });
  if (!secret)
    throw new ConfigError(
      'No webhook secret: set RELAY_WEBHOOK_SECRET or webhookSecretFile (generate one with `openssl rand -hex 32`).',
    );
  if (secret.length < 16)
    throw new ConfigError(
      'The webhook secret is too short: use at least 16 random characters (`openssl rand -hex 32`).',
    );
  return secret;
}

export interface OptionalSecrets {
  /** SHA-256 (hex) of the admin token; null: rules cannot be read or edited. */
  adminTokenHash: string | null;
  /** The token `/metrics` on the main listener asks for; null: not served there. */
  metricsToken: string | null;
  psaApiKey: string | null;
  ninjaOneClientSecret: string | null;
}

/** The secrets of the optional parts (rules editing, rule tickets, backstop), checked against the settings. */
export function loadOptionalSecrets(config: RelayConfig, env: NodeJS.ProcessEnv): OptionalSecrets {
  const adminToken = config.adminTokenFile ? readSecretFile(config.adminTokenFile, 'admin token') : null;
  if (config.adminTokenFile && (!adminToken || adminToken.length < 16))
    throw new ConfigError(
      `The admin token in ${config.adminTokenFile} is missing or shorter than 16 characters.`,
    );
  const psaApiKey = loadSecret(env, {
    envName: 'RELAY_PSA_API_KEY',
    file: config.psaApiKeyFile,
    fileKey: 'psaApiKeyFile',
    what: 'Alga PSA API key',
  });
  if (config.psaUrl && !psaApiKey)
    throw new ConfigError('psaUrl is set but there is no API key: set RELAY_PSA_API_KEY or psaApiKeyFile.');
  const ninjaOneClientSecret = loadSecret(env, {
    envName: 'RELAY_NINJAONE_CLIENT_SECRET',
    file: config.ninjaOneClientSecretFile,
    fileKey: 'ninjaOneClientSecretFile',
    what: 'NinjaOne client secret',
  });
  if (config.ninjaOneUrl && !ninjaOneClientSecret)
    throw new ConfigError(
      'ninjaOneUrl is set but there is no client secret: set RELAY_NINJAONE_CLIENT_SECRET or ninjaOneClientSecretFile.',
    );
  const metricsToken = loadSecret(env, {
    envName: 'RELAY_METRICS_TOKEN',
    file: config.metricsTokenFile,
    fileKey: 'metricsTokenFile',
    what: 'metrics token',
  });
  if (metricsToken !== null && metricsToken.length < 16)
    throw new ConfigError('The metrics token is shorter than 16 characters: use `openssl rand -hex 32`.');
  return {
    adminTokenHash: config.adminTokenHash ?? (adminToken ? hashAdminToken(adminToken) : null),
    metricsToken,
    psaApiKey: config.psaUrl ? psaApiKey : null,
    ninjaOneClientSecret: config.ninjaOneUrl ? ninjaOneClientSecret : null,
  };
}
