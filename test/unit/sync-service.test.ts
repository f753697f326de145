import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/core/cache/cache';
import type { SyncKind } from '../../src/core/cache/repositories/sync-state';
import { silentLogger } from '../../src/node/logger';
import { emptyCounts, type SyncContext, type SyncJob } from '../../src/core/sync/sync-job';
import { SyncService } from '../../src/core/sync/sync-service';
import type { SyncProgress, SyncStatus } from '../../src/shared/contract/sync';
import { AppError } from '../../src/shared/rpc/errors';
import { ManualClock } from '../support/manual-clock';
import { tempDir } from '../support/temp';

/**
 * A job whose outcome each test scripts: the scheduler is what is under test here; the real NinjaOne
 * job is tested against the simulator.
 */
class ScriptedJob implements SyncJob {
  runs: SyncKind[] = [];
  outcomes: (null | AppError)[] = [];
  reachable = true;
  probes = 0;
  pendingFull = false;
  gate: Promise<void> | null = null;

  connected(): Promise<boolean> {
    return Promise.resolve(true);
  }

  async run(kind: SyncKind, ctx: SyncContext): Promise<SyncKind> {
    this.runs.push(kind);
    ctx.progress('devices', 10, 20);
    ctx.counts.added += 5;
    ctx.counts.apiCalls += 2;
    if (this.gate) await this.gate;
    if (ctx.signal.aborted) throw new AppError('cancelled', 'cancelled');
    const outcome = this.outcomes.shift() ?? null;
    if (outcome) throw outcome;
    return kind;
  }

  unfinished(): SyncKind | null {
    return this.pendingFull ? 'full' : null;
  }

  probe(): Promise<void> {
    this.probes++;
    return this.reachable
      ? Promise.resolve()
      : Promise.reject(new AppError('upstream_unavailable', 'still down'));
  }
}

let cache: Cache;
let clock: ManualClock;
let job: ScriptedJob;
let statuses: SyncStatus[];
let progress: SyncProgress[];
let service: SyncService;

beforeEach(() => {
  cache = Cache.open(join(tempDir(), 'cache.db'));
  clock = new ManualClock();
  job = new ScriptedJob();
  statuses = [];
  progress = [];
  service = new SyncService(
    cache,
    job,
    { status: (s) => statuses.push(s), progress: (p) => progress.push(p) },
    silentLogger,
    clock,
  );
  return async () => {
    await service.stop();
    cache.close();
  };
});

const minutes = (n: number): number => n * 60_000;

/** A full sync that succeeded `ago` ms before now. */
function fullSyncSucceeded(ago: number): void {
  const at = clock.now() - ago;
  const id = cache.syncState.startRun('full', at);
  cache.syncState.finishRun(id, 'succeeded', emptyCounts(), undefined, at);
}

describe('sync scheduler', () => {
  it('syncs at start-up when the cache has never been synced: a full sync first, then incremental ones', async () => {
    await service.start();
    await clock.advance(0);
    expect(job.runs).toEqual(['full']);
    await clock.advance(minutes(15));
    expect(job.runs).toEqual(['full', 'incremental']);
    const history = cache.syncState.history(null, 10).items;
    expect(history.map((r) => [r.kind, r.state, r.added, r.apiCalls])).toEqual([
      ['incremental', 'succeeded', 5, 2],
      ['full', 'succeeded', 5, 2],
    ]);
    expect(progress[0]).toMatchObject({ phase: 'devices', done: 10, total: 20 });
  });

  it('waits for the interval when the cache is fresh, and honours a changed interval', async () => {
    fullSyncSucceeded(minutes(5));
    await service.start();
    await clock.advance(minutes(9));
    expect(job.runs).toEqual([]);
    await service.configure({ intervalMinutes: 5 });
    await clock.advance(0);
    expect(job.runs).toEqual(['incremental']);
    expect(service.status().intervalMinutes).toBe(5);
  });

  it('runs a full reconcile when the last full sync is older than the reconcile interval', async () => {
    fullSyncSucceeded(minutes(25 * 60));
    await service.start();
    await clock.advance(0);
    expect(job.runs).toEqual(['full']);
  });

  it('finishes a full pass a killed run left unfinished before any incremental sync', async () => {
    fullSyncSucceeded(minutes(60));
    job.pendingFull = true;
    await service.start();
    await clock.advance(0);
    expect(job.runs).toEqual(['full']);
  });

  it('backs off after failures, doubling the wait, and resets after a success', async () => {
    job.outcomes = [
      new AppError('upstream_error', 'NinjaOne answered 500'),
      new AppError('upstream_error', 'again'),
      null,
    ];
    await service.start();
    await clock.advance(0);
    expect(service.status()).toMatchObject({ state: 'backing_off', consecutiveFailures: 1 });
    expect(service.status().nextRunAt).toBe(clock.now() + 30_000);
    await clock.advance(30_000);
    expect(service.status().consecutiveFailures).toBe(2);
    expect(service.status().nextRunAt).toBe(clock.now() + 60_000);
    await clock.advance(60_000);
    expect(job.runs).toHaveLength(3);
    expect(service.status()).toMatchObject({ state: 'idle', consecutiveFailures: 0 });
    expect(cache.syncState.history(null, 10).items.map((r) => r.errorCode)).toEqual([
      null,
      'upstream_error',
      'upstream_error',
    ]);
  });

  it('pauses while NinjaOne is unreachable and resumes with a sync when a probe succeeds', async () => {
    job.outcomes = [new AppError('upstream_unavailable', 'connect ECONNREFUSED')];
    job.reachable = false;
    await service.start();
    await clock.advance(0);
    expect(service.status().state).toBe('paused_offline');
    await clock.advance(5_000 + 10_000 + 20_000);
    expect(job.probes).toBe(3);
    expect(job.runs).toHaveLength(1);
    job.reachable = true;
    await clock.advance(40_000);
    expect(job.runs).toHaveLength(2);
    expect(service.status().state).toBe('idle');
  });

  it('lets a second request join the running sync instead of starting another', async () => {
    let release!: () => void;
    job.gate = new Promise((r) => (release = r));
    const first = service.runNow('full');
    const second = service.runNow('incremental');
    expect(service.status().state).toBe('running');
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.id).toBe(b.id);
    expect(job.runs).toEqual(['full']);
  });

  it('cancels the running sync and records it as cancelled', async () => {
    let release!: () => void;
    job.gate = new Promise((r) => (release = r));
    const run = service.runNow('full');
    expect(service.cancel()).toBe(true);
    release();
    expect((await run).state).toBe('cancelled');
    expect(service.status().consecutiveFailures).toBe(0);
  });

  it('marks a run left behind by a killed process as interrupted on start', async () => {
    const id = cache.syncState.startRun('full', clock.now() - 1000);
    await service.start();
    expect(cache.syncState.run(id)?.state).toBe('interrupted');
  });
});
