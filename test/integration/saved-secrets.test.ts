import { afterEach, describe, expect, it } from 'vitest';
import { PsaClient, normalizeBaseUrl } from '../../src/core/psa/client';
import { RELAY_TOKEN_ACCOUNT } from '../../src/core/relay-client/settings';
import { relayConfigSchema } from '../../src/relay/config';
import { rejection } from '../support/errors';
import { startInProcessCore } from '../support/in-process-core';
import { startPsaHarness } from '../support/psa-harness';
import { createToken } from '../support/relay';
import { relayHarness } from '../support/relay-harness';
import { startStandInServer, type StandInServer } from '../support/stand-in-server';

const harness = relayHarness();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function standIn(...args: Parameters<typeof startStandInServer>): Promise<StandInServer> {
  const server = await startStandInServer(...args);
  cleanup.push(() => server.close());
  return server;
}

describe('a saved secret is used only with the address it was saved for', () => {
  it('psa.testConnection with another address and no key sends the saved key nowhere', async () => {
    const h = await startPsaHarness({ devices: 5 });
    cleanup.push(() => h.close());
    await h.connect();
    const thief = await standIn();

    const result = await h.client.call('psa.testConnection', { baseUrl: thief.url });
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(result.message).toContain(`the saved key is used only with ${new URL(h.sim.baseUrl).host}`);
    expect(thief.seen).toEqual([]);

    // With the key typed for it, the other address may be tried; the saved one still tests as saved.
    await h.client.call('psa.testConnection', { baseUrl: thief.url, apiKey: 'typed-key-for-the-other' });
    expect(thief.seen.map((r) => r.headers['x-api-key'])).toEqual(['typed-key-for-the-other']);
    expect(await h.client.call('psa.testConnection', { baseUrl: `${h.sim.baseUrl}/api/v1` })).toMatchObject({
      ok: true,
    });
  });

  it('relay.connect to another address without a token sends the saved token nowhere', async () => {
    const relay = await harness.relay(harness.store('sqlite'));
    const token = await createToken(relay.store, 'laptop');
    const { core, rpc } = await startInProcessCore();
    cleanup.push(() => core.close());
    await rpc.call('relay.connect', { url: relay.url, token });
    const thief = await standIn();

    const error = await rejection(rpc.call('relay.connect', { url: thief.url }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(`the saved token is used only with ${new URL(relay.url).host}`);
    expect(thief.seen).toEqual([]);
    // Still following the saved relay, token kept; reconnecting there needs no token.
    expect(await core.secrets.get(RELAY_TOKEN_ACCOUNT)).toBe(token);
    expect(await rpc.call('relay.connect', { url: relay.url })).toMatchObject({ url: relay.url });
  });
});

describe('the PSA API key never follows a redirect', () => {
  it.each([301, 302, 307, 308])(
    'a %d to another host is an error naming the target, and the target hears nothing',
    async (status) => {
      const thief = await standIn();
      const psa = await standIn((_req, res) =>
        res.writeHead(status, { location: `${thief.url}/api/v1/tickets?steal=1` }).end(),
      );
      const client = new PsaClient({ baseUrl: psa.url, apiKey: 'the-secret-api-key' });
      const error = await rejection(client.probe());
      expect(error.code).toBe('refused');
      expect(error.message).toContain(
        `redirected the request to read tickets to ${thief.url}/api/v1/tickets`,
      );
      expect(error.message).not.toContain('steal');
      expect(psa.seen).toHaveLength(1);
      expect(thief.seen).toEqual([]);
    },
  );

  it('nor does the relay console token', async () => {
    const thief = await standIn();
    const moved = await standIn((_req, res) =>
      res.writeHead(307, { location: `${thief.url}/v1/rules/state` }).end(),
    );
    const { core, rpc } = await startInProcessCore();
    cleanup.push(() => core.close());
    const error = await rejection(
      rpc.call('relay.connect', { url: moved.url, token: 'alga_relay_typed-token-0123456789' }),
    );
    expect(error.code).toBe('refused');
    expect(error.message).toContain(`redirected the request to check the console token to ${thief.url}`);
    expect(thief.seen).toEqual([]);
  });

  it('refuses plain http to any PSA that is not on this machine (the console and the relay alike)', () => {
    expect(() => normalizeBaseUrl('http://psa.example.com')).toThrow(/https:\/\//);
    expect(normalizeBaseUrl('http://localhost:3000')).toBe('http://localhost:3000');
    const relay = relayConfigSchema.safeParse({ db: 'x.db', psaUrl: 'http://psa.example.com' });
    expect(relay.success).toBe(false);
    expect(relay.error?.issues[0]?.message).toMatch(/https/);
  });
});
