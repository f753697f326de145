import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Core } from '../../src/core/host/core';
import { SseParser } from '../../src/shared/relay/sse-parser';
import type { NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { startInProcessCore } from './in-process-core';
import { fakeTiming, testBrowser } from './ninjaone';
import { fastPsa } from './psa-harness';
import type { TestClient } from './rpc-ws-client';
import { tempDir } from './temp';

export interface TestConsole {
  core: Core;
  rpc: TestClient;
  /** Sequence ids of the stream events this console received, over every connection, in order. */
  received: number[];
  notifications: string[];
  close(): Promise<void>;
}

/**
 * Fetch for the relay client that also parses each event stream it opens and records the event ids,
 * so a test can see every event arrive once and in order across reconnects.
 */
function recordingFetch(received: number[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).includes('/v1/events') || !response.body) return response;
    const [mine, theirs] = response.body.tee();
    void (async () => {
      const parser = new SseParser((message) => {
        if (message.event !== 'reset') received.push(Number(message.id));
      });
      const decoder = new TextDecoder();
      try {
        for await (const chunk of mine as AsyncIterable<Uint8Array>)
          parser.push(decoder.decode(chunk, { stream: true }));
      } catch {
        // The connection ended: the relay client reconnects and a new stream is recorded.
      }
    })();
    return new Response(theirs, { status: response.status, headers: response.headers });
  };
}

/** Console cores in this process, each signed in to the NinjaOne simulator and synced once; closed after each test. */
export function consoleCores() {
  const open: TestConsole[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });
  return async (
    sim: NinjaOneSimulator,
    redirectPort: number,
    options: { decisionWaitMs?: number; reconnectMs?: number } = {},
  ) => {
    const received: number[] = [];
    const { core, rpc } = await startInProcessCore({
      cachePath: join(tempDir('relay-console-'), 'cache.db'),
      opener: testBrowser().opener,
      ninjaone: { timing: fakeTiming() },
      psa: fastPsa,
      notificationBatchMs: 1,
      relay: {
        backoff: { baseMs: options.reconnectMs ?? 50, maxMs: (options.reconnectMs ?? 50) * 4 },
        idleTimeoutMs: 10_000,
        decisionWaitMs: options.decisionWaitMs ?? 3_000,
        fetch: recordingFetch(received),
      },
    });
    const notifications: string[] = [];
    rpc.on('notifications.show', (n) => notifications.push(`${n.title} ${n.body}`));
    await rpc.call('ninjaone.connect', { host: sim.url, clientId: sim.clientId, redirectPort });
    await rpc.call('sync.now', {});
    const console: TestConsole = {
      core,
      rpc,
      received,
      notifications,
      close: async () => {
        rpc.close();
        await core.close();
      },
    };
    open.push(console);
    return console;
  };
}
