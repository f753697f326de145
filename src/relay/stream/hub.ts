import type { Logger } from '../../node/logger';
import type { RelayStore, StoredEvent } from '../store/store';
import { eventFrame, heartbeatFrame, openingFrame, resetFrame } from './frames';

/** The writable end of one SSE response. */
export interface StreamSink {
  write(chunk: string): boolean;
  /** Bytes queued in the socket, not yet taken by the client. */
  buffered(): number;
  /** The socket asked writers to wait for 'drain'. */
  needsDrain(): boolean;
  /** Resolves when the queue drained or the client went away. */
  drained(): Promise<void>;
  end(): void;
  readonly closed: boolean;
}

interface Subscriber {
  sink: StreamSink;
  tokenId: number;
  /** The last sequence number written to this client. */
  cursor: number;
  /** Reading its backlog from the store; live broadcasts skip it until it has caught up. */
  replaying: boolean;
}

export interface HubOptions {
  heartbeatMs: number;
  /** How often open streams are checked against revoked tokens. */
  tokenCheckMs: number;
  /** A client this far behind stops getting live writes and catches up from the store once it drains. */
  maxBufferedBytes: number;
  /**
   * Live writes go out at once when the hub has been quiet this long, else together at the end of
   * the interval: under load every client gets one write per interval instead of one per commit.
   */
  flushIntervalMs: number;
  /** Open streams allowed on this instance, and per console token. */
  maxStreams: number;
  maxStreamsPerToken: number;
  logger: Logger;
}

/** Why a stream was not admitted. */
export type StreamRefusal = 'relay_full' | 'token_full';

const PAGE = 500;

/**
 * Streams committed events to every SSE client in sequence order, without gaps or repeats.
 *
 * The hub's `head` is the last event it wrote to live clients, `tail` the last it knows committed
 * (queued for the next flush). Local commits are `publish`ed; when they are not the next in line
 * (another instance committed in between, or commits finished out of order) the hub reads the
 * missing ones from the store instead, which is also what a NOTIFY from another instance triggers. A new or slow client first replays from the store from its own cursor, then
 * joins the live broadcast, switching in the same tick so nothing falls between the two.
 */
