import { connect } from 'node:net';

/** What a listener did with one raw request: its status code, or the connection closed without one. */
export type RawOutcome = number | 'closed' | 'client-timeout';

/**
 * Sends raw bytes to 127.0.0.1:`port` on a fresh connection and reads the status line of the answer
 * (a test guard gives up after `timeoutMs`: the listener must answer or close by itself long before).
 */
export function rawExchange(
  port: number,
  pieces: readonly (string | Buffer)[],
  timeoutMs = 15_000,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let settled = false;
    const finish = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      socket.destroy();
      resolve(outcome);
    };
    const guard = setTimeout(() => finish('client-timeout'), timeoutMs);
    const status = (): number | null => {
      const match = /^HTTP\/1\.[01] (\d{3}) /.exec(answer);
      return match ? Number(match[1]) : null;
    };
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const code = status();
      if (code !== null && answer.includes('\r\n\r\n')) finish(code);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(status() ?? 'closed'));
    socket.once('connect', () => {
      for (const piece of pieces) if (!socket.destroyed) socket.write(piece);
    });
  });
}
