import type { DeviceSerials } from '../../cache/repositories/psa-device-assets';

/**
 * The keys Alga's own NinjaOne sync gives a device's asset (§6.4 of the reference): tag
 * `NINJA-<system.serialNumber>`, else `NINJA-<device id>`; serial number the system serial, else the
 * BIOS one. Captured when a ticket is queued, so sending never depends on the cache later.
 */

/** The keys Alga's sync gives a device's asset. */
export interface DeviceAssetKeys {
  /** `system.serialNumber`: Alga tags the asset `NINJA-<it>`, or `NINJA-<device id>` when null. */
  tagSerial: string | null;
  /** Every serial Alga may hold as `serial_number` (system, then BIOS) and the console's own. */
  serials: string[];
}

export interface DeviceRef {
  deviceId: number;
  keys: DeviceAssetKeys;
}

/** Placeholders firmware reports instead of a serial: shared by many machines, they identify none. */
const placeholderSerial =
  /^(to be filled.*|default string|system serial number|chassis serial number|serial ?number|not (specified|applicable|available)|none|n\/?a|null|invalid|unknown|o\.?e\.?m\.?|0+|1234567890?|x+|-+)$/i;

export function identifyingSerial(serial: string): boolean {
  const s = serial.trim();
  return s.length >= 4 && !placeholderSerial.test(s);
}

export function distinctSerials(values: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const s = v?.trim();
    if (!s || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out;
}

export function assetKeysOf(serials: DeviceSerials): DeviceAssetKeys {
  return {
    // Without NinjaOne's detail, the console's serial is the system one in all but odd cases.
    tagSerial: serials.detailKnown ? serials.system : serials.serial,
    serials: distinctSerials([serials.system, serials.bios, serials.serial]),
  };
}

/** The tag Alga's sync gives the device's asset, and so the one the console creates it with. */
export function algaAssetTag(device: DeviceRef): string {
  return `NINJA-${device.keys.tagSerial ?? device.deviceId}`;
}
