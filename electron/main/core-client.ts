import type { MessagePortMain } from 'electron';
import type { Logger } from '../../src/node/logger';
import { events, type Events, type Procedures } from '../../src/shared/contract';
import { RpcClient } from '../../src/shared/rpc/client';
import type { InputOf, OutputOf, PayloadOf } from '../../src/shared/rpc/define';
import { isAppError } from '../../src/shared/rpc/errors';
import { messagePortTransport } from '../../src/shared/rpc/message-port-transport';

type Client = RpcClient<Procedures, Events>;

type Subscriptions = { [K in keyof Events & string]?: (payload: PayloadOf<Events, K>) => void };

/**
 * Main as a client of the core: it receives what the tray and notifications need (events) and calls
 * procedures (pause notifications, sync now). Re-attached over a new port after every core restart.
 */
export class CoreLink {
  private client: Client | null = null;

  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly logger: Logger,
  ) {}

  attach(port: MessagePortMain): void {
    this.client?.close();
    const client = new RpcClient<Procedures, Events>(messagePortTransport(port), events);
    for (const [name, listener] of Object.entries(this.subscriptions))
      client.on(name as keyof Events & string, listener as (payload: unknown) => void);
    this.client = client;
  }

  async call<K extends keyof Procedures & string>(
    name: K,
    input: InputOf<Procedures, K>,
  ): Promise<OutputOf<Procedures, K> | null> {
    if (!this.client) return null;
    try {
      return await this.client.call(name, input);
    } catch (error) {
      this.logger.warn('main: a call to the core failed', {
        proc: name,
        code: isAppError(error) ? error.code : 'internal',
      });
      return null;
    }
  }
}
