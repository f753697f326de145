import type { Clock } from '../../src/core/time/clock';

/** A clock that moves only when told: timers fire inside `advance`, in time order. */
export class ManualClock implements Clock {
  private time: number;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 27, 9)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** The time of the next pending timer, or null. */
  get nextAt(): number | null {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : null;
  }

  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
      // Let the work the timer started run before looking at the next timer.
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
    this.time = until;
  }
}
