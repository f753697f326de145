import type { NinjaOneConnection } from '../ninjaone';
import { epochToMs } from '../ninjaone';
import type { DashboardUrlSource } from './remote-launcher';

/** Remote connect's links from the NinjaOne connection: `GET /v2/device/{id}/dashboard-url`. */
export function ninjaOneDashboardUrls(connection: NinjaOneConnection): DashboardUrlSource {
  return {
    dashboardUrl: async (deviceId, signal) => {
      const client = await connection.client();
      const link = await client.dashboardUrl(deviceId, signal);
      return { url: link.url, expiresAt: epochToMs(link.expires) };
    },
  };
}
