import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SqliteRelayStore } from '../../src/relay/store/sqlite/sqlite-store';
import { freshSchema } from '../support/postgres';
import { ensureTestPostgres } from '../support/postgres-server';
import { createToken, metricsText, startRelayProcess } from '../support/relay';
import { repoRoot } from '../support/web-process';
import { fanOut } from './relay/fan-out';
import { ingestRate } from './relay/load';
import { percentile, printReport, round, type BenchRow } from './report';

const INGEST = 10_000;
const WARMUP = 2_000;
const ROUNDS = 3;
const CONCURRENCY = 64;

async function startBareServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'test/bench/relay/bare-server.ts')],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function commitStats(url: string): Promise<number> {
  const text = await metricsText(url);
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  return value('relay_commit_batch_webhooks_total') / value('relay_commit_batches_total');
}

/**
 * `npm run bench -- relay`: durable ingest on SQLite and PostgreSQL against a bare HTTP server as the
 * ceiling (same load generator: 64 keep-alive connections, one webhook of ~700 bytes each, three
 * interleaved rounds of 10,000, medians), then
 * fan-out latency to 200 stream clients at 500 webhooks/s. Every server is its own process.
 * PostgreSQL is the reader's when RELAY_TEST_DATABASE_URL is set, else embedded (fsync on).
 */
export async function benchRelay(): Promise<void> {
  // The reader's PostgreSQL (RELAY_TEST_DATABASE_URL) or a throwaway one, as for the tests.
  const postgres = await ensureTestPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'alga-bench-relay-'));
  const schema = freshSchema();
  const rows: BenchRow[] = [];
  const children: { stop(): unknown }[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    const bare = await startBareServer();
    children.push(bare);
    const sqlite = await startRelayProcess(['--db', join(dir, 'ingest.db')]);
    children.push(sqlite);
    const pg = await startRelayProcess(['--database-url', schema.url, '--database-schema', schema.schema]);
    children.push(pg);
    // Rounds interleave the three servers, so load from elsewhere on the machine hits them alike;
    // each figure is the median of its rounds.
    const targets = [bare.url, sqlite.url, pg.url];
    const rates: number[][] = targets.map(() => []);
    let failures = 0;
    let nextId = 1;
    for (const url of targets) await ingestRate(url, (nextId += WARMUP), WARMUP, CONCURRENCY);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, url] of targets.entries()) {
        const result = await ingestRate(url, (nextId += INGEST), INGEST, CONCURRENCY);
        rates[i]!.push(result.perSecond);
        failures += result.failures;
      }
    }
    const [ceiling, sqliteRate, pgRate] = rates.map((r) => percentile(r, 50)) as [number, number, number];
    const sqliteBatch = await commitStats(sqlite.url);
    const pgBatch = await commitStats(pg.url);
    bare.stop();
    await sqlite.stop();
    await pg.stop();

    const fanDb = join(dir, 'fan-out.db');
    const setup = await SqliteRelayStore.open(fanDb);
    const token = await createToken(setup, 'bench');
    await setup.close();
    // 200 stream clients on one token: more than a relay allows one console by default.
    const fan = await startRelayProcess(['--db', fanDb, '--max-streams-per-token', '200']);
    children.push(fan);
    const result = await fanOut(fan.url, token, { clients: 200, perSecond: 500, seconds: 10, firstId: 1 });
    await fan.stop();

    const pct = (samples: number[], p: number) => round(percentile(samples, p), 1);
    rows.push(
      { metric: 'bare HTTP 200, no work (ceiling)', value: round(ceiling, 0), unit: 'req/s' },
      {
        metric: 'durable ingest, SQLite',
        value: round(sqliteRate, 0),
        unit: 'hooks/s',
        goal: '>= 2000',
      },
      { metric: 'SQLite / ceiling', value: round(sqliteRate / ceiling, 2), unit: 'ratio' },
      { metric: 'SQLite webhooks per commit', value: round(sqliteBatch, 1), unit: 'avg' },
      { metric: 'durable ingest, PostgreSQL', value: round(pgRate, 0), unit: 'hooks/s' },
      { metric: 'PostgreSQL / ceiling', value: round(pgRate / ceiling, 2), unit: 'ratio' },
      { metric: 'PostgreSQL webhooks per commit', value: round(pgBatch, 1), unit: 'avg' },
      { metric: 'fan-out offered rate', value: round(result.sendRate, 0), unit: 'hooks/s', goal: '500' },
      {
        metric: 'fan-out deliveries',
        value: result.delivered,
        unit: 'frames',
        goal: String(result.expected),
      },
      { metric: 'fan-out p50, 2xx to delivery', value: pct(result.fromAnswer, 50), unit: 'ms' },
      {
        metric: 'fan-out p99, 2xx to delivery',
        value: pct(result.fromAnswer, 99),
        unit: 'ms',
        goal: '< 100',
      },
      { metric: 'fan-out p99, send to delivery', value: pct(result.fromSend, 99), unit: 'ms' },
      { metric: 'webhook 2xx p50 during fan-out', value: pct(result.ack, 50), unit: 'ms' },
      { metric: 'webhook 2xx p99 during fan-out', value: pct(result.ack, 99), unit: 'ms' },
    );
    printReport('relay', rows, {
      ingestCount: INGEST,
      concurrency: CONCURRENCY,
      fanOutClients: 200,
      rounds: ROUNDS,
      failures,
      // The machine is shared: the 1-minute load average says how much else was running.
      loadAverage: [round(loadBefore, 1), round(loadavg()[0]!, 1)],
    });
  } finally {
    for (const child of children) child.stop();
    await schema.drop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
