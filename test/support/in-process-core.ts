import { join } from 'node:path';
import { startCore, type Core, type CoreOptions } from '../../src/core/host/core';
import { silentLogger } from '../../src/node/logger';
import { MemorySecretStore } from '../../src/core/secrets/memory-store';
import type { Events } from '../../src/shared/contract';
import type { PayloadOf } from '../../src/shared/rpc/define';
import { inProcessClient } from './in-process-client';
import type { TestClient } from './rpc-ws-client';
import { tempDir } from './temp';

/** A core in this process on a temp cache (secrets in memory), with a contract client connected to it. */
export async function startInProcessCore(
  options: Partial<CoreOptions> = {},
): Promise<{ core: Core; rpc: TestClient }> {
  const core = await startCore({
    cachePath: join(tempDir(), 'cache.db'),
    version: 'test',
    validateOutputs: true,
    logger: silentLogger,
    secrets: new MemorySecretStore(),
    ...options,
  });
  return { core, rpc: inProcessClient(core.server) };
}

/** Every payload of one event, in order, as it arrives. */
export function recordEvents<K extends keyof Events & string>(
  rpc: TestClient,
  name: K,
): { payloads: PayloadOf<Events, K>[]; next(timeoutMs?: number): Promise<PayloadOf<Events, K>> } {
  const payloads: PayloadOf<Events, K>[] = [];
  const waiters: ((payload: PayloadOf<Events, K>) => void)[] = [];
  let delivered = 0;
  rpc.on(name, (payload) => {
    payloads.push(payload);
    waiters.shift()?.(payload);
  });
  return {
    payloads,
    next(timeoutMs = 5000) {
      const index = delivered++;
      if (index < payloads.length) return Promise.resolve(payloads[index]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${name} event within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push((payload) => {
          clearTimeout(timer);
          resolve(payload);
        });
      });
    },
  };
}
