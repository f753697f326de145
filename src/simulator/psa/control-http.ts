import type { PsaControl, FaultSpec } from './control';
import type { SimResponse } from './http';

/**
 * `/_sim/*`: the control API over HTTP for tools and other processes (tests in this process use the
 * handle directly). No API key: the simulator only listens on loopback.
 */
export async function controlRoute(
  control: PsaControl,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Promise<SimResponse> {
  const json = (status: number, data: unknown): SimResponse => ({ status, body: data });
  if (method === 'GET' && path === '/_sim/state') {
    return json(200, {
      tenantId: control.store.tenant,
      tickets: control.store.tickets.size,
      deletedTickets: control.store.deletedTickets.length,
      assets: control.store.assets.size,
      links: control.store.associations.length,
      requests: control.requests().length,
      pendingFaults: control.pendingFaults(),
      rateLimit: control.rateLimit,
      reference: control.reference(),
    });
  }
  if (method === 'GET' && path === '/_sim/tickets') return json(200, { data: control.tickets() });
  if (method === 'GET' && path === '/_sim/requests') {
    return json(200, { data: control.requests(query.get('route') ?? undefined) });
  }
  if (method === 'POST' && path === '/_sim/faults') {
    const spec = body as FaultSpec;
    if (!spec || typeof spec.route !== 'string') return json(400, { error: 'route is required' });
    control.fault({ ...spec, times: spec.times === -1 ? Infinity : spec.times });
    return json(201, { pendingFaults: control.pendingFaults() });
  }
  if (method === 'DELETE' && path === '/_sim/faults') {
    control.clearFaults();
    return { status: 204 };
  }
  if (method === 'POST' && path === '/_sim/rate-limit') {
    control.setRateLimit(body as Partial<typeof control.rateLimit>);
    return json(200, control.rateLimit);
  }
  if (method === 'GET' && path === '/_sim/accepted') {
    const route = query.get('route') ?? 'tickets.create';
    const timeoutMs = Number(query.get('timeoutMs') ?? 30_000);
    try {
      const event = await control.nextAccepted(route, timeoutMs);
      return json(200, { route: event.route, body: event.body });
    } catch (error) {
      return json(408, { error: (error as Error).message });
    }
  }
  const status = /^\/_sim\/tickets\/([^/]+)\/status$/.exec(path);
  if (method === 'POST' && status) {
    try {
      const name = (body as { status?: string } | null)?.status ?? '';
      return json(200, { data: control.setTicketStatus(status[1]!, name) });
    } catch (error) {
      return json(404, { error: (error as Error).message });
    }
  }
  if (method === 'POST' && path === '/_sim/assets') {
    const b = body as {
      client_id: string;
      name: string;
      asset_tag: string;
      asset_type?: string;
      rmm_device_id?: string;
    };
    const asset = control.store.createAsset({
      client_id: b.client_id,
      name: b.name,
      asset_tag: b.asset_tag,
      asset_type: b.asset_type ?? 'workstation',
      status: 'active',
      ...(b.rmm_device_id ? { rmm: { device_id: b.rmm_device_id } } : {}),
    });
    return json(201, { data: asset });
  }
  return json(404, { error: `no control route ${method} ${path}` });
}
