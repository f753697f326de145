import { randomUUID } from 'node:crypto';
import { changedBehaviour, type BehaviourChange, type SimBehaviour } from './behaviour';
import { alertKinds, offlineAlert } from './catalogue';
import {
  alertFor,
  alertKindsFor,
  conditionActivity,
  createDevice,
  deviceKinds,
  kindOf,
  systemActivity,
} from './fleet';
import type { SimActivity, SimAlert, SimDevice, SimOrganization } from './model';
import { ActivityNoise } from './noise';
import { uuidFrom } from './random';
import type { SimState } from './state';
import { deviceView, locationView, organizationView, type Json } from './views';
import type { WebhookDispatcher } from './webhooks';

export interface AddDeviceInput {
  organizationId?: number;
  locationId?: number;
  nodeClass?: string;
  displayName?: string;
  offline?: boolean;
}

export interface ChangeDeviceInput {
  displayName?: string;
  organizationId?: number;
  locationId?: number;
  lastLoggedInUser?: string;
  tags?: string[];
  approvalStatus?: SimDevice['approvalStatus'];
  needsReboot?: boolean;
}

export interface TriggerAlertInput {
  deviceId: number;
  sourceType?: string;
  severity?: string;
  priority?: string;
  subject?: string;
  message?: string;
}

/**
 * What happens in the tenant while tests and the demo watch: devices appear, change, vanish, go
 * offline; conditions trigger and reset; time passes. Every change records the activity NinjaOne
 * would record and hands it to the webhook dispatcher.
 */
export class SimControl {
  private readonly noise: ActivityNoise;

  constructor(
    private readonly state: SimState,
    private readonly webhooks: WebhookDispatcher,
    private readonly topLevelOrganizationId: () => boolean,
  ) {
    this.noise = new ActivityNoise(state.seed, state.clock.seconds());
  }

  /**
   * Brings the tenant up to the simulated now: the background noise of the time that passed, then
   * the retention prune. Runs before every request and every change, so ids keep following time.
   */
  tick(): void {
    const now = this.state.clock.seconds();
    for (const { device, activity } of this.noise.since(this.state, now)) this.emit(device, activity);
    const { retention } = this.state.behaviour;
    this.state.activities.prune(now - retention.days * 86_400, retention.maxActivities);
  }

  get behaviour(): SimBehaviour {
    return this.state.behaviour;
  }

