import { alertKinds } from './catalogue';
import { alertFor, alertKindsFor, conditionActivity, seconds } from './fleet';
import type { SimActivity, SimDevice } from './model';
import { pick, seededRandom, uuidFrom } from './random';

const DAY = 86_400;
const MINUTE = 60;

/**
 * The condition history of the past `days` days, as a real tenant's activity log holds it: alerts
 * that triggered and reset (none is open now: the open ones are the fleet's own), more on weekdays,
 * a few that flap (trigger again minutes after resetting), and a handful of devices that alert every
 * day. Its own random stream, so the fleet generated from the same seed is unchanged.
 */
export function alertHistory(
  devices: readonly SimDevice[],
  options: { seed: number; now: number; days: number },
): Omit<SimActivity, 'id'>[] {
  const random = seededRandom(options.seed * 7919 + 13);
  const alerting = devices.filter((d) => !d.offline && alertKindsFor(d).length > 0);
  if (alerting.length === 0) return [];
  const chronic = Array.from({ length: Math.min(5, Math.ceil(alerting.length / 400)) }, () =>
    pick(random, alerting),
  );
  const activities: Omit<SimActivity, 'id'>[] = [];
  let n = 0;
  // Trigger, reset after `durations`, again after `gaps`: one series, flapping when it repeats.
  const series = (device: SimDevice, start: number, repeats: number): void => {
    const kinds = alertKindsFor(device);
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const uid = uuidFrom(options.seed, device.id, 90_000 + n++);
    const alert = alertFor(device, kind, uid, uuidFrom(options.seed, 8, alertKinds.indexOf(kind)), start);
    const events: [number, 'TRIGGERED' | 'RESET'][] = [];
    let at = start;
    for (let i = 0; i < repeats; i++) {
      const reset = at + MINUTE * (5 + random() * (repeats > 1 ? 20 : 240));
      events.push([at, 'TRIGGERED'], [reset, 'RESET']);
      at = reset + MINUTE * (10 + random() * 40);
    }
    // Only the past: a series still open at the end would be an alert the tenant does not have.
    if (events.at(-1)![0] >= options.now - 5 * MINUTE) return;
    for (const [time, status] of events) {
      activities.push(conditionActivity(device, { ...alert, createTime: time }, status, seconds(time)));
    }
  };
  const today = options.now - (options.now % DAY);
  for (let day = options.days; day >= 0; day--) {
    const start = today - day * DAY;
    // Epoch day 0 was a Thursday: days 2 and 3 after it are the weekend.
    const weekend = [2, 3].includes(Math.floor(start / DAY) % 7);
    const count = Math.round(alerting.length * (weekend ? 0.004 : 0.012) * (0.6 + 0.8 * random()));
    for (let i = 0; i < count; i++) {
      series(
        pick(random, alerting),
        start + random() * DAY,
        random() < 0.06 ? 3 + Math.floor(random() * 4) : 1,
      );
    }
    for (const device of chronic) series(device, start + random() * DAY, 2 + Math.floor(random() * 3));
  }
  return activities;
}
