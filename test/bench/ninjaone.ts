import { performance } from 'node:perf_hooks';
import { NinjaOneClient, resolveEndpoint } from '../../src/core/ninjaone';
import { startNinjaOneSimulator } from '../../src/simulator/ninjaone';
import { generateFleet } from '../../src/simulator/ninjaone/fleet';
import { printReport, round, type BenchRow } from './report';

/**
 * `npm run bench -- ninjaone`: how fast the simulator makes a 50,000-device fleet, and how fast the
 * client walks it over loopback HTTP at the largest page sizes (devices-detailed, the software query,
 * activities), as a full sync will.
 */
export async function benchNinjaOne(): Promise<void> {
  const N = 50_000;
  const t0 = performance.now();
  generateFleet({ devices: N, seed: 1, now: Date.now() / 1000 });
  const generateMs = performance.now() - t0;

  const t1 = performance.now();
  const sim = await startNinjaOneSimulator({ devices: N, seed: 1 });
  const startMs = performance.now() - t1;
  try {
    const tokens = {
      accessToken: () => Promise.resolve(sim.accessToken),
      renewAfterRejection: () => Promise.resolve(sim.accessToken),
    };
    const client = new NinjaOneClient({ endpoint: resolveEndpoint({ host: sim.url }), tokens });
    const walk = async (
      pages: AsyncIterable<{ items: unknown[] }>,
    ): Promise<{ ms: number; items: number; pages: number }> => {
      const started = performance.now();
      let items = 0;
      let count = 0;
      for await (const page of pages) {
        items += page.items.length;
        count++;
      }
      return { ms: performance.now() - started, items, pages: count };
    };
    const devices = await walk(client.devicesDetailed());
    const software = await walk(client.querySoftware());
    const activities = await walk(client.activities());
    const rows: BenchRow[] = [
      { metric: 'fleet generation (50k)', value: round(generateMs / 1000, 2), unit: 's', goal: '< a few s' },
      { metric: 'simulator start (50k)', value: round(startMs / 1000, 2), unit: 's' },
      { metric: 'devices-detailed walk', value: round(devices.ms / 1000, 2), unit: 's' },
      {
        metric: 'devices-detailed rate',
        value: Math.round(devices.items / (devices.ms / 1000)),
        unit: 'dev/s',
      },
      { metric: 'software query rows', value: software.items, unit: 'rows' },
      {
        metric: 'software query rate',
        value: Math.round(software.items / (software.ms / 1000)),
        unit: 'rows/s',
      },
      { metric: 'activities walked', value: activities.items, unit: 'rows' },
      {
        metric: 'activities rate',
        value: Math.round(activities.items / (activities.ms / 1000)),
        unit: 'rows/s',
      },
      { metric: 'requests', value: client.stats.requests, unit: 'calls' },
    ];
    printReport('ninjaone', rows, { devices: N });
  } finally {
    await sim.close();
  }
}
