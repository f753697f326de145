import type { SimBehaviour } from './behaviour';
import { softwareCatalogue } from './catalogue';
import { kindOf } from './fleet';
import type { SimDevice } from './model';
import { hash, seededRandom } from './random';

const longTail = softwareCatalogue.flatMap((title, index) => (title.longTail ? [index] : []));

/**
 * Gives a device the software of a profile: `lean` keeps the main catalogue titles the fleet was
 * generated with; `realistic` adds the long tail a real Windows agent reports (driver packages,
 * runtimes, SDK parts, language packs), drawn from the device id so switching back and forth gives
 * the same titles again.
 */
export function applySoftwareProfile(
  device: SimDevice,
  profile: SimBehaviour['software'],
  seed: number,
): void {
  const main = device.software.filter((entry) => !softwareCatalogue[entry >> 2]!.longTail);
  if (profile === 'realistic' && device.platform === 'windows' && device.deviceType === 'AGENT') {
    const random = seededRandom(hash(seed, device.id, 97));
    const server = kindOf(device.nodeClass).server;
    for (const index of longTail) {
      const title = softwareCatalogue[index]!;
      if (random() * 100 < (server ? title.serverWeight : title.weight)) main.push(index * 4);
    }
  }
  device.software = main;
}
