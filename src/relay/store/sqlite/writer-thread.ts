import { parentPort, workerData } from 'node:worker_threads';
import { openRelayDatabase } from './open';
import { SqliteWriter } from './writer';

/**
 * The SQLite writer thread: owns the write connection, so commits (and their fsync) never block the
 * relay's event loop. Requests are handled one at a time, in the order they were posted.
 */
export type WriterRequest =
  | { id: number; op: 'appendWebhooks'; args: Parameters<SqliteWriter['appendWebhooks']> }
  | { id: number; op: 'pruneBefore'; args: Parameters<SqliteWriter['pruneBefore']> }
  | { id: number; op: 'changeLedger'; args: Parameters<SqliteWriter['changeLedger']> }
  | { id: number; op: 'createToken'; args: Parameters<SqliteWriter['createToken']> }
  | { id: number; op: 'revokeToken'; args: Parameters<SqliteWriter['revokeToken']> }
  | { id: number; op: 'close' };

export type WriterReply = { id: number; value: unknown } | { id: number; error: string };

const port = parentPort!;
const db = openRelayDatabase((workerData as { path: string }).path, { migrate: false });
const writer = new SqliteWriter(db);

port.on('message', (request: WriterRequest) => {
  if (request.op === 'close') {
    db.close();
    port.postMessage({ id: request.id, value: null } satisfies WriterReply);
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    const method = writer[request.op] as (...args: unknown[]) => unknown;
    reply = { id: request.id, value: method.apply(writer, request.args) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0, value: 'ready' } satisfies WriterReply);
