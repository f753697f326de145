import { ninjaOneInstances, type NinjaOneInstance } from '../../shared/contract/ninjaone';
import { AppError } from '../../shared/rpc/errors';

export interface NinjaOneEndpoint {
  instance: NinjaOneInstance | 'custom';
  /** `https://eu.ninjarmm.com` (no trailing slash). */
  baseUrl: string;
  /** `eu.ninjarmm.com` (with the port when not the default): what error messages name. */
  host: string;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The base URL of a regional instance or of a custom (branded, partner) host. A custom host is a
 * bare host name or an https origin; plain http is accepted only on loopback, where the simulator runs.
 */
export function resolveEndpoint(input: { instance?: NinjaOneInstance; host?: string }): NinjaOneEndpoint {
  if (input.instance) {
    const host = ninjaOneInstances[input.instance];
    return { instance: input.instance, baseUrl: `https://${host}`, host };
  }
  const raw = (input.host ?? '').trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new AppError('invalid_input', `"${raw}" is not a host name or URL of a NinjaOne instance.`);
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new AppError(
      'invalid_input',
      `Give only the host of the NinjaOne instance (such as acme.rmmservice.com), not "${raw}".`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) {
    throw new AppError('invalid_input', `NinjaOne must be reached over https; "${raw}" is not.`);
  }
  const known = (Object.entries(ninjaOneInstances) as [NinjaOneInstance, string][]).find(
    ([, host]) => host === url.host && url.protocol === 'https:',
  );
  return { instance: known ? known[0] : 'custom', baseUrl: url.origin, host: url.host };
}
