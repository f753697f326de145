import type { RelayClient } from '../../relay-client/service';
import type { Handlers } from '../rpc-server';

export function relayHandlers(
  relay: RelayClient,
): Pick<
  Handlers,
  | 'relay.status'
  | 'relay.connect'
  | 'relay.disconnect'
  | 'relay.setAdminToken'
  | 'relay.registerWebhook'
  | 'relay.rules.get'
  | 'relay.rules.save'
  | 'relay.decisions'
> {
  return {
    'relay.status': () => relay.status(),
    'relay.connect': (input) => relay.connect(input),
    'relay.disconnect': () => relay.disconnect(),
    'relay.setAdminToken': ({ token }) => relay.setAdminToken(token),
    'relay.registerWebhook': (input) => relay.registerWebhook(input),
    'relay.rules.get': () => relay.rules(),
    'relay.rules.save': (input) => relay.saveRules(input),
    'relay.decisions': ({ cursor, limit }) => relay.decisions({ cursor, limit }),
  };
}
