import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../../shared/rpc/errors';
import {
  defaultRequestBudget,
  ninjaOneInstances,
  requestBudgetSchema,
  type NinjaOneInstance,
  type RequestBudget,
} from '../../shared/contract/ninjaone';
import type { SyncRun, SyncWarning } from '../../shared/contract/sync';
import { Cache } from '../cache/cache';
import { createLogger, redactValue, type Logger } from '../../node/logger';
import {
  NinjaOneClient,
  NinjaOneConnection,
  resolveEndpoint,
  type NinjaOneEndpoint,
  type TokenProvider,
} from '../ninjaone';
import { KeychainSecretStore } from '../secrets/keychain-store';
import { NinjaOneSyncJob } from './ninjaone-sync-job';
import { SyncService } from './sync-service';

const usage = `npm run sync -- --instance <url> --db <path> [--full | --status] [--requests-per-second <n>] [--burst <n>]
  --instance  the NinjaOne host (https://eu.ninjarmm.com, acme.rmmservice.com, or the simulator's URL)
  --db        the cache file (created when missing)
  --full      a full pass (default: incremental, or full when the cache has none or one is unfinished)
  --status    only read every device's online status and last contact (the status sweep)
  --requests-per-second, --burst
              the NinjaOne request budget for this run (default: the console's setting, 10 and 20)
The access token comes from NINJAONE_ACCESS_TOKEN, or from the OS keychain when the console is
connected to that host. Progress goes to stderr; one JSON summary line to stdout, whose "warnings"
list what the run skipped (a family NinjaOne refused, lacks or kept failing) or held back (a mass
deletion waiting for confirmation).
Exit codes: 0 the run finished (state "succeeded", or "partial": some families skipped, see
"warnings"); 1 it failed; 130 it was cancelled.`;

/** The one JSON line printed on stdout. */
export interface SyncCliSummary {
  /** The run finished: `succeeded`, or `partial` (see `warnings`). */
  ok: boolean;
  run: SyncRun | null;
  /** What the run skipped or held back (also in `run.warnings`). */
  warnings: SyncWarning[];
  /** `--status`: what the status sweep read and changed. */
  status?: { devices: number; changed: number; requests: number; durationMs: number } | null;
  devices: number | null;
  peakRssMb: number;
  /** CPU time of the process (user and system, ms), starting Node and loading the code included. */
  cpuMs: number;
  /**
   * CPU time of the run alone (ms): from the start of the sync to its end, without starting Node,
   * loading the code, opening the cache or printing. Null when no run started.
   */
  syncCpuMs: number | null;
  errorCode?: string;
  errorMessage?: string;
}

/** A token handed in from outside cannot be renewed: a 401 means it is wrong or expired. */
function staticToken(token: string, host: string): TokenProvider {
  return {
    accessToken: () => Promise.resolve(token),
    renewAfterRejection: () =>
      Promise.reject(
        new AppError(
          'unauthorized',
          `NinjaOne at ${host} refused NINJAONE_ACCESS_TOKEN; get a new access token or connect the console.`,
        ),
      ),
  };
}

/** The token from the environment, or the console's own sign-in for this host (OS keychain). */
function clientFactory(
  instance: string,
  cache: Cache,
  logger: Logger,
  budget: RequestBudget | undefined,
): () => Promise<NinjaOneClient> {
  const endpoint = endpointOf(instance);
  const token = process.env.NINJAONE_ACCESS_TOKEN?.trim();
  if (token) {
    redactValue(token);
    return () =>
      Promise.resolve(
        new NinjaOneClient({ endpoint, tokens: staticToken(token, endpoint.host), logger, budget }),
      );
  }
  const connection = new NinjaOneConnection({
    settings: cache.settings,
    secrets: new KeychainSecretStore(),
    opener: {
      open: () => Promise.reject(new AppError('not_connected', 'The headless sync cannot sign in.')),
    },
    logger,
  });
  return async () => {
    const client = await connection.client(budget ? { budget } : {});
    if (client.endpoint.host !== endpoint.host) {
      throw new AppError(
        'not_connected',
        `This cache is connected to NinjaOne at ${client.endpoint.host}, not ${endpoint.host}; set NINJAONE_ACCESS_TOKEN for ${endpoint.host}.`,
      );
    }
    return client;
  };
}

