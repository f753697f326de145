import { expect, test, type Page } from '@playwright/test';
import { demoSimulator, goTo } from '../support/demo-console';
import { demoWorkspace } from '../support/demo-web';
import { connectClient, type TestClient } from '../support/rpc-ws-client';

/**
 * New alerts arrive seen: alerts fired in the demo's NinjaOne reach the console through its relay
 * while a technician points at the queue.
 */
let rpc: TestClient;
let sim: Awaited<ReturnType<typeof demoSimulator>>;
let devices: { id: number; name: string; organizationId: number | null }[];

const demo = demoWorkspace('arrivals');

test.beforeAll(async () => {
  rpc = await connectClient(demo.web().origin, demo.web().token);
  await expect
    .poll(async () => (await rpc.call('relay.status', {})).state, { timeout: 60_000 })
    .toBe('connected');
  sim = await demoSimulator(rpc);
  const page = await rpc.call('assets.list', { filter: { agentStatus: 'online' }, limit: 500 });
  devices = page.items.map((d) => ({ id: d.id, name: d.name, organizationId: d.organizationId }));
});

test.afterAll(() => rpc?.close());

const rowUnder = (page: Page, x: number, y: number): Promise<string | null> =>
  page.evaluate(
    `document.elementFromPoint(${x}, ${y})?.closest('[data-row-key]')?.getAttribute('data-row-key') ?? null`,
  );

test('arrivals wait behind a bar while the pointer stays on the same alert, then show as new', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  const rows = page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');
  const target = rows.nth(3);
  const uid = await target.getAttribute('data-row-key');
  const box = (await target.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  const before = await rpc.call('alerts.unseen', {});

  // The row shows NinjaOne's message next to the condition: each arrival has its own.
  const messages = ['Arrival one: disk', 'Arrival two: CPU', 'Arrival three: memory'];
  const fired: string[] = [];
  for (const [i, message] of messages.entries())
    fired.push((await sim.triggerAlert({ deviceId: devices[i]!.id, severity: 'MAJOR', message })).uid);

  const bar = page.getByRole('button', { name: /^\d+ new alerts? · show$/ });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number((await bar.textContent())!.split(' ')[0])).toBeGreaterThanOrEqual(3);
  // Nothing moved: the pointer is on the alert it was on, where it was.
  expect(await rowUnder(page, x, y)).toBe(uid);
  expect((await target.boundingBox())!.y).toBe(box.y);

  // The count of unseen arrivals is on the Alerts item and in the window title (the demo's own
  // alerts keep arriving too, so the count is read, not predicted).
  const alertsItem = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Alerts' });
  await expect
    .poll(async () => {
      const unseen = (await rpc.call('alerts.unseen', {})).uids.length;
      return [unseen >= before.uids.length + 3, await page.title(), await alertsItem.textContent()];
    })
    .toEqual([
      true,
      expect.stringMatching(/^\(\d+\) Alga Technician Console$/),
      expect.stringMatching(/^Alerts\d+ new$/),
    ]);
  expect(await page.title()).toBe(
    `(${/\d+/.exec((await alertsItem.textContent())!)![0]}) Alga Technician Console`,
  );

  await bar.click();
  await expect(bar).toBeHidden();
  for (const [i, message] of messages.entries()) {
    const row = page.locator(`[data-row-key="${fired[i]}"]`);
    await expect(row).toContainText(message);
    await expect(row).toContainText('New');
    await expect(row).toHaveClass(/\bnew\b/);
  }

  // Seen: the marker and the counts go.
  await page.locator(`[data-row-key="${fired[0]}"]`).getByRole('checkbox', { name: 'Select alert' }).check();
  await page
    .getByRole('toolbar', { name: 'Bulk actions' })
    .getByRole('button', { name: 'Mark as seen' })
    .click();
  await expect(page.locator(`[data-row-key="${fired[0]}"]`)).not.toHaveClass(/\bnew\b/);
  await expect(page.locator(`[data-row-key="${fired[0]}"]`)).not.toContainText('New');
  await expect.poll(async () => (await rpc.call('alerts.unseen', {})).uids).not.toContain(fired[0]);
  const titleCount = async (): Promise<[string, string]> => [
    await page.title(),
    `(${(await rpc.call('alerts.unseen', {})).uids.length}) Alga Technician Console`,
  ];
  await expect.poll(async () => new Set(await titleCount()).size).toBe(1);
});

