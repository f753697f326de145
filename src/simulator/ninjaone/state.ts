import { ActivityLog } from './activity-log';
import { alertHistory } from './alert-history';
import type { SimBehaviour } from './behaviour';
import type { SimClock } from './clock';
import { generateFleet, type DeviceFactoryContext } from './fleet';
import {
  defaultOfflineConditionPolicies,
  type SimActivity,
  type SimAlert,
  type SimDevice,
  type SimLocation,
  type SimOrganization,
} from './model';
import { seededRandom, type Random } from './random';
import { applySoftwareProfile } from './software-profile';
import type { ViewContext } from './views';

/** Everything the simulated tenant holds. Devices are kept in id order for `after` paging. */
export class SimState implements ViewContext {
  readonly organizations: SimOrganization[];
  readonly devices = new Map<number, SimDevice>();
  /** Device ids ascending (family A pages walk this). */
  sortedDeviceIds: number[] = [];
  readonly alerts = new Map<string, SimAlert>();
  readonly activities = new ActivityLog();
  readonly factory: DeviceFactoryContext;
  /** Policies with an "agent offline" condition: a device of theirs going offline raises an alert. */
  offlineConditionPolicies = new Set<number>(defaultOfflineConditionPolicies);
  private readonly orgById = new Map<number, SimOrganization>();
  private readonly locationById = new Map<number, SimLocation>();
  private nextDeviceId: number;
  private behaviourNow: SimBehaviour;
  private readonly lateRandom: Random;

  constructor(
    readonly seed: number,
    deviceCount: number,
    readonly clock: SimClock,
    behaviour: SimBehaviour,
    /** Days of past alerts in the activity log (`alertHistory`). */
    alertHistoryDays = 0,
  ) {
    this.behaviourNow = behaviour;
    this.lateRandom = seededRandom(seed ^ 0x1a7e);
    const fleet = generateFleet({ devices: deviceCount, seed, now: clock.seconds() });
    this.organizations = fleet.organizations;
    for (const org of fleet.organizations) {
      this.orgById.set(org.id, org);
      for (const location of org.locations) this.locationById.set(location.id, location);
    }
    for (const device of fleet.devices) {
      applySoftwareProfile(device, behaviour.software, seed);
      this.devices.set(device.id, device);
    }
    this.sortedDeviceIds = fleet.devices.map((d) => d.id);
    for (const alert of fleet.alerts) this.alerts.set(alert.uid, alert);
    const history = alertHistoryDays
      ? alertHistory(fleet.devices, { seed, now: clock.seconds(), days: alertHistoryDays })
      : [];
    const activities = history.length
      ? [...fleet.activities, ...history].sort((a, b) => a.activityTime - b.activityTime)
      : fleet.activities;
    for (const activity of activities) this.activities.append(activity);
    this.nextDeviceId = 1000 + deviceCount;
    this.factory = { random: seededRandom(seed * 31 + 7), now: clock.seconds(), sequence: new Map() };
    // Names of later devices continue the generated sequences, so they stay unique.
    for (const device of fleet.devices) {
      const key = `${device.organizationId}:${device.nodeClass}`;
      this.factory.sequence.set(key, (this.factory.sequence.get(key) ?? 0) + 1);
    }
  }

  /** How unkind the server is (`behaviour.ts`); set through `SimControl.setBehaviour`. */
  get behaviour(): SimBehaviour {
    return this.behaviourNow;
  }

  set behaviour(next: SimBehaviour) {
    const software = next.software !== this.behaviourNow.software;
    this.behaviourNow = next;
    if (software)
      for (const device of this.devices.values()) applySoftwareProfile(device, next.software, this.seed);
  }

  organization(id: number): SimOrganization | undefined {
    return this.orgById.get(id);
  }

  location(id: number): SimLocation | undefined {
    return this.locationById.get(id);
  }

  locations(): SimLocation[] {
    return [...this.locationById.values()].sort((a, b) => a.id - b.id);
  }

  allocateDeviceId(): number {
    return this.nextDeviceId++;
  }

  addDevice(device: SimDevice): void {
    applySoftwareProfile(device, this.behaviourNow.software, this.seed);
    this.devices.set(device.id, device);
    this.sortedDeviceIds.push(device.id);
  }

  /** Removes an organization with its locations (its devices must be gone first). */
  removeOrganization(id: number): void {
    const index = this.organizations.findIndex((o) => o.id === id);
    if (index < 0) return;
    const [org] = this.organizations.splice(index, 1);
    this.orgById.delete(id);
    for (const location of org!.locations) this.locationById.delete(location.id);
  }

  removeDevice(id: number): void {
    this.devices.delete(id);
    this.sortedDeviceIds = this.sortedDeviceIds.filter((d) => d !== id);
    for (const [uid, alert] of this.alerts) if (alert.deviceId === id) this.alerts.delete(uid);
  }

  alertsOf(deviceId: number): SimAlert[] {
    return [...this.alerts.values()].filter((a) => a.deviceId === deviceId);
  }

  /** Alert counts per device, for device-health rows. */
  alertIndex(): Map<number, { count: number; critical: boolean }> {
    const index = new Map<number, { count: number; critical: boolean }>();
    for (const alert of this.alerts.values()) {
      const entry = index.get(alert.deviceId) ?? { count: 0, critical: false };
      entry.count++;
      entry.critical ||= alert.severity === 'CRITICAL';
      index.set(alert.deviceId, entry);
    }
    return index;
  }

  /** Position of the first device id greater than `after` in `sortedDeviceIds`. */
  indexAfter(after: number | undefined): number {
    if (after === undefined) return 0;
    const ids = this.sortedDeviceIds;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]! > after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Appends an activity; a share of them (`behaviour.lateActivities`) becomes visible only later. */
  record(activity: Omit<SimActivity, 'id'>): SimActivity {
    const late = this.behaviourNow.lateActivities;
    const delayed = late.share > 0 && late.delaySeconds > 0 && this.lateRandom() < late.share;
    return this.activities.append(activity, delayed ? this.clock.seconds() + late.delaySeconds : undefined);
  }

  /** The newest activity id a client can see now. */
  get lastActivityId(): number {
    return this.activities.lastId(this.clock.seconds());
  }
}