/** A region name (`eu`) or a host / URL. */
function endpointOf(instance: string): NinjaOneEndpoint {
  return Object.hasOwn(ninjaOneInstances, instance)
    ? resolveEndpoint({ instance: instance as NinjaOneInstance })
    : resolveEndpoint({ host: instance });
}

function progressLine(phase: string, done: number, total: number | null, rate: number): string {
  const of = total === null ? '' : `/${total}`;
  return `sync: ${phase} ${done}${of} (${Math.round(rate)}/s)\n`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      instance: { type: 'string' },
      db: { type: 'string' },
      full: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      'requests-per-second': { type: 'string' },
      burst: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (!values.instance || !values.db) {
    throw new AppError('invalid_input', `--instance and --db are required.\n${usage}`);
  }
  const budget = budgetOf(values['requests-per-second'], values.burst);
  const logger = createLogger({ level: 'warn', fields: { proc: 'sync-cli' } });
  const path = resolve(values.db);
  mkdirSync(dirname(path), { recursive: true });
  const cache = Cache.open(path);
  try {
    const client = clientFactory(values.instance, cache, logger, budget);
    const job = new NinjaOneSyncJob({ cache, client, connected: () => Promise.resolve(true), logger });
    if (values.status) return await statusOnly(cache, job);
    const service = new SyncService(
      cache,
      job,
      {
        progress: (p) => process.stderr.write(progressLine(p.phase, p.done, p.total, p.rate)),
        status: () => undefined,
      },
      logger,
    );
    cache.syncState.interruptAbandoned();
    const stop = (): void => void service.cancel();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const started = process.cpuUsage();
    const run = await service.runNow(values.full ? 'full' : undefined);
    const syncCpu = cpuMs(started);
    await service.stop();
    const ok = run.state === 'succeeded' || run.state === 'partial';
    print({
      ok,
      run,
      warnings: run.warnings,
      devices: cache.devices.count(),
      peakRssMb: peakRssMb(),
      cpuMs: cpuMs(),
      syncCpuMs: syncCpu,
      ...(ok ? {} : { errorCode: run.errorCode ?? 'internal', errorMessage: run.errorMessage ?? run.state }),
    });
    if (!ok) process.stderr.write(`sync ${run.state}: [${run.errorCode}] ${run.errorMessage}\n`);
    for (const warning of run.warnings)
      process.stderr.write(`sync warning [${warning.code}] ${warning.message}\n`);
    return ok ? 0 : run.state === 'cancelled' ? 130 : 1;
  } finally {
    cache.close();
  }
}

/** `--requests-per-second` / `--burst`, or undefined for the console's setting. */
function budgetOf(rate: string | undefined, burst: string | undefined): RequestBudget | undefined {
  if (rate === undefined && burst === undefined) return undefined;
  const parsed = requestBudgetSchema.safeParse({
    requestsPerSecond: rate === undefined ? defaultRequestBudget.requestsPerSecond : Number(rate),
    burst: burst === undefined ? defaultRequestBudget.burst : Number(burst),
  });
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      '--requests-per-second must be 0.5 to 1000 and --burst a whole number 1 to 1000.',
    );
  return parsed.data;
}

/** `--status`: the status sweep alone. */
async function statusOnly(cache: Cache, job: NinjaOneSyncJob): Promise<number> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const result = await job.sweepStatus(new AbortController().signal);
  const syncCpu = cpuMs(cpu);
  print({
    ok: true,
    run: null,
    warnings: [],
    status: {
      devices: result.devices,
      changed: result.changed,
      requests: result.requests,
      durationMs: Date.now() - started,
    },
    devices: cache.devices.count(),
    peakRssMb: peakRssMb(),
    cpuMs: cpuMs(),
    syncCpuMs: syncCpu,
  });
  return 0;
}

/** CPU time (user and system, ms) of the process, or since `since`. */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return Math.round((user + system) / 1000);
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function print(summary: SyncCliSummary): void {
  process.stdout.write(JSON.stringify(summary) + '\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const appError = isAppError(error)
      ? error
      : new AppError('internal', error instanceof Error ? error.message : String(error));
    print({
      ok: false,
      run: null,
      warnings: [],
      devices: null,
      peakRssMb: peakRssMb(),
      cpuMs: cpuMs(),
      syncCpuMs: null,
      errorCode: appError.code,
      errorMessage: appError.message,
    });
    process.stderr.write(`sync failed: [${appError.code}] ${appError.message}\n`);
    process.exitCode = 1;
  },
);
