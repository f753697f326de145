import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Relay } from '../../src/relay/relay';
import type { RelayConfig } from '../../src/relay/config';
import { freshSchema, type TestSchema } from './postgres';
import { startRelayProcess, startTestRelay, type RelayCommand, type RelayProcess } from './relay';
import { openStream, type TestStream } from './sse-client';
import { tempDir } from './temp';

/** Vitest-only helpers around `./relay` (the benchmark uses that one without Vitest). */
export type Backend = 'sqlite' | 'postgres';
type RelayOverrides = Partial<Record<keyof RelayConfig, unknown>>;

/** In-process relays, their streams and their PostgreSQL schemas, all closed after each test. */
export function relayHarness() {
  const relays: Relay[] = [];
  const streams: TestStream[] = [];
  const schemas: TestSchema[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    for (const relay of relays.splice(0)) await relay.close();
    for (const schema of schemas.splice(0)) await schema.drop();
  });
  return {
    /** Settings for a fresh store: a SQLite file, or a PostgreSQL schema of its own. */
    store(backend: Backend): RelayOverrides {
      if (backend === 'sqlite') return { db: join(tempDir('relay-'), 'relay.db') };
      const schema = freshSchema();
      schemas.push(schema);
      return { databaseUrl: schema.url, databaseSchema: schema.schema };
    },
    async relay(
      overrides: RelayOverrides,
      options: Parameters<typeof startTestRelay>[1] = {},
    ): Promise<Relay> {
      const relay = await startTestRelay(overrides, options);
      relays.push(relay);
      return relay;
    },
    async stream(...args: Parameters<typeof openStream>): Promise<TestStream> {
      const stream = await openStream(...args);
      streams.push(stream);
      return stream;
    },
  };
}

/** Starts relay child processes for one test file; each is SIGKILLed after its test. */
export function relayProcesses(): (
  args: string[],
  env?: NodeJS.ProcessEnv,
  command?: RelayCommand,
) => Promise<RelayProcess> {
  const running: RelayProcess[] = [];
  afterEach(async () => {
    for (const relay of running.splice(0)) await relay.stop('SIGKILL');
  });
  return async (args, env, command) => {
    const relay = await startRelayProcess(args, env, command);
    running.push(relay);
    return relay;
  };
}
