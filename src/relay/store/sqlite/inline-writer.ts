import { EventEmitter } from 'node:events';
import { openRelayDatabase } from './open';
import { writerOperations, type WriterReply, type WriterRequest } from './writer-ops';

/**
 * The writer on the relay's own thread, speaking the writer thread's protocol: for a relay embedded in
 * another process (the console's demo workspace) whose bundle cannot start a TypeScript worker. Each
 * commit then blocks the event loop for its fsync, which a demo's trickle of webhooks never notices.
 */
export class InlineWriter extends EventEmitter {
  private readonly db;
  private readonly run;

  constructor(path: string) {
    super();
    this.db = openRelayDatabase(path, { migrate: false });
    this.run = writerOperations(this.db);
    setImmediate(() => this.emit('message', { id: 0, value: 'ready' } satisfies WriterReply));
  }

  postMessage(request: WriterRequest): void {
    if (request.op === 'close') {
      this.db.close();
      setImmediate(() => {
        this.emit('message', { id: request.id, value: null } satisfies WriterReply);
        this.emit('exit', 0);
      });
      return;
    }
    const reply = this.run(request);
    setImmediate(() => this.emit('message', reply));
  }

  terminate(): Promise<number> {
    if (this.db.open) this.db.close();
    this.emit('exit', 1);
    return Promise.resolve(1);
  }
}
