import type { PayloadOf } from '../../shared/rpc/define';
import type { EventName, Events } from '../../shared/contract';

/** What the core's services tell each other and never send to a window. */
export interface CoreSignals {
  /** NinjaOne reset these alerts (a relay webhook): the PSA follows up on their tickets. */
  'alerts.reset': { uids: string[]; at: number };
}

type Listener<T> = (payload: T) => void;

/**
 * The first thing the core builds: services publish on it and subscribe to each other through it,
 * so each is built after what it needs and none closes over one declared later. Contract events
 * reach the RPC server (attached last, once every handler exists) after the core's own listeners;
 * before it is attached no window is connected, so there is nobody to tell.
 */
export class CoreEventBus {
  private readonly listeners = new Map<string, Set<Listener<never>>>();
  private sink: (<K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void) | null = null;

  emit = <K extends EventName>(name: K, payload: PayloadOf<Events, K>): void => {
    this.deliver(name, payload);
    this.sink?.(name, payload);
  };

  on<K extends EventName>(name: K, listener: Listener<PayloadOf<Events, K>>): () => void {
    return this.listen(name, listener);
  }

  signal<K extends keyof CoreSignals>(name: K, payload: CoreSignals[K]): void {
    this.deliver(`signal:${name}`, payload);
  }

  onSignal<K extends keyof CoreSignals>(name: K, listener: Listener<CoreSignals[K]>): () => void {
    return this.listen(`signal:${name}`, listener);
  }

  /** Sends every contract event on to the windows (the RPC server). */
  attach(sink: <K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void): void {
    this.sink = sink;
  }

  private listen<T>(key: string, listener: Listener<T>): () => void {
    const set = this.listeners.get(key) ?? new Set<Listener<never>>();
    set.add(listener as Listener<never>);
    this.listeners.set(key, set);
    return () => set.delete(listener as Listener<never>);
  }

  private deliver(key: string, payload: unknown): void {
    for (const listener of this.listeners.get(key) ?? []) (listener as Listener<unknown>)(payload);
  }
}
