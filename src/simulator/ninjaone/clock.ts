/**
 * The simulator's clock: real time shifted by whatever the tests advanced it by, so token lifetimes,
 * code lifetimes and cursor expiry can be crossed without waiting.
 */
export class SimClock {
  private offsetMs = 0;
  private readonly realStart = Date.now();

  constructor(private readonly startMs: number = Date.now()) {}

  /** Epoch milliseconds. */
  now(): number {
    return this.startMs + (Date.now() - this.realStart) + this.offsetMs;
  }

  /** Epoch seconds with a fraction, as NinjaOne sends times. */
  seconds(): number {
    return Math.round(this.now()) / 1000;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}
