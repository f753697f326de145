import type { OpenAlertCounts } from '../../shared/contract/notifications';
import type { AlertCountsRepository } from '../cache/repositories/alert-counts';

/**
 * Keeps the tray badge and the dashboard current: whoever writes alerts (the sync engine, the relay
 * client) calls `alertsChanged()` afterwards, and the counts are emitted when they moved.
 */
export class OpenAlertCountsPublisher {
  private lastEmitted: string | null = null;

  constructor(
    private readonly counts: AlertCountsRepository,
    private readonly emit: (counts: OpenAlertCounts) => void,
  ) {}

  current(): OpenAlertCounts {
    return this.counts.open();
  }

  alertsChanged(): void {
    const counts = this.current();
    const key = JSON.stringify(counts);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit(counts);
  }
}