  /** Changes how unkind the server is (`behaviour.ts`); a bad value throws a 400 ControlError. */
  setBehaviour(change: BehaviourChange): SimBehaviour {
    this.tick();
    try {
      this.state.behaviour = changedBehaviour(this.state.behaviour, change);
    } catch (error) {
      throw new ControlError(
        400,
        `invalid behaviour: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.tick();
    return this.state.behaviour;
  }

  addDevice(input: AddDeviceInput = {}): SimDevice {
    this.tick();
    const { state } = this;
    const org = state.organization(input.organizationId ?? state.organizations[0]!.id);
    if (!org) throw new ControlError(404, `organization ${input.organizationId} does not exist`);
    const kind = input.nodeClass
      ? deviceKinds.find((k) => k.nodeClass === input.nodeClass)
      : kindOf('WINDOWS_WORKSTATION');
    if (!kind) throw new ControlError(400, `the simulator cannot make a ${input.nodeClass} device`);
    state.factory.now = state.clock.seconds();
    const device = createDevice(state.factory, state.allocateDeviceId(), org, kind, state.seed);
    const now = state.clock.seconds();
    device.created = now;
    device.lastContact = now;
    device.lastUpdate = now;
    device.offline = input.offline ?? false;
    if (input.displayName) device.displayName = input.displayName;
    if (input.locationId !== undefined) {
      if (!org.locations.some((l) => l.id === input.locationId))
        throw new ControlError(400, `location ${input.locationId} is not in organization ${org.id}`);
      device.locationId = input.locationId;
    }
    state.addDevice(device);
    this.emit(device, systemActivity(device, 'NODE_CREATED', now));
    return device;
  }

  changeDevice(id: number, change: ChangeDeviceInput): SimDevice {
    this.tick();
    const device = this.device(id);
    if (change.organizationId !== undefined) {
      const org = this.state.organization(change.organizationId);
      if (!org) throw new ControlError(404, `organization ${change.organizationId} does not exist`);
      device.organizationId = org.id;
      device.locationId = org.locations[0]!.id;
    }
    if (change.locationId !== undefined) {
      const org = this.state.organization(device.organizationId)!;
      if (!org.locations.some((l) => l.id === change.locationId))
        throw new ControlError(400, `location ${change.locationId} is not in organization ${org.id}`);
      device.locationId = change.locationId;
    }
    if (change.displayName !== undefined) device.displayName = change.displayName;
    if (change.lastLoggedInUser !== undefined) device.lastLoggedInUser = change.lastLoggedInUser;
    if (change.tags !== undefined) device.tags = change.tags;
    if (change.approvalStatus !== undefined) device.approvalStatus = change.approvalStatus;
    if (change.needsReboot !== undefined && device.os) device.os.needsReboot = change.needsReboot;
    device.lastUpdate = this.state.clock.seconds();
    this.emit(device, systemActivity(device, 'NODE_UPDATED', device.lastUpdate));
    return device;
  }

  deleteDevice(id: number): void {
    this.tick();
    const device = this.device(id);
    this.emit(device, systemActivity(device, 'NODE_DELETED', this.state.clock.seconds()));
    this.state.removeDevice(id);
  }

  /** Deletes an organization as NinjaOne does: its devices first (NODE_DELETED each), then the client. */
  deleteOrganization(id: number): void {
    this.tick();
    const org = this.state.organization(id);
    if (!org) throw new ControlError(404, `organization ${id} does not exist`);
    for (const deviceId of [...this.state.sortedDeviceIds]) {
      if (this.state.devices.get(deviceId)?.organizationId === id) this.deleteDevice(deviceId);
    }
    this.emitOrganization(org, 'CLIENT_DELETED', 'SYSTEM', `Organization deleted: ${org.name}`);
    this.state.removeOrganization(id);
  }

  /**
   * A technician edits a client's documentation: an activity about the organization (a
   * `CLIENT_DOCUMENT_*` code) that changes nothing of the organization itself.
   */
  documentChanged(organizationId: number): SimActivity {
    this.tick();
    const org = this.state.organization(organizationId);
    if (!org) throw new ControlError(404, `organization ${organizationId} does not exist`);
    return this.emitOrganization(
      org,
      'CLIENT_DOCUMENT_UPDATED',
      'DOCUMENTATION',
      `Document updated for ${org.name}`,
    );
  }

  /** Offline raises the AGENT_OFFLINE condition; back online resets it. */
  setOffline(id: number, offline: boolean): SimDevice {
    this.tick();
    const device = this.device(id);
    if (device.offline === offline) return device;
    const now = this.state.clock.seconds();
    device.offline = offline;
    device.lastUpdate = now;
    if (!offline) device.lastContact = now;
    const existing = this.state.alertsOf(id).find((a) => a.sourceType === 'AGENT_OFFLINE');
    if (offline && !existing) {
      this.raise(device, alertFor(device, offlineAlert, randomUUID(), uuidFrom(this.state.seed, 7, 1), now));
    } else if (!offline && existing) {
      this.resetAlert(existing.uid);
    }
    return device;
  }

  triggerAlert(input: TriggerAlertInput): SimAlert {
    this.tick();
    const device = this.device(input.deviceId);
    const candidates = alertKindsFor(device);
    const kind =
      (input.sourceType ? alertKinds.find((k) => k.sourceType === input.sourceType) : undefined) ??
      candidates[0] ??
      alertKinds[1];
    const now = this.state.clock.seconds();
    const alert = alertFor(
      device,
      kind,
      randomUUID(),
      uuidFrom(this.state.seed, 8, alertKinds.indexOf(kind)),
      now,
    );
    if (input.sourceType) alert.sourceType = input.sourceType;
    if (input.severity) alert.severity = input.severity;
    if (input.priority) alert.priority = input.priority;
    if (input.subject) alert.subject = input.subject;
    if (input.message) alert.message = input.message;
    this.raise(device, alert);
    return alert;
  }

  /** Resets an active alert (the API's DELETE /v2/alert/{uid} does the same). False when unknown. */
  resetAlert(uid: string): boolean {
    this.tick();
    const alert = this.state.alerts.get(uid);
    if (!alert) return false;
    this.state.alerts.delete(uid);
    const device = this.state.devices.get(alert.deviceId);
    if (device) this.emit(device, conditionActivity(device, alert, 'RESET', this.state.clock.seconds()));
    return true;
  }

  advanceClock(seconds: number): number {
    this.state.clock.advance(seconds);
    this.tick();
    return this.state.clock.now();
  }

  private raise(device: SimDevice, alert: SimAlert): void {
    this.state.alerts.set(alert.uid, alert);
    this.emit(device, conditionActivity(device, alert, 'TRIGGERED', alert.createTime));
  }

  private device(id: number): SimDevice {
    const device = this.state.devices.get(id);
    if (!device) throw new ControlError(404, `device ${id} does not exist`);
    return device;
  }

  /** Records an activity about an organization (no device) and hands it to the webhook dispatcher. */
  private emitOrganization(
    org: SimOrganization,
    statusCode: string,
    activityType: string,
    message: string,
  ): SimActivity {
    const stored = this.state.record({
      activityTime: this.state.clock.seconds(),
      severity: 'NONE',
      priority: 'NONE',
      activityType,
      statusCode,
      status: statusCode,
      activityResult: 'SUCCESS',
      subject: org.name,
      message,
      type: activityType === 'SYSTEM' ? 'System' : 'Documentation',
      data: { message: { code: statusCode, params: { clientId: org.id, clientName: org.name } } },
    });
    this.webhooks.publish(stored, org.id, (expand) => {
      const payload: Json = { ...stored };
      if (expand.includes('organization')) payload.organization = organizationView(org);
      if (this.topLevelOrganizationId()) payload.organizationId = org.id;
      return payload;
    });
    return stored;
  }

  private emit(device: SimDevice, activity: Omit<SimActivity, 'id'>): SimActivity {
    const stored = this.state.record(activity);
    const org = this.state.organization(device.organizationId);
    const location = this.state.location(device.locationId);
    // Built only for a subscription that wants it (publish calls back at once, before any removal).
    this.webhooks.publish(stored, device.organizationId, (expand) => {
      const payload: Json = { ...stored };
      if (expand.includes('device')) payload.device = deviceView(device, this.state);
      if (expand.includes('organization') && org) payload.organization = organizationView(org);
      if (expand.includes('location') && location) payload.location = locationView(location, true);
      if (this.topLevelOrganizationId()) payload.organizationId = device.organizationId;
      return payload;
    });
    return stored;
  }
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