export class EventHub {
  private head = 0;
  private tail = 0;
  private pending: StoredEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;
  private readonly clients = new Map<StreamSink, Subscriber>();
  /** Admitted streams, in all and per token (counted from admission, before they subscribe). */
  private admitted = 0;
  private readonly admittedPerToken = new Map<number, number>();
  private catchingUp = false;
  private catchUpAgain = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: RelayStore,
    private readonly options: HubOptions,
  ) {}

  async start(): Promise<void> {
    this.head = this.tail = (await this.store.streamBounds()).head;
    this.store.onForeignCommit((head) => {
      if (head > this.tail) this.catchUp();
    });
    this.timers.push(
      setInterval(() => this.heartbeat(), this.options.heartbeatMs).unref(),
      setInterval(() => void this.closeRevoked(), this.options.tokenCheckMs).unref(),
    );
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get lastSeq(): number {
    return this.head;
  }

  /** Events this process just committed, in sequence order. */
  publish(events: readonly StoredEvent[]): void {
    const first = events[0];
    if (!first) return;
    if (this.catchingUp || first.seq > this.tail + 1) {
      this.catchUp();
      return;
    }
    const fresh = events.filter((e) => e.seq > this.tail);
    if (fresh.length > 0) this.enqueue(fresh);
  }

  /**
   * Takes a stream slot for a console token, synchronously (concurrent requests cannot all slip
   * in); answers the function that gives it back, or why there is none.
   */
  admit(tokenId: number): (() => void) | StreamRefusal {
    const mine = this.admittedPerToken.get(tokenId) ?? 0;
    if (this.admitted >= this.options.maxStreams) return 'relay_full';
    if (mine >= this.options.maxStreamsPerToken) return 'token_full';
    this.admitted += 1;
    this.admittedPerToken.set(tokenId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.admitted -= 1;
      const left = (this.admittedPerToken.get(tokenId) ?? 1) - 1;
      if (left > 0) this.admittedPerToken.set(tokenId, left);
      else this.admittedPerToken.delete(tokenId);
    };
  }

  /**
   * Adds a client. `after` is the last event it has (null: it wants only what comes next). A
   * position older than retention, or beyond anything this database ever committed, gets a `reset`.
   */
  async subscribe(sink: StreamSink, tokenId: number, after: number | null): Promise<void> {
    const bounds = await this.store.streamBounds();
    let cursor = after ?? bounds.head;
    sink.write(openingFrame(cursor));
    if (after !== null && (after < bounds.prunedThrough || after > bounds.head)) {
      sink.write(resetFrame(after > bounds.head ? 'unknown_position' : 'retention', bounds.head));
      cursor = bounds.head;
    }
    if (sink.closed) return;
    const client: Subscriber = { sink, tokenId, cursor, replaying: false };
    this.clients.set(sink, client);
    if (client.cursor < this.head) await this.replay(client);
  }

  remove(sink: StreamSink): void {
    this.clients.delete(sink);
  }

  /** Ends every stream (shutdown: clients reconnect, to this relay's successor or another instance). */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const sink of this.clients.keys()) sink.end();
    this.clients.clear();
  }

  private enqueue(events: readonly StoredEvent[]): void {
    this.pending.push(...events);
    this.tail = events.at(-1)!.seq;
    if (this.flushTimer) return;
    const wait = this.lastFlushAt + this.options.flushIntervalMs - performance.now();
    if (wait <= 0) this.flush();
    else
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flush();
      }, wait);
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    this.lastFlushAt = performance.now();
    const frames = events.map(eventFrame);
    const all = frames.join('');
    const first = events[0]!.seq;
    this.head = events.at(-1)!.seq;
    for (const client of this.clients.values()) {
      if (client.replaying || client.cursor >= this.head) continue;
      if (client.cursor < first - 1) {
        void this.replay(client);
        continue;
      }
      const skip = client.cursor - (first - 1);
      client.sink.write(skip === 0 ? all : frames.slice(skip).join(''));
      client.cursor = this.head;
      if (client.sink.buffered() > this.options.maxBufferedBytes) void this.replay(client);
    }
  }

  /** Brings one client from its cursor up to the hub's head out of the store, then makes it live. */
  private async replay(client: Subscriber): Promise<void> {
    if (client.replaying) return;
    client.replaying = true;
    try {
      while (!client.sink.closed) {
        if (client.sink.needsDrain()) await client.sink.drained();
        if (client.cursor >= this.head || client.sink.closed) break;
        const rows = await this.store.readEvents(client.cursor, PAGE);
        if (client.sink.closed) break;
        if (rows[0]?.seq !== client.cursor + 1) {
          // Retention removed what this client still needed while it was catching up.
          client.sink.write(resetFrame('retention', this.head));
          client.cursor = this.head;
          break;
        }
        client.sink.write(rows.map(eventFrame).join(''));
        client.cursor = rows.at(-1)!.seq;
      }
      client.replaying = false;
    } catch (error) {
      this.options.logger.warn('a stream client could not be caught up; closing it', { error });
      this.clients.delete(client.sink);
      client.sink.end();
    }
  }

  /** Reads events this hub has not broadcast yet from the store (single flight). */
  private catchUp(): void {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    void (async () => {
      try {
        do {
          this.catchUpAgain = false;
          for (;;) {
            const rows = await this.store.readEvents(this.tail, PAGE);
            if (rows.length > 0) this.enqueue(rows);
            if (rows.length < PAGE) break;
          }
        } while (this.catchUpAgain);
        this.catchingUp = false;
      } catch (error) {
        this.catchingUp = false;
        this.options.logger.warn('could not read new events from the store; retrying', { error });
        setTimeout(() => this.catchUp(), 1000).unref();
      }
    })();
  }

  private heartbeat(): void {
    for (const sink of this.clients.keys()) sink.write(heartbeatFrame);
  }

  private async closeRevoked(): Promise<void> {
    if (this.clients.size === 0) return;
    const ids = [...new Set([...this.clients.values()].map((c) => c.tokenId))];
    try {
      const revoked = new Set(await this.store.revokedAmong(ids));
      for (const client of this.clients.values()) {
        if (!revoked.has(client.tokenId)) continue;
        this.clients.delete(client.sink);
        client.sink.end();
        this.options.logger.info('closed a stream: its console token was revoked', {
          tokenId: client.tokenId,
        });
      }
    } catch (error) {
      this.options.logger.warn('could not check console tokens for revocation', { error });
    }
  }
}
