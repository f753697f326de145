import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/node/logger';
import { PSA_API_KEY_ACCOUNT } from '../../src/core/psa/connection';
import { startPsaHarness, type PsaHarness } from '../support/psa-harness';
import { rejection } from '../support/errors';

let h: PsaHarness;

beforeEach(async () => {
  h = await startPsaHarness({ devices: 20 });
});
afterEach(() => h.close());

describe('PSA connection', () => {
  it('refuses to save a connection the PSA rejects, quoting the PSA', async () => {
    const error = await rejection(
      h.client.call('psa.connect', { baseUrl: h.sim.baseUrl, apiKey: 'f'.repeat(64) }),
    );
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('Invalid API key');
    expect((await h.client.call('psa.status', {})).configured).toBe(false);
    expect(await h.core.secrets.get(PSA_API_KEY_ACCOUNT)).toBeNull();
  });

  it('connects, keeps the key in the secret store only, loads reference data and tests the saved connection', async () => {
    const status = await h.client.call('psa.connect', {
      baseUrl: `${h.sim.baseUrl}/api/v1/`,
      apiKey: h.sim.apiKey,
      tenantId: h.sim.tenantId,
    });
    expect(status).toMatchObject({
      configured: true,
      baseUrl: h.sim.baseUrl,
      tenantId: h.sim.tenantId,
      health: { state: 'ok' },
      referenceData: { boards: 3, priorities: 4, statuses: 11 },
    });
    expect(await h.core.secrets.get(PSA_API_KEY_ACCOUNT)).toBe(h.sim.apiKey);
    expect(h.sim.control.requests().every((r) => r.headers.tenantId === h.sim.tenantId)).toBe(true);
    h.core.cache.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(h.cachePath).includes(Buffer.from(h.sim.apiKey))).toBe(false);

    const test = await h.client.call('psa.testConnection', {});
    expect(test).toMatchObject({ ok: true, host: new URL(h.sim.baseUrl).host, code: null });
    expect(test.message).toContain('tickets visible to this key');
    const suggestions = await h.client.call('mapping.list', { filter: { states: ['suggested'] }, limit: 50 });
    expect(suggestions.items.map((r) => r.organizationName)).toContain('Acme Corp');

    const disconnected = await h.client.call('psa.disconnect', {});
    expect(disconnected.configured).toBe(false);
    expect(await h.core.secrets.get(PSA_API_KEY_ACCOUNT)).toBeNull();
    expect((await h.client.call('psa.testConnection', {})).code).toBe('not_configured');
  });

  it('never writes the API key to a log line, even at debug level and on errors', async () => {
    const lines: string[] = [];
    const logged = await startPsaHarness({
      devices: 10,
      logger: createLogger({ level: 'debug', sink: (l) => lines.push(l) }),
    });
    try {
      await logged.connect();
      await logged.confirmSuggestions();
      logged.sim.control.failNext('tickets.create', 1, { status: 500 });
      const device = logged.deviceIn('Acme Corp');
      await logged.client.call('tickets.create', { source: { kind: 'device', deviceId: device.id } });
      await rejection(
        logged.client.call('psa.connect', { baseUrl: logged.sim.baseUrl, apiKey: 'e'.repeat(64) }),
      );
      expect(lines.some((l) => l.includes('psa: request'))).toBe(true);
      expect(lines.filter((l) => l.includes(logged.sim.apiKey) || l.includes('e'.repeat(64)))).toEqual([]);
    } finally {
      await logged.close();
    }
  });

  it('reports an unreachable PSA in the test result and in the status health', async () => {
    await h.connect();
    await h.sim.control.pause();
    const result = await h.client.call('psa.testConnection', {});
    expect(result).toMatchObject({ ok: false, code: 'upstream_unavailable' });
    expect(result.message).toContain('Cannot reach Alga PSA');
    expect((await h.client.call('psa.status', {})).health).toMatchObject({
      state: 'unreachable',
      code: 'upstream_unavailable',
    });
    const refresh = await rejection(h.client.call('psa.refreshReferenceData', {}));
    expect(refresh.code).toBe('upstream_unavailable');
    expect((await h.client.call('psa.status', {})).referenceData.lastError).toContain(
      'Cannot reach Alga PSA',
    );
    await h.sim.control.resume();
  });
});
