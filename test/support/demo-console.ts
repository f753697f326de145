import { expect, type Page } from '@playwright/test';
import type { TestClient } from './rpc-ws-client';

/** What the specs of the demo workspace do besides opening it (see demo-web.ts). */

export async function goTo(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
  await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
}

/** The demo's NinjaOne simulator: what fires alerts there reaches the console through the relay. */
export async function demoSimulator(rpc: TestClient): Promise<{
  triggerAlert(input: {
    deviceId: number;
    severity?: string;
    subject?: string;
    message?: string;
  }): Promise<{ uid: string }>;
}> {
  const { baseUrl } = await rpc.call('ninjaone.status', {});
  if (!baseUrl) throw new Error('the demo is not connected to its NinjaOne simulator');
  return {
    triggerAlert: async (input) => {
      const response = await fetch(`${baseUrl}/_sim/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (response.status !== 201) throw new Error(`the simulator refused the alert: ${response.status}`);
      return (await response.json()) as { uid: string };
    },
  };
}

/**
 * Maps every organization of the demo to a PSA client (its suggestion, else the first client), so a
 * ticket can be created for any alert; the demo itself maps only exact name matches.
 */
export async function mapEveryOrganization(rpc: TestClient): Promise<void> {
  await expect
    .poll(async () => (await rpc.call('mapping.list', { limit: 500 })).items.some((r) => r.client), {
      timeout: 60_000,
    })
    .toBe(true);
  const [first] = (await rpc.call('psa.clients', { limit: 1 })).items;
  for (const row of (await rpc.call('mapping.list', { limit: 500 })).items) {
    if (row.client) continue;
    await rpc.call('mapping.change', {
      organizationId: row.organizationId,
      clientId: row.suggestion?.id ?? first!.id,
    });
  }
}
