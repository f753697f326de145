import type { SimDevice } from './model';
import type { SimState } from './state';
import {
  activityView,
  alertView,
  antivirusView,
  deviceDetailedView,
  locationView,
  organizationDetailedView,
  osPatchViews,
  softwarePatchViews,
  softwareViews,
  type Json,
} from './views';

/**
 * What the simulated tenant holds right now, in exactly the shapes the API answers with, read
 * in-process and without faults: the reference a sync test compares the cache against.
 */
export class SimTruth {
  constructor(private readonly state: SimState) {}

  organizations(): Json[] {
    return this.state.organizations.map(organizationDetailedView);
  }

  locations(): Json[] {
    return this.state.locations().map((l) => locationView(l, true));
  }

  deviceIds(): number[] {
    return [...this.state.sortedDeviceIds];
  }

  /** Every device as `/v2/devices-detailed` returns it, in id order. */
  devices(): Json[] {
    return this.state.sortedDeviceIds.map((id) =>
      deviceDetailedView(this.state.devices.get(id)!, this.state),
    );
  }

  device(id: number): Json | null {
    const device = this.state.devices.get(id);
    return device ? deviceDetailedView(device, this.state) : null;
  }

  /** Every active alert, as `/v2/alerts` returns them. */
  alerts(): Json[] {
    return [...this.state.alerts.values()].map((a) =>
      alertView(a, this.state.devices.get(a.deviceId), this.state),
    );
  }

  software(deviceId: number): Json[] {
    return this.ofDevice(deviceId, softwareViews);
  }

  /** Open OS patches (pending, failed, rejected), as `/v2/device/{id}/os-patches`. */
  osPatches(deviceId: number): Json[] {
    return this.ofDevice(deviceId, (d) => osPatchViews(d, false));
  }

  osPatchInstalls(deviceId: number): Json[] {
    return this.ofDevice(deviceId, (d) => osPatchViews(d, true));
  }

  softwarePatches(deviceId: number): Json[] {
    return this.ofDevice(deviceId, (d) => softwarePatchViews(d, false));
  }

  softwarePatchInstalls(deviceId: number): Json[] {
    return this.ofDevice(deviceId, (d) => softwarePatchViews(d, true));
  }

  antivirus(deviceId: number): Json | null {
    const device = this.state.devices.get(deviceId);
    return device ? antivirusView(device) : null;
  }

  /** Every activity, oldest first. */
  activities(): Json[] {
    return this.state.activities.all().map(activityView);
  }

  private ofDevice(deviceId: number, view: (device: SimDevice) => Json[]): Json[] {
    const device = this.state.devices.get(deviceId);
    return device ? view(device) : [];
  }

  counts(): {
    organizations: number;
    locations: number;
    devices: number;
    alerts: number;
    activities: number;
    lastActivityId: number;
    softwareInstalls: number;
    osPatches: number;
    softwarePatches: number;
  } {
    let softwareInstalls = 0;
    let osPatches = 0;
    let softwarePatches = 0;
    for (const device of this.state.devices.values()) {
      softwareInstalls += device.software.length;
      osPatches += device.osPatches.length;
      softwarePatches += device.softwarePatches.length;
    }
    return {
      organizations: this.state.organizations.length,
      locations: this.state.locations().length,
      devices: this.state.devices.size,
      alerts: this.state.alerts.size,
      activities: this.state.activities.size,
      lastActivityId: this.state.lastActivityId,
      softwareInstalls,
      osPatches,
      softwarePatches,
    };
  }
}
