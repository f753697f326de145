import { describe, expect, it } from 'vitest';
import {
  inQuietHours,
  maxNotificationsPerBatch,
  planNotifications,
  type TriggeredAlert,
} from '../../src/core/alerts/notification-policy';
import type { Severity } from '../../src/shared/contract/domain';
import {
  defaultNotificationPreferences,
  type NotificationPreferences,
} from '../../src/shared/contract/notifications';

const now = Date.UTC(2026, 5, 1, 12, 0);
const noon = { now, minuteOfDay: 12 * 60 };

let next = 1;
function alert(overrides: Partial<TriggeredAlert> = {}): TriggeredAlert {
  const n = next++;
  return {
    uid: `alert-${n}`,
    deviceId: n,
    deviceName: `SRV-${String(n).padStart(2, '0')}`,
    organizationId: 1,
    organizationName: 'ACME',
    severity: 'MAJOR',
    subject: 'Disk C: free space is below 10%',
    triggeredAt: now - 1000 + n,
    ...overrides,
  };
}

function prefs(overrides: Partial<NotificationPreferences> = {}): NotificationPreferences {
  return { ...defaultNotificationPreferences, ...overrides };
}

describe('the notification policy: severity', () => {
  it('notifies one alert at or above the minimum severity, worded for a technician', () => {
    const a = alert({ severity: 'CRITICAL', deviceName: 'SRV-DB-01', subject: 'SQL Server service stopped' });
    const plan = planNotifications([a], prefs(), noon);
    expect(plan.notifications).toEqual([
      {
        title: 'Critical: SRV-DB-01',
        body: 'SQL Server service stopped · ACME',
        severity: 'CRITICAL',
        target: { kind: 'alert', uid: a.uid },
        alertUids: [a.uid],
      },
    ]);
    expect(plan.suppressed).toEqual([]);
  });

  it.each<[Severity, Severity, boolean]>([
    ['MAJOR', 'MAJOR', true],
    ['CRITICAL', 'MAJOR', true],
    ['MODERATE', 'MAJOR', false],
    ['MINOR', 'MODERATE', false],
    ['NONE', 'MINOR', false],
    ['NONE', 'NONE', true],
  ])('a %s alert with minimum %s notifies: %s', (severity, minimumSeverity, notifies) => {
    const plan = planNotifications([alert({ severity })], prefs({ minimumSeverity }), noon);
    expect(plan.notifications).toHaveLength(notifies ? 1 : 0);
    if (!notifies) expect(plan.suppressed[0]!.reason).toBe('below_minimum_severity');
  });
});

describe('the notification policy: off, paused, muted', () => {
  it('shows nothing when notifications are off', () => {
    const plan = planNotifications([alert({ severity: 'CRITICAL' })], prefs({ enabled: false }), noon);
    expect(plan.notifications).toEqual([]);
    expect(plan.suppressed[0]!.reason).toBe('disabled');
  });

  it('shows nothing while paused, and again once the pause has ended', () => {
    const a = alert({ severity: 'CRITICAL' });
    expect(planNotifications([a], prefs({ pausedUntil: now + 60_000 }), noon).suppressed[0]!.reason).toBe(
      'paused',
    );
    expect(planNotifications([a], prefs({ pausedUntil: now }), noon).notifications).toHaveLength(1);
  });

  it('mutes the organizations the technician muted and only those', () => {
    const muted = alert({ organizationId: 7, organizationName: 'Globex' });
    const other = alert({ organizationId: 8, organizationName: 'Initech' });
    const orphan = alert({ organizationId: null, organizationName: null });
    const plan = planNotifications([muted, other, orphan], prefs({ mutedOrganizationIds: [7] }), noon);
    expect(plan.suppressed).toEqual([{ uid: muted.uid, reason: 'organization_muted' }]);
    expect(plan.notifications.map((n) => n.alertUids[0])).toEqual([other.uid, orphan.uid]);
    expect(plan.notifications[1]!.body).toBe('Disk C: free space is below 10%');
  });
});

