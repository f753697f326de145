import { parseArgs } from 'node:util';
import { startNinjaOneSimulator } from './ninjaone';

/**
 * `npm run simulator -- --devices N --seed S --port P`: starts the simulators and prints one JSON
 * line describing them, then serves until stopped. Each simulator contributes its fields to that
 * line and a close function; add another one to `simulators` below.
 */
interface Started {
  fields: Record<string, unknown>;
  close(): Promise<void>;
}

interface CliOptions {
  devices: number;
  seed: number;
  port: number;
}

const simulators: ((options: CliOptions) => Promise<Started>)[] = [
  async ({ devices, seed, port }) => {
    const sim = await startNinjaOneSimulator({ devices, seed, port });
    return {
      fields: {
        ninjaone: sim.url,
        clientId: sim.clientId,
        redirectUri: sim.redirectUri,
        accessToken: sim.accessToken,
      },
      close: () => sim.close(),
    };
  },
];

const usage = `npm run simulator -- [--devices N] [--seed S] [--port P]
  --devices  fleet size (default 200)
  --seed     fleet seed: the same seed gives the same fleet (default 1)
  --port     NinjaOne simulator port on 127.0.0.1 (default 0: a free one)`;

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
  };
  const started: Started[] = [];
  for (const start of simulators) started.push(await start(options));
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