test('an alert that resets under the pointer stays in place, struck through, until the list is reloaded', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  const rows = page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');
  const above = rows.nth(1);
  const target = rows.nth(2);
  const resetUid = (await above.getAttribute('data-row-key'))!;
  const uid = await target.getAttribute('data-row-key');
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  const { baseUrl } = await rpc.call('ninjaone.status', {});
  const reset = await fetch(`${baseUrl}/_sim/alerts/${encodeURIComponent(resetUid)}`, { method: 'DELETE' });
  expect(reset.status).toBe(204);

  await expect(page.locator(`[data-row-key="${resetUid}"]`)).toHaveClass(/\bgone\b/);
  expect(await rowUnder(page, box.x + box.width / 2, box.y + box.height / 2)).toBe(uid);
  await goTo(page, 'Dashboard');
  await goTo(page, 'Alerts');
  await expect(page.locator(`[data-row-key="${uid}"]`)).toBeVisible();
  await expect(page.locator(`[data-row-key="${resetUid}"]`)).toHaveCount(0);
});

test.describe('browser notifications', () => {
  test.use({ permissions: ['notifications'] });

  test('follow the desktop policy: severity, quiet hours and storms grouped per organization', async ({
    page,
  }) => {
    // Records each Notification the page creates (and still creates it). Plain JavaScript: it runs
    // in the page before the console's own scripts.
    await page.addInitScript(`
      const Real = window.Notification;
      window.shownNotifications = [];
      window.Notification = class extends Real {
        constructor(title, options) {
          super(title, options);
          window.shownNotifications.push({ title, body: (options && options.body) || '' });
        }
      };
    `);
    const shown = (): Promise<{ title: string; body: string }[]> =>
      page.evaluate('window.shownNotifications');
    await rpc.call('notifications.setPreferences', {
      enabled: true,
      minimumSeverity: 'MAJOR',
      groupThreshold: 3,
      quietHours: null,
      mutedOrganizationIds: [],
      pausedUntil: null,
    });
    await demo.open(page);
    await goTo(page, 'Settings');
    await expect(page.getByText('This browser shows them as notifications.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Browser notifications' })).toHaveCount(0);

    const device = devices[10]!;
    await sim.triggerAlert({ deviceId: device.id, severity: 'MINOR', subject: 'Below the minimum' });
    await sim.triggerAlert({
      deviceId: device.id,
      severity: 'CRITICAL',
      subject: 'Service stopped: Spooler',
    });
    await expect.poll(shown, { timeout: 20_000 }).toContainEqual({
      title: `Critical: ${device.name}`,
      body: expect.stringContaining('Service stopped: Spooler') as unknown as string,
    });
    expect((await shown()).some((n) => n.body.includes('Below the minimum'))).toBe(false);

    // A storm in one organization is one notification.
    const organizationId = devices[20]!.organizationId;
    const storm = devices.filter((d) => d.organizationId === organizationId).slice(0, 4);
    expect(storm).toHaveLength(4);
    const { organizationName } = await rpc.call('assets.get', { id: storm[0]!.id });
    const before = (await shown()).length;
    for (const d of storm) await sim.triggerAlert({ deviceId: d.id, severity: 'MAJOR', subject: 'Storm' });
    await expect
      .poll(async () => (await shown()).slice(before).map((n) => n.title), { timeout: 20_000 })
      .toContain(`4 new alerts on ${organizationName}`);
    expect((await shown()).filter((n) => storm.some((d) => n.title === `Major: ${d.name}`))).toEqual([]);

    // Quiet hours now, critical alerts excepted: a major one is held, the critical one after it shows.
    const now = new Date();
    const hhmm = (d: Date): string =>
      `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    await rpc.call('notifications.setPreferences', {
      quietHours: {
        start: hhmm(new Date(now.getTime() - 3_600_000)),
        end: hhmm(new Date(now.getTime() + 3_600_000)),
        exceptCritical: true,
      },
    });
    const [held, passes] = [
      devices[30]!,
      devices.find((d) => d.organizationId !== devices[30]!.organizationId)!,
    ];
    await sim.triggerAlert({ deviceId: held.id, severity: 'MAJOR', subject: 'During quiet hours' });
    await sim.triggerAlert({ deviceId: passes.id, severity: 'CRITICAL', subject: 'Critical in quiet hours' });
    await expect
      .poll(async () => (await shown()).map((n) => n.title), { timeout: 20_000 })
      .toContain(`Critical: ${passes.name}`);
    expect((await shown()).some((n) => n.body.includes('During quiet hours'))).toBe(false);
  });
});

test('the browser asks before it notifies, once, on the technician’s click', async ({ page }) => {
  await rpc.call('notifications.setPreferences', { enabled: true, quietHours: null });
  await demo.open(page);
  const prompt = page.getByRole('region', { name: 'Browser notifications' });
  await expect(prompt).toContainText('notify you of new alerts');
  await prompt.getByRole('button', { name: 'Not now' }).click();
  await expect(prompt).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(prompt).toHaveCount(0);
  await goTo(page, 'Settings');
  await expect(page.getByRole('button', { name: 'Allow browser notifications' })).toBeVisible();
});

test('while the technician scrolls the queue, arrivals wait for the scroll to stop, even through stalled frames', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  await expect(page.locator('[data-testid=alert-scroll] [data-row-key]').first()).toBeVisible();
  const bar = page.getByRole('button', { name: /^\d+ new alerts? · show$/ });
  if (await bar.isVisible()) await bar.click();
  await expect(bar).toBeHidden();

  // Scroll the queue up and down a row a frame for four seconds, noting the bar and the title at
  // each frame, while two alerts fire in NinjaOne. Every tenth frame stalls for 250 ms, longer than
  // the 150 ms a scroll must be still, as frames do on a loaded machine: a stall is not a stop.
  const scrolling = page.evaluate(`new Promise((resolve) => {
    const scroller = document.querySelector('[data-testid=alert-scroll]');
    const seen = [];
    const started = performance.now();
    let step = 32;
    let n = 0;
    const frame = () => {
      if (scroller.scrollTop + step < 0 || scroller.scrollTop + step > 20 * 32) step = -step;
      scroller.scrollTop += step;
      const bar = [...document.querySelectorAll('button')].find((b) => / new alerts? · show$/.test(b.textContent));
      seen.push({ bar: bar ? bar.textContent : null, title: document.title });
      if (++n % 10 === 0) for (const until = performance.now() + 250; performance.now() < until; );
      if (performance.now() - started < 4000) requestAnimationFrame(frame);
      else resolve(seen);
    };
    requestAnimationFrame(frame);
  })`) as Promise<{ bar: string | null; title: string }[]>;
  await page.waitForTimeout(500);
  for (const device of devices.slice(3, 5))
    await sim.triggerAlert({ deviceId: device.id, severity: 'CRITICAL', message: 'Fired mid-scroll' });
  const seen = await scrolling;

  const unseenIn = (title: string): number => Number(/^\((\d+)\)/.exec(title)?.[1] ?? 0);
  // The window title followed the arrivals during the scroll...
  expect(unseenIn(seen.at(-1)!.title)).toBeGreaterThanOrEqual(unseenIn(seen[0]!.title) + 2);
  // ...while the list under the scroll did not change: no bar appeared or counted up.
  expect(new Set(seen.map((s) => s.bar))).toEqual(new Set([null]));
  // Once the scroll stops, the arrivals wait behind the bar.
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number((await bar.textContent())!.split(' ')[0])).toBeGreaterThanOrEqual(2);
});
