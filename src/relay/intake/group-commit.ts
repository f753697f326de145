/**
 * Group commit: requests that arrive while a commit is being written (or within the same turn of
 * the event loop) are written together in the next transaction, so one fsync serves many webhooks.
 * Each caller's promise settles only when its own item is committed (or the commit failed).
 */
interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommitter<T, R> {
  private queue: Pending<T, R>[] = [];
  private busy = false;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
    private readonly onBatch: (size: number) => void = () => undefined,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or being committed. */
  idle(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.busy || this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: every request parsed now joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.busy) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) {
      for (const waiter of this.idleWaiters.splice(0)) waiter();
      return;
    }
    this.busy = true;
    this.onBatch(batch.length);
    try {
      const results = await this.commit(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.busy = false;
    }
    if (this.queue.length > 0) this.schedule();
    else for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
