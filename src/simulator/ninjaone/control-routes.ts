import type { BehaviourChange } from './behaviour';
import { ControlError, type AddDeviceInput, type ChangeDeviceInput, type TriggerAlertInput } from './control';
import type { SimEnv } from './env';
import { faultKinds, type FaultRule } from './faults';
import { json, noContent, route, type Reply, type RequestContext, type Route } from './http';
import { allScopes, type OAuthApp } from './oauth';
import { alertView, deviceDetailedView } from './views';
import type { WebhookFaults } from './webhooks';

/**
 * `/_sim/*`: the control API for tests, the demo and anyone driving the simulator from outside the
 * process (`npm run simulator`). JSON in, JSON out; no authentication (it listens on loopback only).
 */
function body<T>(ctx: RequestContext): T {
  if (ctx.body.length === 0) return {} as T;
  try {
    return JSON.parse(ctx.body.toString('utf8')) as T;
  } catch {
    throw new ControlError(400, 'the body is not valid JSON');
  }
}

function idParam(ctx: RequestContext): number {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id)) throw new ControlError(400, `"${ctx.params.id}" is not an id`);
  return id;
}

function validFaults(rules: unknown): FaultRule[] {
  const list = Array.isArray(rules) ? rules : [rules];
  for (const rule of list) {
    if (!rule || typeof rule !== 'object' || !faultKinds.includes((rule as FaultRule).kind))
      throw new ControlError(400, `each fault needs a kind: ${faultKinds.join(', ')}`);
  }
  return list as FaultRule[];
}

const sim = (
  method: string,
  pattern: string,
  handler: (ctx: RequestContext, env: SimEnv) => Reply,
): Route<SimEnv> => route(method, pattern, handler);

export const controlRoutes: Route<SimEnv>[] = [
  sim('GET', '/_sim/state', (_ctx, env) =>
    json(200, {
      now: env.state.clock.now(),
      organizations: env.state.organizations.length,
      devices: env.state.devices.size,
      alerts: env.state.alerts.size,
      activities: env.state.activities.size,
      oldestActivityId: env.state.activities.firstId,
      lastActivityId: env.state.lastActivityId,
    }),
  ),
  sim('POST', '/_sim/devices', (ctx, env) =>
    json(201, deviceDetailedView(env.control.addDevice(body<AddDeviceInput>(ctx)), env.state)),
  ),
  sim('PATCH', '/_sim/devices/:id', (ctx, env) =>
    json(
      200,
      deviceDetailedView(env.control.changeDevice(idParam(ctx), body<ChangeDeviceInput>(ctx)), env.state),
    ),
  ),
  sim('DELETE', '/_sim/devices/:id', (ctx, env) => {
    env.control.deleteDevice(idParam(ctx));
    return noContent();
  }),
  sim('POST', '/_sim/devices/:id/offline', (ctx, env) =>
    json(200, deviceDetailedView(env.control.setOffline(idParam(ctx), true), env.state)),
  ),
  sim('POST', '/_sim/devices/:id/online', (ctx, env) =>
    json(200, deviceDetailedView(env.control.setOffline(idParam(ctx), false), env.state)),
  ),
  sim('DELETE', '/_sim/organizations/:id', (ctx, env) => {
    env.control.deleteOrganization(idParam(ctx));
    return noContent();
  }),
  sim('POST', '/_sim/organizations/:id/document', (ctx, env) =>
    json(201, env.control.documentChanged(idParam(ctx))),
  ),
  sim('POST', '/_sim/alerts', (ctx, env) => {
    const alert = env.control.triggerAlert(body<TriggerAlertInput>(ctx));
    return json(201, alertView(alert, env.state.devices.get(alert.deviceId), env.state));
  }),
  sim('DELETE', '/_sim/alerts/:uid', (ctx, env) => {
    if (!env.control.resetAlert(ctx.params.uid!))
      throw new ControlError(404, `alert ${ctx.params.uid} is not active`);
    return noContent();
  }),
  sim('POST', '/_sim/clock/advance', (ctx, env) => {
    const { seconds } = body<{ seconds?: number }>(ctx);
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
      throw new ControlError(400, 'seconds must be a non-negative number');
    return json(200, { now: env.control.advanceClock(seconds) });
  }),
  sim('GET', '/_sim/behaviour', (_ctx, env) => json(200, env.control.behaviour)),
  sim('PATCH', '/_sim/behaviour', (ctx, env) =>
    json(200, env.control.setBehaviour(body<BehaviourChange>(ctx))),
  ),
  sim('GET', '/_sim/faults', (_ctx, env) => json(200, env.faults.list())),
  sim('PUT', '/_sim/faults', (ctx, env) => {
    env.faults.set(validFaults(body(ctx)));
    return json(200, env.faults.list());
  }),
  sim('POST', '/_sim/faults', (ctx, env) =>
    json(
      201,
      validFaults(body(ctx)).map((rule) => env.faults.add(rule)),
    ),
  ),
  sim('DELETE', '/_sim/faults', (_ctx, env) => {
    env.faults.clear();
    return noContent();
  }),
  sim('PUT', '/_sim/webhook-faults', (ctx, env) => {
    env.webhooks.faults = { ...env.webhooks.faults, ...body<Partial<WebhookFaults>>(ctx) };
    return json(200, env.webhooks.faults);
  }),
  sim('GET', '/_sim/webhook-deliveries', (_ctx, env) => json(200, env.webhooks.deliveries)),
  sim('PUT', '/_sim/oauth', (ctx, env) => {
    Object.assign(env.oauth.controls, body<Partial<typeof env.oauth.controls>>(ctx));
    return json(200, env.oauth.controls);
  }),
  sim('POST', '/_sim/oauth/revoke', (_ctx, env) => {
    env.oauth.revokeAll();
    return noContent();
  }),
  sim('POST', '/_sim/oauth/apps', (ctx, env) => {
    const input = body<Partial<OAuthApp>>(ctx);
    if (input.platform !== 'native' && input.platform !== 'web' && input.platform !== 'api')
      throw new ControlError(400, 'platform must be native, web or api');
    if (input.scopes?.some((s) => !(allScopes as readonly string[]).includes(s)))
      throw new ControlError(400, `scopes must be among ${allScopes.join(' ')}`);
    return json(201, env.oauth.registerApp({ ...input, platform: input.platform }));
  }),
];
