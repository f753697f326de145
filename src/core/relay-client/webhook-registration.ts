import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { WebhookRegistration } from '../../shared/contract/relay';
import { consoleWebhookActivities } from '../../shared/relay/activity';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import type { NinjaOneClient } from '../ninjaone';
import type { SecretStore } from '../secrets/secret-store';

/** Keychain account of the relay's webhook secret (kept to register again; sent to NinjaOne only). */
export const RELAY_WEBHOOK_SECRET_ACCOUNT = 'relay:webhook-secret';
const SETTINGS_KEY = 'relay.webhook';

const storedSchema = z.object({
  publicUrl: z.string(),
  secretHeader: z.string(),
  /** What NinjaOne holds now: for which app and host, which subscription, when. Null when removed. */
  registered: z
    .object({ host: z.string(), clientId: z.string(), subscription: z.string(), at: z.number() })
    .nullable(),
});
type Stored = z.infer<typeof storedSchema>;

/** The subscription as `PUT /v2/webhook` takes it, and a fingerprint to tell when it changed. */
function subscription(): { activities: Record<string, string[]>; fingerprint: string } {
  const activities = Object.fromEntries(
    Object.entries(consoleWebhookActivities).map(([type, codes]) => [type, [...codes]]),
  );
  const fingerprint = createHash('sha256').update(JSON.stringify(activities)).digest('hex').slice(0, 16);
  return { activities, fingerprint };
}

export interface RegistrarDeps {
  cache: Cache;
  secrets: SecretStore;
  logger: Logger;
  ninjaOne(): Promise<NinjaOneClient>;
  /** Whether NinjaOne and the relay are both connected now. */
  bothConnected(): Promise<boolean>;
}

/**
 * Keeps NinjaOne's webhook (one per API app, replaced by every PUT) pointed at the relay: the
 * activities consoles act on (device lifecycle, conditions, reboots, logins, hardware, software,
 * patches, antivirus), the device expanded into each delivery, and the secret in the header the
 * relay checks. Given the relay's public URL and secret once (the secret stays in the OS keychain),
 * it registers again by itself whenever NinjaOne and the relay are both connected and what NinjaOne
 * holds is not current (another sign-in, another host, a newer subscription list); disconnecting
 * either removes it.
 */
export class WebhookRegistrar {
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: RegistrarDeps) {}

  status(): WebhookRegistration {
    const stored = this.stored();
    return {
      publicUrl: stored?.publicUrl ?? null,
      registeredAt: stored?.registered?.at ?? null,
      current: stored?.registered?.subscription === subscription().fingerprint,
      activityTypes: Object.keys(consoleWebhookActivities),
    };
  }

  /** Registers now with these parameters and keeps them for registering again. */
  register(input: { publicUrl: string; secret: string; secretHeader: string }) {
    return this.serially(async () => {
      await this.deps.secrets.set(RELAY_WEBHOOK_SECRET_ACCOUNT, input.secret);
      this.save({ publicUrl: input.publicUrl, secretHeader: input.secretHeader, registered: null });
      return this.put(input);
    });
  }

  /** Registers again if both sides are connected, the parameters are known, and NinjaOne's copy is stale. */
  ensure(): Promise<boolean> {
    return this.serially(async () => {
      const stored = this.stored();
      if (!stored || !(await this.deps.bothConnected())) return false;
      const client = await this.deps.ninjaOne();
      const { fingerprint } = subscription();
      const registered = stored.registered;
      if (
        registered?.subscription === fingerprint &&
        registered.host === client.endpoint.host &&
        registered.clientId === (client.clientId ?? '')
      )
        return false;
      const secret = await this.deps.secrets.get(RELAY_WEBHOOK_SECRET_ACCOUNT);
      if (!secret) return false;
      await this.put({ publicUrl: stored.publicUrl, secret, secretHeader: stored.secretHeader }, client);
      return true;
    });
  }

  /**
   * NinjaOne or the relay is being disconnected: remove the webhook this console registered (while
   * NinjaOne can still be called); `forget` also drops the parameters and the secret (the relay goes).
   */
  remove(options: { forget: boolean }): Promise<boolean> {
    return this.serially(async () => {
      const stored = this.stored();
      let removed = false;
      if (stored?.registered) {
        try {
          await (await this.deps.ninjaOne()).deleteWebhook();
          removed = true;
          this.deps.logger.info('relay: removed the webhook from NinjaOne');
        } catch (error) {
          this.deps.logger.warn('relay: removing the webhook from NinjaOne failed', { error });
        }
        this.save({ ...stored, registered: null });
      }
      if (options.forget) {
        this.deps.cache.settings.delete(SETTINGS_KEY);
        await this.deps.secrets.delete(RELAY_WEBHOOK_SECRET_ACCOUNT);
      }
      return removed;
    });
  }

  private async put(
    input: { publicUrl: string; secret: string; secretHeader: string },
    client?: NinjaOneClient,
  ): Promise<{ url: string; activities: Record<string, string[]> }> {
    const ninja = client ?? (await this.deps.ninjaOne());
    const url = `${input.publicUrl.replace(/\/+$/, '')}/webhooks/ninjaone`;
    const { activities, fingerprint } = subscription();
    await ninja.putWebhook({
      url,
      activities,
      expand: ['device'],
      headers: [{ name: input.secretHeader, value: input.secret }],
    });
    const stored = this.stored();
    if (stored)
      this.save({
        ...stored,
        registered: {
          host: ninja.endpoint.host,
          clientId: ninja.clientId ?? '',
          subscription: fingerprint,
          at: Date.now(),
        },
      });
    this.deps.logger.info('relay: registered the webhook with NinjaOne', { url });
    return { url, activities };
  }

  private stored(): Stored | null {
    return this.deps.cache.settings.get(SETTINGS_KEY, storedSchema.nullable(), null);
  }

  private save(value: Stored): void {
    this.deps.cache.settings.set(SETTINGS_KEY, value);
  }

  /** One registration change at a time (a connect event and a button press may meet). */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }
}
