import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { Logger } from '../../src/node/logger';
import type { CoreStatus } from '../../src/shared/bridge';
import type { CallerRole } from '../../src/shared/rpc/define';
import {
  coreToMainMessageSchema,
  mainToCoreMessageSchema,
  type CoreToMainMessage,
  type MainToCoreMessage,
} from '../../src/shared/host-messages';
import { defaultRestartPolicy, nextRestart, type RestartPolicy } from './restart-backoff';

export interface CoreSupervisorOptions {
  /** The bundled `utility-entry` (out/main/core.js). */
  entry: string;
  cachePath: string;
  demo: boolean;
  logger: Logger;
  onStatus(status: CoreStatus): void;
  /** What the core asks of main: open a URL, the hosts it may open. */
  onRequest(message: Extract<CoreToMainMessage, { type: 'open-external' | 'trusted-origins' }>): void;
  policy?: RestartPolicy;
}

/**
 * Runs the core in a utilityProcess, so SQLite and the sync never block the window, and keeps it
 * running: when it dies, it is restarted with backoff and every connection is handed a new port.
 * A core that refuses to start (`failed`, e.g. a cache from a newer console) is not restarted.
 */
export class CoreSupervisor {
  private child: UtilityProcess | null = null;
  private startedAt = 0;
  private attempt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping = false;
  private current: CoreStatus = { state: 'starting' };

  constructor(private readonly options: CoreSupervisorOptions) {}

  get status(): CoreStatus {
    return this.current;
  }

  start(): void {
    this.restartTimer = null;
    this.setStatus({ state: 'starting' });
    const child = utilityProcess.fork(this.options.entry, [], {
      serviceName: 'Alga Console core',
      stdio: 'inherit',
    });
    this.child = child;
    this.startedAt = Date.now();
    child.on('message', (data: unknown) => this.receive(child, data));
    child.on('exit', (code) => this.exited(child, code));
    this.post({ type: 'init', cachePath: this.options.cachePath, demo: this.options.demo });
  }

  /**
   * A new channel to the core, served in `role`: one end goes to the core, the other is returned.
   * Null while it is down.
   */
  connect(role: CallerRole): MessagePortMain | null {
    if (!this.child || this.current.state === 'failed') return null;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage(mainToCoreMessageSchema.parse({ type: 'connect', role }), [port1]);
    return port2;
  }

  post(message: MainToCoreMessage): void {
    this.child?.postMessage(mainToCoreMessageSchema.parse(message));
  }

  /** Kills the core as a crash would (tests and diagnostics); it is restarted like after a crash. */
  crash(): void {
    this.child?.kill();
  }

  stop(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.child?.kill();
    this.child = null;
  }

  private receive(child: UtilityProcess, data: unknown): void {
    if (child !== this.child) return;
    const parsed = coreToMainMessageSchema.safeParse(data);
    if (!parsed.success) {
      this.options.logger.warn('main: dropped a malformed message from the core');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.setStatus({ state: 'ready' });
        return;
      case 'failed':
        this.options.logger.error('the core could not start', { code: message.error.code });
        this.setStatus({ state: 'failed', code: message.error.code, message: message.error.message });
        child.kill();
        return;
      default:
        this.options.onRequest(message);
    }
  }

  private exited(child: UtilityProcess, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    if (this.stopping || this.current.state === 'failed') return;
    const uptimeMs = Date.now() - this.startedAt;
    const decision = nextRestart(this.attempt, uptimeMs, this.options.policy ?? defaultRestartPolicy);
    this.attempt = decision.attempt;
    const reason = `exit code ${code}`;
    this.options.logger.error('the core stopped; restarting it', { reason, uptimeMs, ...decision });
    this.setStatus({
      state: 'restarting',
      attempt: decision.attempt,
      retryAt: Date.now() + decision.delayMs,
      reason,
    });
    this.restartTimer = setTimeout(() => this.start(), decision.delayMs);
  }

  private setStatus(status: CoreStatus): void {
    this.current = status;
    this.options.onStatus(status);
  }
}
