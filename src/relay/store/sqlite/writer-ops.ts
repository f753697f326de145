import type Database from 'better-sqlite3';
import { SqliteRulesWriter } from './rules-writer';
import { SqliteWriter } from './writer';

type MethodsOf<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };
type Ops = MethodsOf<SqliteWriter> & MethodsOf<SqliteRulesWriter>;
type Op = keyof Ops & string;

export type WriterRequest =
  | { [K in Op]: { id: number; op: K; args: Ops[K] extends (...args: infer A) => unknown ? A : never } }[Op]
  | { id: number; op: 'close' };

export type WriterReply = { id: number; value: unknown } | { id: number; error: string };

/**
 * Every write the relay's SQLite store makes, by name, on one connection: what the writer thread (or,
 * embedded in the console's demo, the same thread) runs for each request, one at a time, in order.
 */
export function writerOperations(
  db: Database.Database,
): (request: Exclude<WriterRequest, { op: 'close' }>) => WriterReply {
  const ops = new Map<string, (...args: unknown[]) => unknown>();
  for (const writer of [new SqliteWriter(db), new SqliteRulesWriter(db)]) {
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(writer))) {
      const method = (writer as unknown as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof method === 'function')
        ops.set(name, (method as (...args: unknown[]) => unknown).bind(writer));
    }
  }
  return (request) => {
    try {
      const method = ops.get(request.op);
      if (!method) throw new Error(`the SQLite writer has no operation ${request.op}`);
      return { id: request.id, value: method(...(request.args as unknown[])) };
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
