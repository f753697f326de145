import pg from 'pg';
import type { Logger } from '../../../node/logger';

/**
 * Holds one connection in LISTEN on the relay's channel and reports the head announced by every
 * commit (NOTIFY is delivered at commit, in commit order). When the connection drops it reconnects
 * with backoff and reports the current head, so a subscriber catches up on whatever it missed.
 */
export class CommitListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly listeners: ((head: number) => void)[] = [];

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  onCommit(listener: (head: number) => void): void {
    this.listeners.push(listener);
  }

  private emit(head: number): void {
    for (const listener of this.listeners) listener(head);
  }

  async start(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      options: `-c search_path=${this.schema}`,
      // Named per schema so an operator (or a test) can tell the listeners apart in pg_stat_activity.
      application_name: `alga-relay-listen ${this.schema}`.slice(0, 63),
    });
    client.on('notification', (message) => {
      const head = Number(message.payload);
      if (Number.isSafeInteger(head)) this.emit(head);
    });
    client.on('error', (error) => {
      this.logger.warn('lost the PostgreSQL LISTEN connection; reconnecting', { error });
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      const { rows } = await client.query('SELECT last_seq FROM relay_counter');
      if (this.stopped) throw new Error('stopped');
      this.client = client;
      this.emit(Number(rows[0].last_seq));
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.retry(250);
  }

  private retry(delayMs: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.start().catch((error: unknown) => {
        this.logger.warn('PostgreSQL LISTEN reconnect failed; retrying', { error });
        this.retry(Math.min(delayMs * 2, 5000));
      });
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
