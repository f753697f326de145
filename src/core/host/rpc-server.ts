import { AppError, isAppError, type RpcErrorShape } from '../../shared/rpc/errors';
import { clientFrameSchema, type ServerTransport } from '../../shared/rpc/framing';
import type { CallerRole, OutputOf, ParsedInputOf, PayloadOf } from '../../shared/rpc/define';
import {
  events,
  procedures,
  type EventName,
  type ProcedureName,
  type Events,
  type Procedures,
} from '../../shared/contract';
import { redactString, type Logger } from '../../node/logger';

export interface CallContext {
  /** Aborted when the caller cancels or the connection closes. */
  signal: AbortSignal;
}

export type Handler<K extends ProcedureName> = (
  input: ParsedInputOf<Procedures, K>,
  ctx: CallContext,
) => Promise<OutputOf<Procedures, K>> | OutputOf<Procedures, K>;

export type Handlers = { [K in ProcedureName]: Handler<K> };

export interface RpcServerOptions {
  /** Check every output and event against the contract (on in tests and development). */
  validateOutputs: boolean;
  logger: Logger;
}

/**
 * Serves the contract over any number of connections. Every input is parsed with the procedure's zod
 * schema before a handler sees it; handlers never see raw frames.
 */
export class RpcServer {
  private readonly connections = new Set<ServerTransport>();

  constructor(
    private readonly handlers: Handlers,
    private readonly options: RpcServerOptions,
  ) {}

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Serve one connection until it closes, in the role the host that made it vouches for (see
   * `callerRoles`). Returns a function that detaches it.
   */
  attach(transport: ServerTransport, caller: CallerRole): () => void {
    const inflight = new Map<number, AbortController>();
    this.connections.add(transport);
    const offFrame = transport.onFrame((raw) => {
      const parsed = clientFrameSchema.safeParse(raw);
      if (!parsed.success) {
        this.options.logger.warn('rpc: dropped a malformed frame');
        return;
      }
      const frame = parsed.data;
      if (frame.t === 'cancel') {
        inflight.get(frame.id)?.abort();
        return;
      }
      if (inflight.has(frame.id)) return;
      const controller = new AbortController();
      inflight.set(frame.id, controller);
      void this.dispatch(frame.proc, frame.input, controller.signal, caller).then((result) => {
        inflight.delete(frame.id);
        if (result.ok) transport.send({ t: 'result', id: frame.id, ok: true, output: result.output });
        else transport.send({ t: 'result', id: frame.id, ok: false, error: result.error });
      });
    });
    const detach = (): void => {
      offFrame();
      offClose();
      for (const controller of inflight.values()) controller.abort();
      inflight.clear();
      this.connections.delete(transport);
    };
    const offClose = transport.onClose(detach);
    return detach;
  }

  emit<K extends EventName>(name: K, payload: PayloadOf<Events, K>): void {
    if (this.options.validateOutputs) {
      const check = events[name].safeParse(payload);
      if (!check.success) throw new Error(`event ${name} broke its contract: ${check.error.message}`);
    }
    for (const connection of this.connections) connection.send({ t: 'event', name, payload });
  }

  async dispatch(
    proc: string,
    rawInput: unknown,
    signal: AbortSignal,
    caller: CallerRole,
  ): Promise<{ ok: true; output: unknown } | { ok: false; error: RpcErrorShape }> {
    if (!Object.hasOwn(procedures, proc)) {
      return {
        ok: false,
        error: { code: 'unknown_procedure', message: `There is no procedure named "${proc}".` },
      };
    }
    const name = proc as ProcedureName;
    const def = procedures[name];
    if (!def.callers.includes(caller)) {
      this.options.logger.warn('rpc: refused a procedure this connection may not call', {
        proc: name,
        caller,
      });
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `${name} is for the desktop app itself, not for the console's window.`,
        },
      };
    }
    const input = def.input.safeParse(rawInput);
    if (!input.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid input for ${name}: ${input.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
          details: input.error.issues,
        },
      };
    }
    try {
      const handler = this.handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const output = await handler(input.data, { signal });
      if (signal.aborted)
        return { ok: false, error: { code: 'cancelled', message: `${name} was cancelled.` } };
      if (this.options.validateOutputs) {
        const check = def.output.safeParse(output);
        if (!check.success) {
          this.options.logger.error('rpc: output broke the contract', {
            proc: name,
            issues: check.error.issues,
          });
          return {
            ok: false,
            error: {
              code: 'internal',
              message: `${name} produced an invalid answer.`,
              details: check.error.issues,
            },
          };
        }
      }
      return { ok: true, output };
    } catch (error) {
      if (signal.aborted)
        return { ok: false, error: { code: 'cancelled', message: `${name} was cancelled.` } };
      if (isAppError(error)) return { ok: false, error: error.toShape() };
      this.options.logger.error('rpc: handler failed', { proc: name, error });
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: new AppError('internal', `${name} failed: ${redactString(message)}`).toShape(),
      };
    }
  }
}
