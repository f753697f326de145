import type { AssetMatch } from '../../shared/contract/assets';

const fieldNames: Record<AssetMatch['field'], string> = {
  systemName: 'system name',
  serial: 'serial',
  lastUser: 'user',
  ip: 'IP',
  mac: 'MAC',
};

/** Why a search found a device whose name does not show it: "serial C02SRV8Q1234". */
export function matchLabel(match: AssetMatch | null | undefined): string | null {
  return match ? `${fieldNames[match.field]} ${match.value}` : null;
}
