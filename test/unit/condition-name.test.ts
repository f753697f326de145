import { describe, expect, it } from 'vitest';
import { alertOfTrigger, mapAlert } from '../../src/core/sync/mappers/alert';
import { alertSchema } from '../../src/core/ninjaone/schemas';
import { alertFactsOf } from '../../src/shared/relay/alert-facts';
import { webhookActivitySchema } from '../../src/shared/relay/activity';

/** One disk-space alert as NinjaOne's API and its webhook each describe it (ninjaone-api.md §6.3, §7.2). */
const apiAlert = alertSchema.parse({
  uid: '0b5e7a3c-1f2d-4c7e-9a11-5d6e7f8091a2',
  deviceId: 1042,
  message: 'Disk C: free space is below 10%',
  createTime: 1718030455.381,
  updateTime: 1718030455.381,
  sourceType: 'CONDITION_AGENT_DISK_FREE_SPACE',
  sourceConfigUid: '9c1d0000-0000-4000-8000-0000000000e2',
  sourceName: 'Disk free space < 10%',
  subject: 'Disk space low',
  priority: 'HIGH',
  severity: 'MAJOR',
  conditionName: 'Disk Free Space',
});
const webhook = webhookActivitySchema.parse({
  id: 918273645,
  activityTime: 1718030455.381,
  deviceId: 1042,
  severity: 'MAJOR',
  priority: 'HIGH',
  seriesUid: '0b5e7a3c-1f2d-4c7e-9a11-5d6e7f8091a2',
  activityType: 'CONDITION',
  statusCode: 'TRIGGERED',
  status: 'Triggered',
  sourceConfigUid: '9c1d0000-0000-4000-8000-0000000000e2',
  sourceName: 'Disk free space < 10%',
  subject: 'Disk space low',
  message: 'Disk C: free space is below 10%',
  type: 'Condition',
  data: {},
  device: { id: 1042, organizationId: 7, nodeClass: 'WINDOWS_WORKSTATION', displayName: 'ACME-LT-0042' },
});

describe('one condition, one name, from every source', () => {
  it('names the alert the same from the API, from a webhook, and in the relay rules', () => {
    const synced = mapAlert(apiAlert);
    const live = alertOfTrigger({ ...webhook, seriesUid: webhook.seriesUid! }, 1718030456000);
    const facts = alertFactsOf(webhook, 1718030456000);
    expect('problem' in synced ? null : synced.conditionName).toBe('Disk free space < 10%');
    expect('problem' in live ? null : live.conditionName).toBe('Disk free space < 10%');
    expect(facts?.condition).toBe('Disk free space < 10%');
    // Rule patterns still see every name NinjaOne used.
    expect(facts?.names).toEqual(['Disk free space < 10%', 'Disk space low']);
  });

  it('falls back to the check name, then the subject, when the configured name is missing', () => {
    const { sourceName: _, ...rest } = apiAlert;
    const synced = mapAlert(rest);
    expect('problem' in synced ? null : synced.conditionName).toBe('Disk Free Space');
    const live = alertOfTrigger({ ...webhook, sourceName: '  ', seriesUid: webhook.seriesUid! }, 0);
    expect('problem' in live ? null : live.conditionName).toBe('Disk space low');
  });
});
