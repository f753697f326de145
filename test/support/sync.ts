import { join } from 'node:path';
import { Cache } from '../../src/core/cache/cache';
import type { SyncKind } from '../../src/core/cache/repositories/sync-state';
import { silentLogger } from '../../src/node/logger';
import type { NinjaOneClientOptions } from '../../src/core/ninjaone';
import type { CacheChange } from '../../src/core/sync/change-feed';
import type { Clock } from '../../src/core/time/clock';
import { NinjaOneSyncJob } from '../../src/core/sync/ninjaone-sync-job';
import { SyncService } from '../../src/core/sync/sync-service';
import type { SyncProgress, SyncRun } from '../../src/shared/contract/sync';
import {
  startNinjaOneSimulator,
  type BehaviourChange,
  type NinjaOneSimulator,
} from '../../src/simulator/ninjaone';
import { simulatorClient } from './ninjaone';
import { tempDir } from './temp';

/** The NinjaOne sync job and its scheduler over a temp cache, against a simulator, recording what it reports. */
export interface SyncHarness {
  cache: Cache;
  service: SyncService;
  changes: CacheChange[];
  alerts: { opened: string[]; reset: string[] }[];
  organizationsSynced: number;
  progress: SyncProgress[];
  /** Resolves when the running sync reports progress in `phase`. */
  whenPhase(phase: string): Promise<void>;
  run(kind?: SyncKind): Promise<SyncRun>;
  close(): Promise<void>;
}

export function syncHarness(
  sim: NinjaOneSimulator,
  options: { cachePath?: string; client?: Partial<NinjaOneClientOptions>; clock?: Clock } = {},
): SyncHarness {
  const cache = Cache.open(options.cachePath ?? join(tempDir('sync-'), 'cache.db'));
  const waiting: { phase: string; resolve: () => void }[] = [];
  const harness: SyncHarness = {
    cache,
    service: undefined as unknown as SyncService,
    changes: [],
    alerts: [],
    organizationsSynced: 0,
    progress: [],
    whenPhase: (phase) => new Promise((resolve) => waiting.push({ phase, resolve })),
    run: (kind) => harness.service.runNow(kind),
    close: async () => {
      await harness.service.stop();
      cache.close();
    },
  };
  const job = new NinjaOneSyncJob({
    cache,
    client: () => Promise.resolve(simulatorClient(sim, options.client)),
    connected: () => Promise.resolve(true),
    hooks: {
      changed: (change) => harness.changes.push(change),
      alertsChanged: (change) => harness.alerts.push(change),
      organizationsSynced: () => harness.organizationsSynced++,
    },
    logger: silentLogger,
  });
  harness.service = new SyncService(
    cache,
    job,
    {
      progress: (p) => {
        harness.progress.push(p);
        for (const w of waiting.filter((w) => w.phase === p.phase)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      },
      status: () => undefined,
    },
    silentLogger,
    options.clock,
  );
  return harness;
}

/**
 * Simulators with a sync harness each, for tests that want a fresh tenant per test: `setup` starts
 * one (with `defaults` under the test's own behaviour), `closeAll` (in an afterEach) ends them all.
 */
export function syncFixtures(defaults: BehaviourChange = {}): {
  setup(
    devices: number,
    seed: number,
    behaviour?: BehaviourChange,
  ): Promise<{ sim: NinjaOneSimulator; sync: SyncHarness }>;
  closeAll(): Promise<void>;
} {
  const open: { sim: NinjaOneSimulator; sync: SyncHarness }[] = [];
  return {
    setup: async (devices, seed, behaviour = {}) => {
      const sim = await startNinjaOneSimulator({ devices, seed, behaviour: { ...defaults, ...behaviour } });
      const fixture = { sim, sync: syncHarness(sim) };
      open.push(fixture);
      return fixture;
    },
    closeAll: async () => {
      for (const { sim, sync } of open.splice(0)) {
        await sync.close();
        await sim.close();
      }
    },
  };
}
