import type { NinjaOneConnection } from '../../ninjaone';
import type { Handlers } from '../rpc-server';

export function ninjaOneHandlers(
  connection: NinjaOneConnection,
  /** Removes the relay's webhook this console registered; true when it did. */
  removeRelayWebhook: () => Promise<boolean>,
): Pick<
  Handlers,
  | 'ninjaone.connect'
  | 'ninjaone.status'
  | 'ninjaone.disconnect'
  | 'ninjaone.requestBudget'
  | 'ninjaone.setRequestBudget'
> {
  return {
    'ninjaone.connect': (input, ctx) => connection.connect(input, ctx.signal),
    'ninjaone.status': () => connection.status(),
    'ninjaone.disconnect': async ({ removeWebhook }) => {
      // The relay's webhook goes with the sign-in that registered it.
      const removed = await removeRelayWebhook();
      const status = await connection.disconnect({ removeWebhook: removeWebhook && !removed });
      return removed ? { ...status, webhookRemoved: true } : status;
    },
    'ninjaone.requestBudget': () => connection.requestBudget(),
    'ninjaone.setRequestBudget': (budget) => connection.setRequestBudget(budget),
  };
}
