import type { z } from 'zod';

/**
 * Who is at the other end of a connection to the core, as the host that made the connection says:
 * the console's window (the desktop's renderer, or the browser form's WebSocket) or the desktop
 * shell itself (Electron main). A connection's role is fixed when it is attached; nothing sent over
 * it can change it.
 */
export const callerRoles = ['renderer', 'shell'] as const;
export type CallerRole = (typeof callerRoles)[number];

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One line for the README's contract table and error messages. */
  readonly summary: string;
  /** The roles that may call it; the core answers anyone else `forbidden`. */
  readonly callers: readonly CallerRole[];
}

/** A procedure of the contract; every caller may call it unless `callers` narrows them. */
export function procedure<I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  summary: string;
  callers?: readonly CallerRole[];
}): ProcedureDef<I, O> {
  return { ...def, callers: def.callers ?? callerRoles };
}

export type ProcedureMap = Record<string, ProcedureDef>;
export type EventMap = Record<string, z.ZodType>;

export type InputOf<P extends ProcedureMap, K extends keyof P> = z.input<P[K]['input']>;
export type ParsedInputOf<P extends ProcedureMap, K extends keyof P> = z.output<P[K]['input']>;
export type OutputOf<P extends ProcedureMap, K extends keyof P> = z.output<P[K]['output']>;
export type PayloadOf<E extends EventMap, K extends keyof E> = z.output<E[K]>;
