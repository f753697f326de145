import { SseParser, type SseMessage } from '../../shared/relay/sse-parser';
import type { Logger } from '../log/logger';
import { backoffDelay, type BackoffPolicy } from '../psa/timing';

export interface EventStreamOptions {
  url: string;
  authorization(): Promise<string>;
  /** The last sequence number applied to the cache (null: never connected to this relay). */
  position(): number | null;
  /** The relay said where its stream goes on from (the opening frame's id) before any event. */
  opened(cursor: number): Promise<void>;
  /** A batch of events in order; the next batch waits until this one is applied. */
  apply(messages: SseMessage[]): Promise<void>;
  state(
    state: 'connecting' | 'connected' | 'reconnecting',
    reason: string | null,
    nextAttemptAt: number | null,
  ): void;
  logger: Logger;
  backoff: BackoffPolicy;
  /** No byte (not even a heartbeat) for this long means the connection is dead (default 45 s). */
  idleTimeoutMs: number;
  fetch?: typeof fetch;
  now(): number;
  random(): number;
}

const MAX_BATCH = 500;

/**
 * The console's subscription to `GET /v1/events`: reads Server-Sent Events, hands them on in batches
 * (one at a time, in order), and after any disconnect reconnects with backoff from the last sequence
 * number it has (applied or queued), so nothing is missed and nothing applied twice.
 */
export class EventStream {
  private stopped = false;
  private controller: AbortController | null = null;
  private wakeUp: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private readonly queue: SseMessage[] = [];
  private applying: Promise<void> | null = null;
  /** The newest sequence number received (applied or still queued). */
  private received: number | null = null;

  constructor(private readonly options: EventStreamOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller?.abort();
    this.wakeUp?.();
    await this.running;
    await this.applying;
  }

  /** Resolves once everything received so far is applied (tests). */
  async drained(): Promise<void> {
    while (this.applying) await this.applying;
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    let reason: string | null = null;
    while (!this.stopped) {
      this.options.state(attempt === 0 ? 'connecting' : 'reconnecting', reason, null);
      const outcome = await this.connectOnce();
      if (this.stopped) break;
      if (outcome.received) attempt = 0;
      attempt += 1;
      reason = outcome.reason;
      const delay = backoffDelay(attempt, this.options.backoff, this.options.random);
      this.options.state('reconnecting', reason, this.options.now() + delay);
      this.options.logger.info('relay: stream ended; reconnecting', { reason, delayMs: delay });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** One connection, until it ends; answers why, and whether the relay got as far as the stream. */
  private async connectOnce(): Promise<{ received: boolean; reason: string }> {
    const controller = new AbortController();
    this.controller = controller;
    let idle: NodeJS.Timeout | null = null;
    const watchdog = (): void => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => controller.abort(new Error('idle')), this.options.idleTimeoutMs);
    };
    const after = this.received ?? this.options.position();
    const url = `${this.options.url}/v1/events${after === null ? '' : `?after=${after}`}`;
    let received = false;
    try {
      watchdog();
      const response = await (this.options.fetch ?? fetch)(url, {
        headers: { Accept: 'text/event-stream', Authorization: await this.options.authorization() },
        signal: controller.signal,
        // The token goes to the saved address only, never on to where a redirect points.
        redirect: 'manual',
      });
      if (response.status !== 200 || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        return { received, reason: refusal(response.status, response.headers.get('location')) };
      }
      let opened = false;
      const parser = new SseParser((message) => this.enqueue(message));
      const decoder = new TextDecoder();
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        watchdog();
        parser.push(decoder.decode(chunk, { stream: true }));
        if (!opened && parser.lastEventId !== '') {
          // The opening frame: from here on the relay streams in order from this position.
          opened = true;
          received = true;
          this.options.state('connected', null, null);
          const cursor = Number(parser.lastEventId);
          if (this.received === null && this.options.position() === null) {
            this.received = cursor;
            await this.options.opened(cursor);
          }
        }
      }
      return { received, reason: 'the relay ended the stream' };
    } catch (error) {
      if (this.stopped) return { received, reason: 'stopped' };
      const cause = controller.signal.reason instanceof Error && controller.signal.reason.message === 'idle';
      return {
        received,
        reason: cause
          ? `nothing arrived for ${Math.round(this.options.idleTimeoutMs / 1000)} s`
          : `the connection failed (${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)})`,
      };
    } finally {
      if (idle) clearTimeout(idle);
      controller.abort();
    }
  }

  private enqueue(message: SseMessage): void {
    const seq = Number(message.id);
    if (Number.isSafeInteger(seq)) {
      if (this.received !== null && seq <= this.received && message.event !== 'reset') return;
      this.received = seq;
    }
    this.queue.push(message);
    this.applying ??= this.drain().finally(() => (this.applying = null));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.options.apply(batch);
      } catch (error) {
        // Applying failed (the cache is closing, a disk error): resume from what was applied instead.
        this.options.logger.error(
          'relay: events could not be applied; the stream resumes from the last applied one',
          {
            error,
          },
        );
        this.queue.length = 0;
        this.received = null;
        this.controller?.abort();
        return;
      }
    }
  }
}

function refusal(status: number, location: string | null): string {
  if (status >= 300 && status < 400)
    return `the relay redirected the stream to ${location ?? 'an address it did not name'}, which the console does not follow with its token`;
  if (status === 401) return 'the relay refused the console token (revoked or mistyped)';
  if (status === 404) return 'the address answers, but it is not a relay (no /v1/events)';
  return `the relay answered ${status}`;
}
