import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startNinjaOneSimulator,
  type NinjaOneSimulator,
  type NinjaOneSimulatorOptions,
} from '../../src/simulator/ninjaone';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { testBrowser } from './ninjaone';
import { connectClient, type TestClient } from './rpc-ws-client';
import { startWebProcess, type WebProcess } from './web-process';

/** `npm run web` on a fresh cache, signed in to a NinjaOne simulator through the browser flow. */
export interface ConnectedWeb {
  dir: string;
  web: WebProcess;
  sim: NinjaOneSimulator;
  rpc: TestClient;
  /** Disconnects, stops the core and the simulator, removes the cache. */
  close(): Promise<void>;
}

export async function connectedWeb(
  name: string,
  simulator: Omit<NinjaOneSimulatorOptions, 'redirectUris'>,
): Promise<ConnectedWeb> {
  const dir = mkdtempSync(join(tmpdir(), `alga-e2e-${name}-`));
  const port = await freeLoopbackPort();
  const sim = await startNinjaOneSimulator({
    ...simulator,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  const web = await startWebProcess(['--db', join(dir, 'cache.db'), '--no-build'], {
    ALGA_CONSOLE_KEYCHAIN_SERVICE: `alga-console-e2e-${name}-${process.pid}`,
  });
  const rpc = await connectClient(web.origin, web.token);
  const browser = testBrowser();
  rpc.on('shell.openExternal', ({ url, purpose }) => void browser.opener.open(url, purpose));
  await rpc.call('ninjaone.connect', {
    host: sim.url,
    clientId: sim.clientId,
    redirectPort: port,
    redirectPath: '/callback',
  });
  return {
    dir,
    web,
    sim,
    rpc,
    close: async () => {
      await rpc.call('ninjaone.disconnect', {}).catch(() => undefined);
      rpc.close();
      await web.stop();
      await sim.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
