import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The relay's configuration: defaults < JSON file (`--config` / RELAY_CONFIG) < environment <
 * flags, validated with zod at start. The webhook secret itself is never a flag nor in the JSON
 * file (those end up in shell history and repositories): it comes from RELAY_WEBHOOK_SECRET or
 * from the file named by `webhookSecretFile`.
 */
const schemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lower-case letters, digits and _ (at most 63)');
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
  })
  .strict()
  .superRefine((config, ctx) => {
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

/** The webhook secret: from the file named in the configuration, or RELAY_WEBHOOK_SECRET. */
export function loadWebhookSecret(config: RelayConfig, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.RELAY_WEBHOOK_SECRET;
  if (config.webhookSecretFile && fromEnv)
    throw new ConfigError('Both RELAY_WEBHOOK_SECRET and webhookSecretFile are set: keep one.');
  let secret = fromEnv;
  if (config.webhookSecretFile) {
    try {
      secret = readFileSync(config.webhookSecretFile, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(
        `Cannot read the webhook secret file ${config.webhookSecretFile}: ${(error as Error).message}`,
      );
    }
  }
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
