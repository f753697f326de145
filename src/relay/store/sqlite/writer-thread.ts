import { parentPort, workerData } from 'node:worker_threads';
import { openRelayDatabase } from './open';
import { writerOperations, type WriterReply, type WriterRequest } from './writer-ops';

/**
 * The SQLite writer thread: owns the write connection, so commits (and their fsync) never block the
 * relay's event loop. Requests are handled one at a time, in the order they were posted.
 */
const port = parentPort!;
const db = openRelayDatabase((workerData as { path: string }).path, { migrate: false });
const run = writerOperations(db);

port.on('message', (request: WriterRequest) => {
  if (request.op === 'close') {
    db.close();
    port.postMessage({ id: request.id, value: null } satisfies WriterReply);
    port.close();
    return;
  }
  port.postMessage(run(request));
});
port.postMessage({ id: 0, value: 'ready' } satisfies WriterReply);
