import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Cache } from '../../src/core/cache/cache';
import { silentLogger } from '../../src/node/logger';
import { NinjaOneClient, resolveEndpoint } from '../../src/core/ninjaone';
import { NinjaOneSyncJob } from '../../src/core/sync/ninjaone-sync-job';
import { SyncService } from '../../src/core/sync/sync-service';
import { ThreadedSyncJob } from '../../src/core/sync/thread/threaded-sync-job';
import { percentile } from './report';

/**
 * Child process of `npm run bench -- sync`: the console's reads while a full sync writes, in the one
 * process that does both, as the core does (`--mode thread`: the sync on its own thread, as the core
 * runs it; `inline`: on the reads' thread, for comparison). Every `--every` ms a read is due (the
 * asset list's first page, a search, a device's detail, in turn) on the core's connection; its
 * latency is from when it was due to when it answered, so time the event loop spent on the sync
 * counts. Each read is also kept by kind and by the sync's phase, split into how late it started
 * (the event loop busy elsewhere, or waiting for a core) and how long the query took, with the
 * largest the -wal file grew: where a slow read comes from. Prints one JSON line.
 */
const { values } = parseArgs({
  options: {
    instance: { type: 'string' },
    db: { type: 'string' },
    every: { type: 'string', default: '25' },
    'requests-per-second': { type: 'string', default: '1000' },
    /** `thread`: the sync on a thread of its own, as the core runs it; `inline`: on this one. */
    mode: { type: 'string', default: 'thread' },
  },
});
const token = process.env.NINJAONE_ACCESS_TOKEN!;
const path = values.db!;
const writer = Cache.open(path);
const endpoint = resolveEndpoint({ host: values.instance! });
const rate = Number(values['requests-per-second']);
const client = (): Promise<NinjaOneClient> =>
  Promise.resolve(
    new NinjaOneClient({
      endpoint,
      tokens: {
        accessToken: () => Promise.resolve(token),
        renewAfterRejection: () => Promise.resolve(token),
      },
      budget: { requestsPerSecond: rate, burst: rate },
    }),
  );
const hooks = {
  changed: () => undefined,
  alertsChanged: () => undefined,
  organizationsSynced: () => undefined,
};
const inline = new NinjaOneSyncJob({
  cache: writer,
  client,
  connected: () => Promise.resolve(true),
  hooks,
  logger: silentLogger,
});
const job =
  values.mode === 'inline'
    ? inline
    : new ThreadedSyncJob(inline, { cachePath: path, client, hooks, logger: silentLogger });
let phase = 'start';
const service = new SyncService(
  writer,
  job,
  { progress: (p) => (phase = p.phase), status: () => undefined },
  silentLogger,
);

const every = Number(values.every);
interface Sample {
  kind: string;
  phase: string;
  /** From when the read was due to when it answered. */
  ms: number;
  /** How long the query itself took. */
  queryMs: number;
}
const samples: Sample[] = [];
let walMaxMb = 0;
const reads: { kind: string; read(): void }[] = [
  {
    kind: 'list',
    read: () => writer.devices.list({ filter: {}, sort: { field: 'name', direction: 'asc' }, limit: 100 }),
  },
  {
    kind: 'search',
    read: () =>
      writer.devices.list({
        filter: { search: 'desk' },
        sort: { field: 'name', direction: 'asc' },
        limit: 100,
      }),
  },
  {
    kind: 'detail',
    read: () => {
      const first = writer.devices.list({
        filter: {},
        sort: { field: 'lastContact', direction: 'desc' },
        limit: 1,
      });
      const id = first.items[0]?.id;
      if (id !== undefined) writer.devices.get(id);
    },
  },
];
let due = performance.now() + every;
let turn = 0;
let stopped = false;
const tick = (): void => {
  if (stopped) return;
  const { kind, read } = reads[turn++ % reads.length]!;
  const start = performance.now();
  read();
  const end = performance.now();
  samples.push({ kind, phase, ms: end - due, queryMs: end - start });
  try {
    walMaxMb = Math.max(walMaxMb, statSync(`${path}-wal`).size / 1e6);
  } catch {
    // No -wal file at this moment (before the first write, after a truncating checkpoint).
  }
  due += every;
  // A read that fell behind is due at once; the next keeps the cadence from now.
  if (due < performance.now()) due = performance.now();
  setTimeout(tick, Math.max(0, due - performance.now()));
};
setTimeout(tick, every);
const started = performance.now();
const run = await service.runNow('full');
const fullMs = performance.now() - started;
stopped = true;
await service.stop();
writer.close();
const stats = (of: Sample[]): Record<string, number> => {
  const ms = of.map((s) => s.ms);
  const query = of.map((s) => s.queryMs);
  return {
    samples: of.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: Math.max(...ms),
    queryP95: percentile(query, 95),
    queryMax: Math.max(...query),
  };
};
const groups = (key: 'kind' | 'phase'): Record<string, Record<string, number>> =>
  Object.fromEntries(
    [...new Set(samples.map((s) => s[key]))].map((k) => [k, stats(samples.filter((s) => s[key] === k))]),
  );
const latencies = samples.map((s) => s.ms);
process.stdout.write(
  JSON.stringify({
    state: run.state,
    fullMs: Math.round(fullMs),
    samples: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    byKind: groups('kind'),
    byPhase: groups('phase'),
    walMaxMb: Math.round(walMaxMb),
  }) + '\n',
);
