import { isAppError } from '../../shared/rpc/errors';
import type { AuditRepository } from '../cache/repositories/audit';
import type { ExternalOpener } from '../external-opener';
import type { Logger } from '../../node/logger';

/**
 * Where a device's dashboard link comes from: the NinjaOne client's `GET /v2/device/{id}/dashboard-url`
 * (`src/core/ninjaone`). It throws AppErrors a technician can act on (not_connected, needs_reconnect,
 * not_found, ...).
 */
export interface DashboardUrlSource {
  dashboardUrl(deviceId: number, signal: AbortSignal): Promise<{ url: string; expiresAt: number | null }>;
}

export interface RemoteLauncherOptions {
  source: DashboardUrlSource;
  opener: ExternalOpener;
  audit: AuditRepository;
  logger: Logger;
  /** Who launches, for the audit log (the technician's name, see technician.ts). */
  actor: () => string;
  now?: () => number;
}

/** A dashboard link is reused only while it stays valid this much longer (the browser still has to load it). */
const reuseMarginMs = 30_000;

/**
 * Remote connect: fetch a fresh dashboard link for the device (reused until shortly before it
 * expires), open it through the allow-listed opener, and write every attempt to the audit log with
 * its outcome. The link itself is never logged, audited or returned: it may carry a session token.
 */
export class RemoteLauncher {
  private readonly links = new Map<number, { url: string; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RemoteLauncherOptions) {
    this.now = options.now ?? Date.now;
  }

  async connect(
    deviceId: number,
    signal: AbortSignal,
  ): Promise<{ deviceId: number; host: string; openedAt: number }> {
    let host = '';
    try {
      const url = await this.link(deviceId, signal);
      host = hostOf(url);
      await this.options.opener.open(url, 'remote');
      const openedAt = this.now();
      this.audit(deviceId, { outcome: 'opened', host });
      this.options.logger.info('remote connect: opened the device dashboard', { deviceId, host });
      return { deviceId, host, openedAt };
    } catch (error) {
      this.links.delete(deviceId);
      const shape = isAppError(error)
        ? error.toShape()
        : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
      this.audit(deviceId, {
        outcome: shape.code === 'refused' ? 'refused' : 'failed',
        host: host || null,
        code: shape.code,
        reason: shape.message,
      });
      this.options.logger.warn('remote connect failed', { deviceId, host, code: shape.code });
      throw error;
    }
  }

  private async link(deviceId: number, signal: AbortSignal): Promise<string> {
    const cached = this.links.get(deviceId);
    if (cached && cached.expiresAt - this.now() > reuseMarginMs) return cached.url;
    const fresh = await this.options.source.dashboardUrl(deviceId, signal);
    if (fresh.expiresAt !== null) this.links.set(deviceId, { url: fresh.url, expiresAt: fresh.expiresAt });
    return fresh.url;
  }

  private audit(deviceId: number, details: Record<string, unknown>): void {
    this.options.audit.record({
      at: this.now(),
      actor: this.options.actor(),
      action: 'remote.connect',
      target: `device:${deviceId}`,
      details,
    });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}
