import { parseArgs } from 'node:util';
import { startNinjaOneSimulator } from './ninjaone';
import { startPsaSimulator } from './psa';

/**
 * `npm run simulator -- --devices N --seed S --port P`: starts the simulators and prints one JSON
 * line describing them, then serves until stopped. Each simulator contributes its fields to that
 * line and a close function; add another one to `simulators` below.
 */
interface Started {
  fields: Record<string, unknown>;
  /** NinjaOne organization names, for simulators that mirror them (the PSA's clients). */
  organizationNames?: string[];
  close(): Promise<void>;
}

interface CliOptions {
  devices: number;
  seed: number;
  port: number;
  psaPort: number;
  psaRateLimit: boolean;
}

/** Started in order; each sees those started before it. */
const simulators: ((options: CliOptions, before: readonly Started[]) => Promise<Started>)[] = [
  async ({ devices, seed, port }) => {
    const sim = await startNinjaOneSimulator({ devices, seed, port });
    return {
      fields: {
        ninjaone: sim.url,
        clientId: sim.clientId,
        redirectUri: sim.redirectUri,
        accessToken: sim.accessToken,
      },
      organizationNames: sim.truth.organizations().map((o) => String((o as { name: unknown }).name)),
      close: () => sim.close(),
    };
  },
  async ({ psaPort, psaRateLimit }, before) => {
    // Clients mirror the NinjaOne organizations: some exact, some near matches, some missing.
    const organizationNames = before.flatMap((s) => s.organizationNames ?? []);
    const sim = await startPsaSimulator({
      port: psaPort,
      rateLimit: { enforce: psaRateLimit },
      ...(organizationNames.length ? { organizationNames } : {}),
    });
    return { fields: { psa: sim.baseUrl, psaApiKey: sim.apiKey }, close: () => sim.close() };
  },
];

const usage = `npm run simulator -- [--devices N] [--seed S] [--port P] [--psa-port P] [--psa-rate-limit]
  --devices         fleet size (default 200)
  --seed            fleet seed: the same seed gives the same fleet (default 1)
  --port            NinjaOne simulator port on 127.0.0.1 (default 0: a free one)
  --psa-port        Alga PSA simulator port on 127.0.0.1 (default 0: a free one)
  --psa-rate-limit  enforce Alga's rate limit (120 burst, 60 a minute) with 429 and Retry-After`;

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be an integer ${min}-${max}, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      port: { type: 'string', default: '0' },
      'psa-port': { type: 'string', default: '0' },
      'psa-rate-limit': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const options: CliOptions = {
    devices: integer('devices', values.devices, 0, 1_000_000),
    seed: integer('seed', values.seed, 0, 2 ** 31 - 1),
    port: integer('port', values.port, 0, 65535),
    psaPort: integer('psa-port', values['psa-port'], 0, 65535),
    psaRateLimit: values['psa-rate-limit'],
  };
  const started: Started[] = [];
  for (const start of simulators) started.push(await start(options, started));
  console.log(JSON.stringify(Object.assign({}, ...started.map((s) => s.fields))));
  const stop = (): void => {
    void Promise.all(started.map((s) => s.close())).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`npm run simulator failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
