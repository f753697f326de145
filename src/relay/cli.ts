import { parseArgs } from 'node:util';
import { createLogger, redactValue } from '../node/logger';
import { newAdminToken } from './auth/admin-token';
import { ConfigError, configFlags, loadConfig, loadOptionalSecrets, loadWebhookSecret } from './config';
import { openStore } from './store/open-store';
import { runTokenCommand } from './token-cli';

const usage = `npm run relay -- [options]                 run the relay
npm run relay -- token create --name <name>  create a console token (printed once)
npm run relay -- token list                  list console tokens
npm run relay -- token revoke <name|id>      revoke one (its open streams close)
npm run relay -- admin-token                 make an admin token for the rules editor (prints it and its hash)

Store (one of): --db <sqlite file> | --database-url postgres://... (RELAY_DATABASE_URL) [--database-schema <name>]
Options: --config <file.json> --host 127.0.0.1 --port 8787 --secret-header X-Relay-Secret
  --webhook-secret-file <file> (or RELAY_WEBHOOK_SECRET) --body-limit-bytes 262144
  --retention-seconds 604800 --heartbeat-seconds 15 --claim-ttl-seconds 300
  --request-timeout-seconds 15 --shutdown-grace-seconds 10 --log-level info
Rules: --admin-token-hash <sha256> | --admin-token-file <file>
  --psa-url https://algapsa.com [--psa-tenant-id <id>] (key: RELAY_PSA_API_KEY or --psa-api-key-file)
Backstop: --ninja-one-url https://eu.ninjarmm.com --ninja-one-client-id <id>
  (secret: RELAY_NINJAONE_CLIENT_SECRET or --ninja-one-client-secret-file) --backstop-interval-seconds 300
Limits: --max-streams 2000 --max-streams-per-token 10 --ledger-writes-per-minute 600 --silences-per-minute 120
  --rate-limit-window-seconds 60
Metrics: --metrics-port <port> (a listener of its own on 127.0.0.1), or a token on /metrics
  (RELAY_METRICS_TOKEN or --metrics-token-file); neither: /metrics is off
Built by \`npm run build\`: node out/relay/cli.js <the same arguments> (production dependencies only).
See the README section "Relay".`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { ...configFlags, name: { type: 'string' }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals[0] === 'admin-token' && positionals.length === 1) {
    const { token, hash } = newAdminToken();
    console.log(
      [
        'Admin token for the rules editor (enter it in the console under Settings > Relay; shown only this once):',
        '',
        `  ${token}`,
        '',
        'Give the relay its hash (it never stores the token):',
        '',
        `  RELAY_ADMIN_TOKEN_HASH=${hash}`,
        '',
        `or "adminTokenHash": "${hash}" in the configuration file.`,
      ].join('\n'),
    );
    return 0;
  }
  const config = loadConfig(values, process.env);
  if (config.databaseUrl) {
    const password = new URL(config.databaseUrl).password;
    redactValue(password ? decodeURIComponent(password) : null);
  }
  const logger = createLogger({ level: config.logLevel, fields: { proc: 'relay' } });

  if (positionals[0] === 'token') {
    const store = await openStore(config, logger);
    try {
      console.log(
        await runTokenCommand(store, { action: positionals[1], name: values.name, target: positionals[2] }),
      );
    } finally {
      await store.close();
    }
    return 0;
  }
  if (positionals.length > 0)
    throw new ConfigError(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);

  const webhookSecret = loadWebhookSecret(config, process.env);
  redactValue(webhookSecret);
  const secrets = loadOptionalSecrets(config, process.env);
  redactValue(secrets.psaApiKey);
  redactValue(secrets.ninjaOneClientSecret);
  redactValue(secrets.metricsToken);
  // Loaded here only: the token commands need neither fastify nor the rest of the server.
  const { startRelay } = await import('./relay');
  const relay = await startRelay({ config, webhookSecret, secrets, logger });
  console.log(`relay listening on ${relay.url} (${relay.store.backend})`);
  if (relay.metricsUrl) console.log(`relay metrics on ${relay.metricsUrl}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info('shutting down', { signal });
      process.once(signal, () => process.exit(1));
      void relay.close().then(resolve, (error: unknown) => {
        logger.error('shutdown failed', { error });
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`relay: ${message}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
