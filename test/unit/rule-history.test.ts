import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertHistoryFacts, ruleChoices } from '../../src/core/alerts/rule-history';
import { previewRule } from '../../src/core/alerts/rule-preview';
import { Cache } from '../../src/core/cache/cache';
import type { DeviceRecord } from '../../src/core/cache/records';
import { ruleConditionsSchema, type AlertRule } from '../../src/shared/relay/rules';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { tempDir } from '../support/temp';

const HOUR = 3_600_000;
const now = Date.now();
const since = now - 7 * 24 * HOUR;
let cache: Cache;
let server: DeviceRecord;

beforeEach(() => {
  cache = Cache.open(join(tempDir('rule-history-'), 'cache.db'));
  const fleet = fleetRecords(12);
  seedCache(cache, fleet);
  server = fleet.devices.find((d) => d.nodeClass === 'WINDOWS_SERVER')!;
});
afterEach(() => cache.close());

/** An alert activity as `GET /v2/activities` lists it: no expanded device. */
function apiActivity(id: number, at: number, seriesUid: string, statusCode = 'TRIGGERED') {
  return {
    id,
    deviceId: server.id,
    activityTime: at,
    activityType: 'CONDITION',
    statusCode,
    severity: 'MAJOR',
    seriesUid,
    subject: 'Disk space low',
    message: 'Disk C: free space is below 10%',
    raw: {
      id,
      deviceId: server.id,
      activityTime: at / 1000,
      activityType: 'CONDITION',
      statusCode,
      severity: 'MAJOR',
      priority: 'HIGH',
      seriesUid,
      sourceName: 'Disk free space < 10%',
      subject: 'Disk space low',
    },
  };
}

const rule = (when: Partial<AlertRule['when']>): AlertRule => ({
  id: 'r',
  name: 'Servers',
  enabled: true,
  when: ruleConditionsSchema.parse(when),
  action: { type: 'ticket', boardId: null, priorityId: null },
});

describe('the alert history the rules editor reads', () => {
  it('fills the device the API activity lacks from the cache, adds alerts whose trigger is not cached, and leaves older ones out', () => {
    cache.activities.insertMany([
      apiActivity(10, now - 8 * 24 * HOUR, 'old'),
      apiActivity(11, now - 3 * HOUR, 'disk-1'),
      apiActivity(12, now - 2 * HOUR, 'disk-1', 'RESET'),
    ]);
    cache.alerts.upsertMany([
      {
        uid: 'cpu-1',
        deviceId: server.id,
        severity: 'CRITICAL',
        priority: 'HIGH',
        sourceType: 'CONDITION_AGENT_CPU',
        sourceName: 'CPU above 90% for 15 minutes',
        conditionName: 'CPU',
        subject: 'High CPU usage',
        message: 'CPU above 90%',
        createdAt: now - 5 * HOUR,
        updatedAt: null,
        raw: { sourceConfigUid: 'cpu-policy', conditionName: 'CPU' },
      },
    ]);

    const facts = alertHistoryFacts(cache.alertHistory, since);
    expect(facts.map((f) => [f.seriesUid, f.statusCode, f.condition])).toEqual([
      ['cpu-1', 'TRIGGERED', 'CPU above 90% for 15 minutes'],
      ['disk-1', 'TRIGGERED', 'Disk free space < 10%'],
      ['disk-1', 'RESET', 'Disk free space < 10%'],
    ]);
    expect(facts[1]).toMatchObject({
      deviceId: server.id,
      organizationId: server.organizationId,
      nodeClass: 'WINDOWS_SERVER',
      deviceName: server.name,
      severity: 'MAJOR',
    });
    expect(facts[0]).toMatchObject({ conditionKey: 'cpu-policy', severity: 'CRITICAL', at: now - 5 * HOUR });

    const choices = ruleChoices(cache.alertHistory, facts, since);
    expect(choices.conditions).toEqual([
      { name: 'CPU above 90% for 15 minutes', family: 'CPU', alerts: 1 },
      { name: 'Disk free space < 10%', family: null, alerts: 1 },
    ]);
    expect(choices.severities).toEqual([
      { severity: 'MAJOR', alerts: 1 },
      { severity: 'CRITICAL', alerts: 1 },
    ]);
    expect(choices.nodeClasses.map((c) => c.nodeClass)).toContain('WINDOWS_SERVER');
    expect(choices.nodeClasses.reduce((n, c) => n + c.devices, 0)).toBe(12);
    expect(choices.organizations.some((o) => o.id === server.organizationId && o.devices > 0)).toBe(true);

    // A rule on the device's class (known only from the cache for the API activity) takes both.
    const byClass = previewRule(facts, {
      rules: [rule({ nodeClasses: ['WINDOWS_SERVER'] })],
      index: 0,
      settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false } },
    });
    expect(byClass).toMatchObject({ triggers: 2, matched: 2, tickets: 2, comments: 0 });
    const workstations = previewRule(facts, {
      rules: [rule({ nodeClasses: ['WINDOWS_WORKSTATION'] })],
      index: 0,
      settings: { flappingWindowMinutes: 30, onReset: { comment: true, close: false } },
    });
    expect(workstations).toMatchObject({ triggers: 2, matched: 0, tickets: 0 });
  });
});
