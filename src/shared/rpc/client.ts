import { AppError, rpcErrorSchema } from './errors';
import type { EventMap, InputOf, OutputOf, PayloadOf, ProcedureMap } from './define';
import { serverFrameSchema, type ClientTransport } from './framing';

/** The part of AbortSignal the client uses; shared code sees neither DOM nor Node types. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface CallOptions {
  signal?: AbortSignalLike;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  cleanup(): void;
}

/**
 * The one typed client the renderer (and tests) use over whichever transport they were handed.
 * Outputs are trusted to the core's own validation; inputs are validated by the core.
 */
export class RpcClient<P extends ProcedureMap, E extends EventMap> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private closed = false;

  constructor(
    private readonly transport: ClientTransport,
    private readonly events: E,
  ) {
    transport.onFrame((raw) => this.receive(raw));
    transport.onClose(() =>
      this.failAll(new AppError('upstream_unavailable', 'The connection to the core closed.')),
    );
  }

  call<K extends keyof P & string>(
    proc: K,
    input: InputOf<P, K>,
    options: CallOptions = {},
  ): Promise<OutputOf<P, K>> {
    if (this.closed) {
      return Promise.reject(new AppError('upstream_unavailable', 'The connection to the core is closed.'));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', `${proc} was cancelled.`));
    const id = this.nextId++;
    return new Promise<OutputOf<P, K>>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id);
        this.transport.send({ t: 'cancel', id });
        reject(new AppError('cancelled', `${proc} was cancelled.`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      this.transport.send({ t: 'call', id, proc, input });
    });
  }

  /** Subscribe to a server-pushed event; returns the unsubscribe function. */
  on<K extends keyof E & string>(name: K, listener: (payload: PayloadOf<E, K>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  close(): void {
    this.transport.close();
    this.failAll(new AppError('upstream_unavailable', 'The connection to the core closed.'));
  }

  private receive(raw: unknown): void {
    const parsed = serverFrameSchema.safeParse(raw);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.t === 'event') {
      const schema = this.events[frame.name];
      if (!schema) return;
      const payload = schema.safeParse(frame.payload);
      if (!payload.success) return;
      for (const listener of this.listeners.get(frame.name) ?? []) listener(payload.data);
      return;
    }
    const waiting = this.pending.get(frame.id);
    if (!waiting) return;
    this.pending.delete(frame.id);
    waiting.cleanup();
    if (frame.ok) waiting.resolve(frame.output);
    else waiting.reject(AppError.fromShape(rpcErrorSchema.parse(frame.error)));
  }

  private failAll(error: AppError): void {
    this.closed = true;
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.cleanup();
      waiting.reject(error);
    }
  }
}
