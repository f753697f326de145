import { patchScanActivity, userLoginActivity } from './fleet';
import type { SimActivity, SimDevice } from './model';
import { hash, seededRandom, type Random } from './random';
import type { SimState } from './state';

/** Most a single catch-up makes (a clock advanced by months on a large fleet stays bounded). */
const MAX_PER_CATCH_UP = 250_000;

// prettier-ignore
const scripts = [
  'Clear temporary files', 'Collect disk health', 'Restart print spooler', 'Check BitLocker status',
  'Rotate local admin password', 'Inventory printers', 'Sync time with domain', 'Flush DNS cache',
  'Report pending reboot', 'Check backup job status',
];

/**
 * What every real tenant records all day and a sync must not pay for: users logging in and out,
 * OS and third-party patch scans, policy scripts. Made on demand for the simulated time that passed
 * (real time plus whatever tests advanced), at `behaviour.noise.perDevicePerHour` across the fleet,
 * on online agents, in time order.
 */
export class ActivityNoise {
  private last: number;
  private carry = 0;
  private readonly random: Random;

  constructor(seed: number, startSeconds: number) {
    this.random = seededRandom(hash(seed, 0x9015e));
    this.last = startSeconds;
  }

  /** The noise since the last call, up to `now` (epoch seconds), oldest first. */
  since(state: SimState, now: number): { device: SimDevice; activity: Omit<SimActivity, 'id'> }[] {
    const { noise, retention } = state.behaviour;
    // Nothing older than the retention window would survive anyway.
    const from = Math.max(this.last, now - retention.days * 86_400);
    this.last = Math.max(this.last, now);
    const ids = state.sortedDeviceIds;
    if (noise.perDevicePerHour === 0 || now <= from || ids.length === 0) return [];
    const expected = (noise.perDevicePerHour * ids.length * (now - from)) / 3600 + this.carry;
    const count = Math.min(MAX_PER_CATCH_UP, Math.floor(expected));
    this.carry = count === MAX_PER_CATCH_UP ? 0 : expected - count;
    if (count === 0) return [];
    const times = Array.from({ length: count }, () => from + this.random() * (now - from)).sort(
      (a, b) => a - b,
    );
    const out: { device: SimDevice; activity: Omit<SimActivity, 'id'> }[] = [];
    for (const at of times) {
      const device = this.onlineAgent(state, ids);
      if (!device) continue;
      out.push({ device, activity: this.activity(device, Math.round(at * 1000) / 1000) });
    }
    return out;
  }

  /** A random online agent (a few draws; none on a fleet without one). */
  private onlineAgent(state: SimState, ids: readonly number[]): SimDevice | null {
    for (let attempt = 0; attempt < 12; attempt++) {
      const device = state.devices.get(ids[Math.floor(this.random() * ids.length)]!);
      if (device && device.deviceType === 'AGENT' && !device.offline) return device;
    }
    return null;
  }

  private activity(device: SimDevice, at: number): Omit<SimActivity, 'id'> {
    const r = this.random();
    if (r < 0.3 && device.lastLoggedInUser) {
      const login = userLoginActivity(device, at);
      return r < 0.15
        ? login
        : {
            ...login,
            statusCode: 'USER_LOGGED_OUT',
            status: 'User logged out',
            message: `${device.lastLoggedInUser} logged out`,
          };
    }
    if (r < 0.6 && device.platform === 'windows') {
      const scan = patchScanActivity(device, at);
      return r < 0.45
        ? scan
        : {
            ...scan,
            activityType: 'SOFTWARE_PATCH_MANAGEMENT',
            statusCode: 'SOFTWARE_PATCH_MANAGEMENT_SCAN_COMPLETED',
            status: 'Software patch scan completed',
            message: 'Third-party software patch scan completed',
            type: 'Software Patch Management',
          };
    }
    const script = scripts[Math.floor(this.random() * scripts.length)]!;
    return {
      activityTime: at,
      deviceId: device.id,
      severity: 'NONE',
      priority: 'NONE',
      activityType: 'ACTIONSET',
      statusCode: 'COMPLETED',
      status: 'Completed',
      activityResult: 'SUCCESS',
      sourceName: script,
      subject: script,
      message: `Script "${script}" completed`,
      type: 'Action',
      data: {},
    };
  }
}
