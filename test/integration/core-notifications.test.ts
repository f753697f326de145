import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TriggeredAlert } from '../../src/core/alerts/notification-policy';
import type { Core } from '../../src/core/host/core';
import { defaultNotificationPreferences } from '../../src/shared/contract/notifications';
import { AppError } from '../../src/shared/rpc/errors';
import { alertRecords } from '../support/alert-records';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { recordEvents, startInProcessCore } from '../support/in-process-core';
import { tempDir } from '../support/temp';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start(options: Parameters<typeof startInProcessCore>[0] = {}) {
  const started = await startInProcessCore({ notificationBatchMs: 30, ...options });
  cores.push(started.core);
  return started;
}

let n = 0;
function triggered(overrides: Partial<TriggeredAlert> = {}): TriggeredAlert {
  n++;
  return {
    uid: `uid-${n}`,
    deviceId: n,
    deviceName: `WS-${n}`,
    organizationId: 1,
    organizationName: 'ACME',
    severity: 'MAJOR',
    subject: 'CPU above 95% for 15 minutes',
    triggeredAt: Date.now(),
    ...overrides,
  };
}

describe('notification preferences through the contract', () => {
  it('start from the defaults, change, announce the change and survive a restart', async () => {
    const cachePath = join(tempDir(), 'cache.db');
    const first = await start({ cachePath });
    expect(await first.rpc.call('notifications.getPreferences', {})).toEqual(defaultNotificationPreferences);

    const changed = recordEvents(first.rpc, 'notifications.preferencesChanged');
    const quietHours = { start: '22:00', end: '07:00', exceptCritical: true };
    const updated = await first.rpc.call('notifications.setPreferences', {
      minimumSeverity: 'CRITICAL',
      quietHours,
      mutedOrganizationIds: [4, 9],
    });
    expect(updated).toMatchObject({ minimumSeverity: 'CRITICAL', quietHours, mutedOrganizationIds: [4, 9] });
    expect(await changed.next()).toEqual(updated);
    await first.core.close();
    cores.splice(cores.indexOf(first.core), 1);

    const second = await start({ cachePath });
    expect(await second.rpc.call('notifications.getPreferences', {})).toEqual(updated);
  });

  it('refuses quiet hours that start when they end, and times that are not HH:MM', async () => {
    const { rpc } = await start();
    for (const quietHours of [
      { start: '08:00', end: '08:00', exceptCritical: false },
      { start: '8:00', end: '09:00', exceptCritical: false },
      { start: '24:00', end: '09:00', exceptCritical: false },
    ]) {
      const error = await rpc.call('notifications.setPreferences', { quietHours }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid_input');
    }
  });
});

describe('the notifier: the entry point for new alerts', () => {
  it('turns alerts arriving one webhook at a time into one grouped notification', async () => {
    const { core, rpc } = await start();
    const shown = recordEvents(rpc, 'notifications.show');
    for (let i = 0; i < 14; i++)
      core.notifier.alertsTriggered([triggered({ severity: i === 0 ? 'CRITICAL' : 'MAJOR' })]);
    const notification = await shown.next();
    expect(notification).toMatchObject({
      title: '14 new alerts on ACME',
      severity: 'CRITICAL',
      alertCount: 14,
      target: { kind: 'alerts', organizationId: 1 },
    });
    expect(core.notifier.flush().notifications).toEqual([]);
    expect(shown.payloads).toHaveLength(1);
  });

  it('shows a single alert with a click target on that alert, and never the same alert twice', async () => {
    const { core, rpc } = await start();
    const shown = recordEvents(rpc, 'notifications.show');
    const alert = triggered({ severity: 'CRITICAL', deviceName: 'SRV-DB-01' });
    core.notifier.alertsTriggered([alert]);
    expect(await shown.next()).toMatchObject({
      title: 'Critical: SRV-DB-01',
      target: { kind: 'alert', uid: alert.uid },
      alertCount: 1,
    });
    core.notifier.alertsTriggered([alert]);
    expect(core.notifier.flush().notifications).toEqual([]);
  });

  it('applies the stored preferences: paused and muted alerts show nothing', async () => {
    const { core, rpc } = await start();
    const shown = recordEvents(rpc, 'notifications.show');
    await rpc.call('notifications.setPreferences', { pausedUntil: Date.now() + 3_600_000 });
    core.notifier.alertsTriggered([triggered({ severity: 'CRITICAL' })]);
    expect(core.notifier.flush().suppressed.map((s) => s.reason)).toEqual(['paused']);

    await rpc.call('notifications.setPreferences', { pausedUntil: null, mutedOrganizationIds: [1] });
    core.notifier.alertsTriggered([triggered()]);
    expect(core.notifier.flush().suppressed.map((s) => s.reason)).toEqual(['organization_muted']);
    expect(shown.payloads).toEqual([]);
  });

  it('keeps quiet about a device a technician silenced through the contract, until the silence ends', async () => {
    const { core, rpc } = await start();
    const fleet = fleetRecords(5, 3);
    seedCache(core.cache, fleet);
    const device = fleet.devices[0]!;
    const shown = recordEvents(rpc, 'notifications.show');
    const silence = await rpc.call('assets.silence', {
      id: device.id,
      minutes: 60,
      reason: 'rebuilding the disk',
    });
    expect(silence.until).toBeGreaterThan(Date.now());
    expect((await rpc.call('assets.get', { id: device.id })).silence).toMatchObject({
      reason: 'rebuilding the disk',
    });

    core.notifier.alertsTriggered([triggered({ deviceId: device.id, severity: 'CRITICAL' })]);
    expect(core.notifier.flush().notifications).toEqual([]);

    await rpc.call('assets.unsilence', { id: device.id });
    core.notifier.alertsTriggered([
      triggered({ deviceId: device.id, severity: 'CRITICAL', deviceName: device.name }),
    ]);
    expect(await shown.next()).toMatchObject({ title: `Critical: ${device.name}` });
  });
});

describe('open alert counts for the tray', () => {
  it('are pushed as alerts.countsChanged when the writers report a change, and only then', async () => {
    const { core, rpc } = await start();
    const fleet = fleetRecords(40, 2);
    seedCache(core.cache, fleet);
    const alerts = alertRecords(fleet, 5);
    core.cache.alerts.upsertMany(alerts);

    const changed = recordEvents(rpc, 'alerts.countsChanged');
    core.openAlertCounts.alertsChanged();
    const first = await changed.next();
    expect(first).toEqual(await rpc.call('alerts.counts', {}));
    expect(first.open).toBe(alerts.length);

    core.openAlertCounts.alertsChanged();
    const critical = alerts.find((a) => a.severity === 'CRITICAL')!;
    core.cache.alerts.markReset([critical.uid]);
    core.openAlertCounts.alertsChanged();
    const second = await changed.next();
    expect(second.bySeverity.CRITICAL).toBe(first.bySeverity.CRITICAL - 1);
    expect(changed.payloads).toHaveLength(2);
  });
});
