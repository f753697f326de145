import { create } from 'zustand';
import type { UnseenAlerts } from '../../shared/contract/alerts';
import type { ConsoleClient } from '../rpc/client';

interface ArrivalsState {
  /** Alerts that arrived while the console runs and nobody marked as seen: shown as new. */
  unseen: Set<string>;
}

export const useArrivals = create<ArrivalsState>(() => ({ unseen: new Set() }));

const baseTitle = document.title;

function apply({ uids }: UnseenAlerts): void {
  useArrivals.setState({ unseen: new Set(uids) });
  // The window title (and so the task bar and the browser tab) carries the count.
  document.title = uids.length ? `(${uids.length}) ${baseTitle}` : baseTitle;
}

/** Loads the unseen arrivals once and follows the core's pushes; returns the unsubscribe function. */
export function followArrivals(client: ConsoleClient): () => void {
  client.call('alerts.unseen', {}).then(apply, () => undefined);
  return client.on('alerts.unseenChanged', apply);
}
