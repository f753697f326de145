import { SseParser, type SseMessage } from '../../shared/relay/sse-parser';
import type { Logger } from '../../node/logger';
import { backoffDelay, type BackoffPolicy } from '../time/backoff';

export interface EventStreamOptions {
  url: string;
  authorization(): Promise<string>;
  /** The last sequence number applied to the cache (null: never connected to this relay). */
  position(): number | null;
  /** The relay said where its stream goes on from (the opening frame's id) before any event. */
  opened(cursor: number): Promise<void>;
  /** A batch of events in order; the next batch waits until this one is applied. */
  apply(messages: SseMessage[]): Promise<void>;
  /** Sets an event aside that failed to apply `MAX_FAILURES` times (its position counts as applied). */
  quarantine(message: SseMessage, reason: string): Promise<void>;
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
/** Attempts at applying one event before it is set aside (a poison event must not wedge the stream). */
export const MAX_FAILURES = 3;

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
  /** Batches applied so far: a connection that applied none does not reset the reconnect backoff. */
  private applied = 0;
  /** Failed attempts at the event that failed last (by sequence id). */
  private failing: { id: string; count: number } | null = null;

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
      const appliedBefore = this.applied;
      const outcome = await this.connectOnce();
      if (this.stopped) break;
      // Only progress resets the backoff: a connection that opens, fails to apply and drops again
      // (a poison event) must back off like a refused one, not reconnect every second.
      if (outcome.received && this.applied > appliedBefore) attempt = 0;
      attempt += 1;
      reason = outcome.reason;
      const delay = backoffDelay(attempt, this.options.backoff, {
        kind: 'equal',
        random: this.options.random,
      });
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
      // The opening frame is `id: <cursor>` and a `: connected` comment. A chunk may also carry the
      // next event's id line before that event is complete, so the cursor is the id at the comment.
      let openingId: string | null = null;
      const parser = new SseParser(
        (message) => this.enqueue(message),
        () => (openingId ??= parser.lastEventId),
      );
      const decoder = new TextDecoder();
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        watchdog();
        parser.push(decoder.decode(chunk, { stream: true }));
        const openingCursor = openingId ?? parser.lastEventId;
        if (!opened && openingCursor !== '') {
          // The opening frame: from here on the relay streams in order from this position.
          opened = true;
          received = true;
          this.options.state('connected', null, null);
          const cursor = Number(openingCursor);
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
        this.applied += 1;
      } catch {
        // One at a time, to find the event that fails; those before it are applied.
        if (!(await this.applyEach(batch))) return;
      }
    }
  }

  /** Applies events one by one; false when one failed and the stream must resume from it. */
  private async applyEach(batch: SseMessage[]): Promise<boolean> {
    for (const message of batch) {
      try {
        await this.options.apply([message]);
        this.applied += 1;
        continue;
      } catch (error) {
        const count = this.failing?.id === message.id ? this.failing.count + 1 : 1;
        this.failing = { id: message.id, count };
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (count >= MAX_FAILURES) {
          this.options.logger.error('relay: an event failed to apply again and again; it is set aside', {
            seq: message.id,
            attempts: count,
            reason,
          });
          try {
            await this.options.quarantine(message, reason);
            this.failing = null;
            continue;
          } catch (quarantineError) {
            this.options.logger.error('relay: the event could not be set aside', { error: quarantineError });
          }
        } else {
          // The cache may be closing, or a disk error passing: resume from the last applied event.
          this.options.logger.warn('relay: an event could not be applied; the stream resumes from it', {
            seq: message.id,
            attempt: count,
            reason,
          });
        }
        this.queue.length = 0;
        this.received = null;
        this.controller?.abort();
        return false;
      }
    }
    return true;
  }
}

function refusal(status: number, location: string | null): string {
  if (status >= 300 && status < 400)
    return `the relay redirected the stream to ${location ?? 'an address it did not name'}, which the console does not follow with its token`;
  if (status === 401) return 'the relay refused the console token (revoked or mistyped)';
  if (status === 404) return 'the address answers, but it is not a relay (no /v1/events)';
  return `the relay answered ${status}`;
}
