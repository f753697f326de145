import { parentPort, workerData } from 'node:worker_threads';
import { openRelayDatabase } from './open';
import { SqliteRulesWriter } from './rules-writer';
import { SqliteWriter } from './writer';

/**
 * The SQLite writer thread: owns the write connection, so commits (and their fsync) never block the
 * relay's event loop. Requests are handled one at a time, in the order they were posted.
 */
type MethodsOf<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };
type Ops = MethodsOf<SqliteWriter> & MethodsOf<SqliteRulesWriter>;
type Op = keyof Ops & string;

export type WriterRequest =
  | { [K in Op]: { id: number; op: K; args: Ops[K] extends (...args: infer A) => unknown ? A : never } }[Op]
  | { id: number; op: 'close' };

export type WriterReply = { id: number; value: unknown } | { id: number; error: string };

const port = parentPort!;
const db = openRelayDatabase((workerData as { path: string }).path, { migrate: false });
const writers = [new SqliteWriter(db), new SqliteRulesWriter(db)];
const ops = new Map<string, (...args: unknown[]) => unknown>();
for (const writer of writers) {
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(writer))) {
    const method = (writer as unknown as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof method === 'function')
      ops.set(name, (method as (...args: unknown[]) => unknown).bind(writer));
  }
}

port.on('message', (request: WriterRequest) => {
  if (request.op === 'close') {
    db.close();
    port.postMessage({ id: request.id, value: null } satisfies WriterReply);
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    const method = ops.get(request.op);
    if (!method) throw new Error(`the SQLite writer has no operation ${request.op}`);
    reply = { id: request.id, value: method(...request.args) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0, value: 'ready' } satisfies WriterReply);
