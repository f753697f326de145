import type { z } from 'zod';

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One line for the README's contract table and error messages. */
  readonly summary: string;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  summary: string;
}): ProcedureDef<I, O> {
  return def;
}

export type ProcedureMap = Record<string, ProcedureDef>;
export type EventMap = Record<string, z.ZodType>;

export type InputOf<P extends ProcedureMap, K extends keyof P> = z.input<P[K]['input']>;
export type ParsedInputOf<P extends ProcedureMap, K extends keyof P> = z.output<P[K]['input']>;
export type OutputOf<P extends ProcedureMap, K extends keyof P> = z.output<P[K]['output']>;
export type PayloadOf<E extends EventMap, K extends keyof E> = z.output<E[K]>;
