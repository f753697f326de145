import type { z } from 'zod';
import type { alertCountsSchema } from '../../shared/contract/alerts';

type AlertCounts = z.infer<typeof alertCountsSchema>;

/**
 * Keeps the tray badge and the dashboard current: whoever writes alerts (the sync engine, the relay
 * client) calls `alertsChanged()` afterwards, and `alerts.countsChanged` is emitted when the counts
 * moved.
 */
export class OpenAlertCountsPublisher {
  private lastEmitted: string | null = null;

  constructor(
    private readonly counts: () => AlertCounts,
    private readonly emit: (counts: AlertCounts) => void,
  ) {}

  alertsChanged(): void {
    const counts = this.counts();
    const key = JSON.stringify(counts);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit(counts);
  }
}