describe('the notification policy: quiet hours', () => {
  const overnight = { start: '22:00', end: '07:00', exceptCritical: true };

  it.each([
    ['21:59', false],
    ['22:00', true],
    ['23:30', true],
    ['00:00', true],
    ['06:59', true],
    ['07:00', false],
    ['12:00', false],
  ])('a range over midnight (22:00-07:00) covers %s: %s', (time, inside) => {
    const [h, m] = time.split(':').map(Number) as [number, number];
    expect(inQuietHours(overnight, h * 60 + m)).toBe(inside);
  });

  it.each([
    ['11:59', false],
    ['12:00', true],
    ['13:59', true],
    ['14:00', false],
  ])('a daytime range (12:00-14:00) covers %s: %s', (time, inside) => {
    const [h, m] = time.split(':').map(Number) as [number, number];
    expect(inQuietHours({ start: '12:00', end: '14:00' }, h * 60 + m)).toBe(inside);
  });

  it('holds back major alerts at night but lets critical ones through when allowed', () => {
    const night = { now, minuteOfDay: 2 * 60 };
    const major = alert({ severity: 'MAJOR' });
    const critical = alert({ severity: 'CRITICAL' });
    const plan = planNotifications([major, critical], prefs({ quietHours: overnight }), night);
    expect(plan.suppressed).toEqual([{ uid: major.uid, reason: 'quiet_hours' }]);
    expect(plan.notifications.map((n) => n.alertUids)).toEqual([[critical.uid]]);

    const strict = prefs({ quietHours: { ...overnight, exceptCritical: false } });
    expect(planNotifications([critical], strict, night).suppressed[0]!.reason).toBe('quiet_hours');
    expect(planNotifications([major], prefs({ quietHours: overnight }), noon).notifications).toHaveLength(1);
  });
});

describe('the notification policy: storms', () => {
  it('turns a storm of 14 alerts on one organization into one notification', () => {
    const storm = Array.from({ length: 14 }, (_, i) =>
      alert({ severity: i < 2 ? 'CRITICAL' : 'MAJOR', deviceName: `WS-${i}` }),
    );
    const plan = planNotifications(storm, prefs(), noon);
    expect(plan.notifications).toHaveLength(1);
    const [notification] = plan.notifications;
    expect(notification!.title).toBe('14 new alerts on ACME');
    expect(notification!.body).toBe('2 critical, 12 major · WS-0, WS-1 and 12 more');
    expect(notification!.severity).toBe('CRITICAL');
    expect(notification!.target).toEqual({ kind: 'alerts', organizationId: 1 });
    expect(notification!.alertUids).toHaveLength(14);
  });

  it('groups from the threshold up, per organization, and keeps small ones individual', () => {
    const acme = Array.from({ length: 3 }, () => alert());
    const globex = [alert({ organizationId: 2, organizationName: 'Globex', severity: 'CRITICAL' })];
    const plan = planNotifications([...acme, ...globex], prefs({ groupThreshold: 3 }), noon);
    expect(plan.notifications.map((n) => n.title)).toEqual([
      `Critical: ${globex[0]!.deviceName}`,
      '3 new alerts on ACME',
    ]);
    const below = planNotifications(acme.slice(0, 2), prefs({ groupThreshold: 3 }), noon);
    expect(below.notifications.map((n) => n.target.kind)).toEqual(['alert', 'alert']);
  });

  it('counts one device with several alerts once in the names', () => {
    const plan = planNotifications(
      Array.from({ length: 4 }, () => alert({ deviceName: 'SRV-01' })),
      prefs(),
      noon,
    );
    expect(plan.notifications[0]!.body).toBe('4 major · SRV-01');
  });

  it(`never shows more than ${maxNotificationsPerBatch} at once: a storm over many organizations is one summary`, () => {
    const alerts = Array.from({ length: 6 }, (_, i) =>
      alert({
        organizationId: 10 + i,
        organizationName: `Client ${i}`,
        severity: i === 5 ? 'CRITICAL' : 'MAJOR',
      }),
    );
    const plan = planNotifications(alerts, prefs(), noon);
    expect(plan.notifications).toHaveLength(1);
    expect(plan.notifications[0]).toMatchObject({
      title: '6 new alerts in 6 organizations',
      body: '1 critical, 5 major · Client 5, Client 0 and 4 more',
      severity: 'CRITICAL',
      target: { kind: 'alerts', organizationId: null },
    });
  });

  it('summarizes one organization under a high threshold as that organization', () => {
    const alerts = Array.from({ length: 6 }, () => alert());
    const plan = planNotifications(alerts, prefs({ groupThreshold: 50 }), noon);
    expect(plan.notifications.map((n) => n.title)).toEqual(['6 new alerts on ACME']);
  });

  it('notifies an alert delivered twice in one batch once (webhook and poll)', () => {
    const a = alert();
    expect(planNotifications([a, { ...a }], prefs(), noon).notifications).toHaveLength(1);
  });

  it('keeps titles and bodies within the contract limits', () => {
    const long = alert({ deviceName: 'D'.repeat(400), subject: 'S'.repeat(900) });
    const [n] = planNotifications([long], prefs(), noon).notifications;
    expect(n!.title.length).toBeLessThanOrEqual(200);
    expect(n!.body.length).toBeLessThanOrEqual(500);
    expect(n!.body.endsWith('…')).toBe(true);
  });
});
