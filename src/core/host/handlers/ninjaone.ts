import type { NinjaOneConnection } from '../../ninjaone';
import type { Handlers } from '../rpc-server';

export function ninjaOneHandlers(
  connection: NinjaOneConnection,
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
    'ninjaone.disconnect': ({ removeWebhook }) => connection.disconnect({ removeWebhook }),
    'ninjaone.requestBudget': () => connection.requestBudget(),
    'ninjaone.setRequestBudget': (budget) => connection.setRequestBudget(budget),
  };
}
