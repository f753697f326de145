import type { PsaRuntime } from '../../psa';
import type { Handlers } from '../rpc-server';

export function psaHandlers(
  psa: PsaRuntime,
): Pick<
  Handlers,
  | 'psa.status'
  | 'psa.connect'
  | 'psa.testConnection'
  | 'psa.disconnect'
  | 'psa.referenceData'
  | 'psa.refreshReferenceData'
  | 'psa.clients'
  | 'mapping.list'
  | 'mapping.confirm'
  | 'mapping.change'
  | 'mapping.clear'
  | 'mapping.refreshSuggestions'
> {
  const s = psa.service;
  return {
    'psa.status': () => s.status(),
    'psa.connect': (input) => s.connect(input),
    'psa.testConnection': (input) => s.test(input),
    'psa.disconnect': () => s.disconnect(),
    'psa.referenceData': () => s.referenceData(),
    'psa.refreshReferenceData': () => s.refreshReferenceData(),
    'psa.clients': ({ search, cursor, limit }) => s.clients({ search, cursor, limit }),
    'mapping.list': ({ filter, cursor, limit }) => s.mappingList({ filter, cursor, limit }),
    'mapping.confirm': ({ organizationIds }) => s.confirm(organizationIds),
    'mapping.change': ({ organizationId, clientId }) => s.change(organizationId, clientId),
    'mapping.clear': ({ organizationIds }) => s.clear(organizationIds),
    'mapping.refreshSuggestions': () => s.refreshSuggestions(),
  };
}
