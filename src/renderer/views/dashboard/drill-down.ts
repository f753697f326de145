import type { AlertFilter } from '../../../shared/contract/alerts';
import type { AssetFilter } from '../../../shared/contract/assets';
import { useAlertsView } from '../../state/alerts-slice';
import { useAssetsView } from '../../state/assets-slice';
import { useNavigation } from '../../state/navigation-slice';

/**
 * Where a dashboard figure, row or chart point leads: the list it counts, with the whole query set to
 * what was counted (whatever the technician last left in that view).
 */
export function openAssets(query: AssetFilter): void {
  useAssetsView.getState().openQuery(query);
  useNavigation.getState().navigate('assets');
}

export function openAlerts(filter: AlertFilter): void {
  useAlertsView.getState().openQuery(filter);
  useNavigation.getState().navigate('alerts');
}

export function openDevice(deviceId: number): void {
  useNavigation.getState().navigate('assets', String(deviceId));
}

export function openAlert(uid: string): void {
  useNavigation.getState().navigate('alerts', uid);
}

export function openTicket(outboxId: number | null): void {
  useNavigation.getState().navigate('tickets', outboxId === null ? null : String(outboxId));
}
